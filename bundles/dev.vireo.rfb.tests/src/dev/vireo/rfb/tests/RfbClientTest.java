package dev.vireo.rfb.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.awt.image.BufferedImage;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vireo.rfb.Cursor;
import dev.vireo.rfb.Keysyms;
import dev.vireo.rfb.Preferences;
import dev.vireo.rfb.RfbClient;
import dev.vireo.rfb.RfbListener;

/**
 * The VNC client against a server this test plays on 127.0.0.1, byte by byte as RFB 3.8 says: the
 * handshake, each encoding the client asks for, a resize, keys and pointer, and the refusals a
 * user must be told about.
 */
class RfbClientTest {
    private static final int W = 4, H = 2;
    private final ServerSocket server;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    /** The server's accept and the client's connect block on each other: each needs a thread of its own. */
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private RfbClient client;

    RfbClientTest() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
        server.close();
        threads.shutdownNow();
    }

    /** The server side of one connection: the test writes and reads its bytes. */
    private record Peer(Socket socket, DataInputStream in, DataOutputStream out) {
    }

    private CompletableFuture<Peer> accept() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Socket s = server.accept();
                s.setSoTimeout(10_000);
                return new Peer(s, new DataInputStream(s.getInputStream()), new DataOutputStream(s.getOutputStream()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
    }

    private CompletableFuture<RfbClient> connect() {
        return connect(null);
    }

    private CompletableFuture<RfbClient> connect(String password) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RfbClient.connect("127.0.0.1", server.getLocalPort(), new RfbListener() {
                    @Override
                    public void updated(int x, int y, int w, int h) {
                        events.add("updated " + x + "," + y + " " + w + "x" + h);
                    }

                    @Override
                    public void resized(int w, int h) {
                        events.add("resized " + w + "x" + h);
                    }

                    @Override
                    public void cursor(Cursor c) {
                        events.add("cursor " + c.hotX() + "," + c.hotY() + " " + c.width() + "x" + c.height());
                    }

                    @Override
                    public void clipboard(String text) {
                        events.add("clipboard " + text);
                    }

                    @Override
                    public void closed(String why) {
                        events.add("closed " + why);
                    }
                }, () -> password);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, threads);
    }

    /** Version, security "None", ServerInit; then reads what the client asks for after it. */
    private Peer handshake() throws Exception {
        CompletableFuture<Peer> accepted = accept();
        CompletableFuture<RfbClient> connected = connect();
        Peer p = accepted.get(10, TimeUnit.SECONDS);
        p.out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        p.out.flush();
        assertEquals("RFB 003.008\n", new String(p.in.readNBytes(12), StandardCharsets.US_ASCII));
        p.out.write(new byte[] { 2, 2, 1 }); // VNC authentication and None: the client takes None
        p.out.flush();
        assertEquals(1, p.in.readUnsignedByte());
        p.out.writeInt(0);
        p.out.flush();
        assertEquals(1, p.in.readUnsignedByte(), "shared");
        p.out.writeShort(W);
        p.out.writeShort(H);
        p.out.write(new byte[16]);
        byte[] name = "fixture desktop".getBytes(StandardCharsets.UTF_8);
        p.out.writeInt(name.length);
        p.out.write(name);
        p.out.flush();
        client = connected.get(10, TimeUnit.SECONDS);
        assertEquals(0, p.in.readUnsignedByte(), "SetPixelFormat");
        p.in.skipNBytes(3);
        byte[] format = p.in.readNBytes(16);
        assertEquals(32, format[0], "bits per pixel");
        assertEquals(1, format[3], "true colour");
        assertArrayEquals(new int[] { 1, 7, 16, 5, 2, 0, -308, -223, -224, -239, -312, -313, -258, -255 }, encodings(p),
                "CopyRect, Tight, ZRLE, Hextile, RRE, Raw, ExtendedDesktopSize, DesktopSize, LastRect, Cursor, Fence, "
                        + "ContinuousUpdates, QEMU extended key events, compression level 1; no JPEG quality: a display on "
                        + "this machine gets lossless pictures");
        assertEquals(Preferences.Quality.LOSSLESS, client.quality());
        assertUpdateRequest(p, false, W, H);
        return p;
    }

    private static int[] encodings(Peer p) throws IOException {
        assertEquals(2, p.in.readUnsignedByte(), "SetEncodings");
        p.in.skipNBytes(1);
        int n = p.in.readUnsignedShort();
        int[] encodings = new int[n];
        for (int i = 0; i < n; i++) {
            encodings[i] = p.in.readInt();
        }
        return encodings;
    }

    private static void assertUpdateRequest(Peer p, boolean incremental, int w, int h) throws IOException {
        assertEquals(3, p.in.readUnsignedByte(), "FramebufferUpdateRequest");
        assertEquals(incremental ? 1 : 0, p.in.readUnsignedByte());
        assertEquals(0, p.in.readUnsignedShort());
        assertEquals(0, p.in.readUnsignedShort());
        assertEquals(w, p.in.readUnsignedShort());
        assertEquals(h, p.in.readUnsignedShort());
    }

    private static void rect(Peer p, int x, int y, int w, int h, int encoding) throws IOException {
        p.out.writeShort(x);
        p.out.writeShort(y);
        p.out.writeShort(w);
        p.out.writeShort(h);
        p.out.writeInt(encoding);
    }

    /** A pixel in the client's format: blue, green, red, padding. */
    private static void pixel(Peer p, int rgb) throws IOException {
        p.out.write(new byte[] { (byte) rgb, (byte) (rgb >> 8), (byte) (rgb >> 16), 0 });
    }

    private String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        return e == null ? "nothing within 10 s" : e;
    }

    @Test
    void rawRreAndCopyRectPaintTheFramebuffer() throws Exception {
        Peer p = handshake();
        assertEquals("fixture desktop", client.name());
        assertEquals(W, client.width());
        client.start();
        p.out.write(new byte[] { 0, 0, 0, 3 }); // FramebufferUpdate with three rectangles
        rect(p, 0, 0, W, H, 0); // Raw: the whole screen
        for (int i = 0; i < W * H; i++) {
            pixel(p, 0x010101 * (i + 1));
        }
        rect(p, 2, 0, 2, 2, 2); // RRE: background red, one green pixel at (3,1)
        p.out.writeInt(1);
        pixel(p, 0xff0000);
        pixel(p, 0x00ff00);
        p.out.writeShort(1);
        p.out.writeShort(1);
        p.out.writeShort(1);
        p.out.writeShort(1);
        rect(p, 0, 1, 1, 1, 1); // CopyRect: (3,1) to (0,1)
        p.out.writeShort(3);
        p.out.writeShort(1);
        p.out.flush();
        assertEquals("updated 0,0 4x2", next());
        assertEquals("updated 2,0 2x2", next());
        assertEquals("updated 0,1 1x1", next());
        int o = 0xff000000;
        assertArrayEquals(new int[] { o | 0x010101, o | 0x020202, o | 0xff0000, o | 0xff0000,
                o | 0x00ff00, o | 0x060606, o | 0xff0000, o | 0x00ff00 }, client.frame().pixels());
        assertUpdateRequest(p, true, W, H);
    }

    @Test
    void vncAuthenticationAnswersTheChallengeAsDesDoes() throws Exception {
        CompletableFuture<Peer> accepted = accept();
        CompletableFuture<RfbClient> connected = connect("vireo");
        Peer p = accepted.get(10, TimeUnit.SECONDS);
        p.out.write(concat("RFB 003.008\n", new byte[] { 1, 2 }));
        p.out.flush();
        p.in.skipNBytes(12);
        assertEquals(2, p.in.readUnsignedByte(), "VNC Authentication chosen");
        byte[] challenge = new byte[16];
        for (int i = 0; i < 16; i++) {
            challenge[i] = (byte) i;
        }
        p.out.write(challenge);
        p.out.flush();
        // what OpenSSL's DES-ECB gives for this challenge and the bit-reversed key "vireo"
        assertEquals("342577fafb4a60e192f80b17adff2f99", HexFormat.of().formatHex(p.in.readNBytes(16)));
        p.out.writeInt(1);
        byte[] reason = "wrong password".getBytes(StandardCharsets.US_ASCII);
        p.out.writeInt(reason.length);
        p.out.write(reason);
        p.out.flush();
        Exception e = assertThrows(Exception.class, () -> connected.get(10, TimeUnit.SECONDS));
        assertEquals("the VNC password was refused: wrong password", e.getCause().getMessage());
    }

    @Test
    void hextileAndZrlePaintTheFramebuffer() throws Exception {
        Peer p = handshake();
        client.start();
        p.out.write(new byte[] { 0, 0, 0, 2 });
        rect(p, 0, 0, W, H, 5); // Hextile, one tile: background blue, one red subrect at (1,0) 2x1
        p.out.writeByte(2 | 8 | 16);
        pixel(p, 0x0000ff);
        p.out.writeByte(1);
        pixel(p, 0xff0000);
        p.out.writeByte(1 << 4 | 0);
        p.out.writeByte(1 << 4 | 0);
        rect(p, 0, 1, W, 1, 16); // ZRLE, one tile: palette of 2, packed 1 bit per pixel: 0 1 1 0
        java.io.ByteArrayOutputStream tile = new java.io.ByteArrayOutputStream();
        tile.writeBytes(new byte[] { 2, 0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0b0110_0000 });
        Deflater deflater = new Deflater();
        deflater.setInput(tile.toByteArray());
        byte[] zipped = new byte[256];
        int n = deflater.deflate(zipped, 0, zipped.length, Deflater.SYNC_FLUSH);
        p.out.writeInt(n);
        p.out.write(zipped, 0, n);
        p.out.flush();
        assertEquals("updated 0,0 4x2", next());
        assertEquals("updated 0,1 4x1", next());
        int o = 0xff000000;
        assertArrayEquals(new int[] { o | 0x0000ff, o | 0xff0000, o | 0xff0000, o | 0x0000ff,
                o, o | 0xffffff, o | 0xffffff, o }, client.frame().pixels());
    }

    /** Tight's length: 7 bits a byte, low first. */
    private static void compact(Peer p, int length) throws IOException {
        p.out.writeByte(length < 128 ? length : length & 0x7f | 0x80);
        if (length >= 128) {
            p.out.writeByte(length >> 7);
        }
    }

    private static byte[] deflate(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        byte[] zipped = new byte[data.length + 64];
        return Arrays.copyOf(zipped, deflater.deflate(zipped, 0, zipped.length, Deflater.SYNC_FLUSH));
    }

    @Test
    void tightFillCopyPaletteAndGradientPaintTheFramebuffer() throws Exception {
        Peer p = handshake();
        client.start();
        Deflater stream0 = new Deflater();
        for (int round = 0; round < 2; round++) { // the zlib stream runs on across rectangles
            p.out.write(new byte[] { 0, 0, 0, 2 });
            rect(p, 0, 0, W, H, 7); // fill: one colour, red green blue
            p.out.writeByte(0x80);
            p.out.write(new byte[] { 1, 2, 3 });
            rect(p, 0, 0, W, 1, 7); // basic on stream 0, no filter (copy): 12 bytes, so compressed
            p.out.writeByte(0x00);
            byte[] zipped = deflate(stream0, new byte[] { 10, 0, 0, 0, 20, 0, 0, 0, 30, (byte) round, 0, 0 });
            compact(p, zipped.length);
            p.out.write(zipped);
            p.out.flush();
            assertEquals("updated 0,0 4x2", next());
            assertEquals("updated 0,0 4x1", next());
            int o = 0xff000000;
            assertArrayEquals(new int[] { o | 0x0a0000, o | 0x001400, o | 0x00001e, o | round << 16,
                    o | 0x010203, o | 0x010203, o | 0x010203, o | 0x010203 }, client.frame().pixels());
            assertUpdateRequest(p, true, W, H);
        }
        p.out.write(new byte[] { 0, 0, 0, 2 });
        rect(p, 0, 1, W, 1, 7); // stream 1 with a palette of two: one bit a pixel, 1 0 0 1; under 12 bytes: as is
        p.out.write(new byte[] { 0x50, 1, 1, 9, 9, 9, 7, 7, 7, (byte) 0b1001_0000 });
        rect(p, 0, 0, 2, 1, 7); // stream 2, gradient: the first pixel as is, the second its difference from the first
        p.out.write(new byte[] { 0x60, 2, 100, 50, 25, 5, (byte) -5, 0 });
        p.out.flush();
        next();
        next();
        int o = 0xff000000;
        assertArrayEquals(new int[] { o | 0x643219, o | 0x692d19, o | 0x00001e, o | 0x010000,
                o | 0x070707, o | 0x090909, o | 0x090909, o | 0x070707 }, client.frame().pixels());
    }

    @Test
    void tightJpegIsDecodedAsTheJdkDecodesIt() throws Exception {
        Peer p = handshake();
        client.start();
        BufferedImage picture = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < W * H; i++) {
            picture.setRGB(i % W, i / W, 0x204080 + i * 0x101010);
        }
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        assertTrue(ImageIO.write(picture, "jpeg", jpeg));
        p.out.write(new byte[] { 0, 0, 0, 1 });
        rect(p, 0, 0, W, H, 7);
        p.out.writeByte(0x90);
        compact(p, jpeg.size());
        p.out.write(jpeg.toByteArray());
        p.out.flush();
        assertEquals("updated 0,0 4x2", next());
        BufferedImage expected = ImageIO.read(new java.io.ByteArrayInputStream(jpeg.toByteArray()));
        int[] pixels = expected.getRGB(0, 0, W, H, null, 0, W);
        assertArrayEquals(pixels, client.frame().pixels());
        assertTrue(Math.abs((client.frame().pixels()[0] >> 16 & 0xff) - 0x20) < 8, "close to what was encoded");
    }

    @Test
    void thePointersShapeArrivesWithItsMask() throws Exception {
        Peer p = handshake();
        client.start();
        p.out.write(new byte[] { 0, 0, 0, 1 });
        rect(p, 1, 0, 2, 2, -239); // hot spot (1,0), 2x2: pixels, then a mask of a byte a row
        for (int rgb : new int[] { 0xff0000, 0x00ff00, 0x0000ff, 0xffffff }) {
            pixel(p, rgb);
        }
        p.out.write(new byte[] { (byte) 0b1000_0000, (byte) 0b0100_0000 });
        p.out.flush();
        assertEquals("cursor 1,0 2x2", next());
        assertArrayEquals(new int[] { 0xffff0000, 0, 0, 0xffffffff }, client.cursor().pixels(), "outside the mask: transparent");
        assertUpdateRequest(p, true, W, H);
    }

    @Test
    void extendedDesktopSizeResizesBothWays() throws Exception {
        Peer p = handshake();
        client.start();
        p.out.write(new byte[] { 0, 0, 0, 1 });
        rect(p, 0, 0, 8, 3, -308); // the server's layout: one screen, id 7
        p.out.write(new byte[] { 1, 0, 0, 0 });
        p.out.write(new byte[] { 0, 0, 0, 7, 0, 0, 0, 0, 0, 8, 0, 3, 0, 0, 0, 0 });
        p.out.flush();
        assertEquals("resized 8x3", next());
        assertUpdateRequest(p, true, 8, 3);
        assertTrue(client.resize(10, 5), "the server said it can resize");
        assertArrayEquals(new byte[] { (byte) 251, 0, 0, 10, 0, 5, 1, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 10, 0, 5, 0, 0, 0, 0 },
                p.in.readNBytes(24), "SetDesktopSize: the server's screen id kept");
        p.out.write(new byte[] { 0, 0, 0, 1 });
        rect(p, 1, 3, 10, 5, -308); // the client's request (1), refused (3): the screen stays
        p.out.write(new byte[] { 1, 0, 0, 0 });
        p.out.write(new byte[] { 0, 0, 0, 7, 0, 0, 0, 0, 0, 8, 0, 3, 0, 0, 0, 0 });
        p.out.flush();
        assertUpdateRequest(p, true, 8, 3);
        assertEquals(8 * 3, client.frame().pixels().length);
    }

    @Test
    void clipboardTextTravelsBothWaysAsLatin1() throws Exception {
        Peer p = handshake();
        client.start();
        p.out.write(new byte[] { 3, 0, 0, 0, 0, 0, 0, 6 });
        p.out.write("caf\u00e9 !".getBytes(StandardCharsets.ISO_8859_1));
        p.out.flush();
        assertEquals("clipboard caf\u00e9 !", next());
        client.clipboard("na\u00efve \u2603");
        assertArrayEquals(new byte[] { 6, 0, 0, 0, 0, 0, 0, 7, 'n', 'a', (byte) 0xef, 'v', 'e', ' ', '?' }, p.in.readNBytes(15));
    }

    @Test
    void aQualityChosenMidSessionAsksForJpegAndAFullScreen() throws Exception {
        Peer p = handshake();
        client.setPreferences(Preferences.DEFAULT.withQuality(Preferences.Quality.LOW));
        int[] encodings = encodings(p);
        assertEquals(-30, encodings[encodings.length - 1], "JPEG quality 2: " + Arrays.toString(encodings));
        assertUpdateRequest(p, false, W, H);
        assertEquals(Preferences.Quality.LOW, client.quality());
    }

    @Test
    void aServerThatPushesUpdatesGetsNoRequestsAndItsFencesAnswered() throws Exception {
        Peer p = handshake();
        client.start();
        p.out.write(150); // EndOfContinuousUpdates: the server can push
        p.out.flush();
        assertArrayEquals(new byte[] { (byte) 150, 1, 0, 0, 0, 0, 0, W, 0, H }, p.in.readNBytes(10),
                "EnableContinuousUpdates for the whole screen");
        p.out.write(new byte[] { 0, 0, 0, 1 });
        rect(p, 0, 0, 1, 1, 0);
        pixel(p, 0x123456);
        p.out.write(new byte[] { (byte) 248, 0, 0, 0, (byte) 0x80, 0, 0, 1, 2, 'h', 'i' }); // Fence: request, BlockBefore
        p.out.flush();
        assertEquals("updated 0,0 1x1", next());
        assertArrayEquals(new byte[] { (byte) 248, 0, 0, 0, 0, 0, 0, 1, 2, 'h', 'i' }, p.in.readNBytes(11),
                "the fence answered, and before it no update request: the server pushes");
        p.out.write(150); // the server stopped pushing: requests again
        p.out.flush();
        assertUpdateRequest(p, true, W, H);
    }

    @Test
    void keysCarryScancodesWhereTheServerTakesThem() throws Exception {
        Peer p = handshake();
        client.useScancodes(keysym -> keysym == 'a' ? 0x1e : keysym == Keysyms.UP ? 0xc8 : 0);
        client.key('a', true); // before the server said it takes them: a plain key event
        assertArrayEquals(new byte[] { 4, 1, 0, 0, 0, 0, 0, 'a' }, p.in.readNBytes(8));
        client.start();
        p.out.write(new byte[] { 0, 0, 0, 1 });
        rect(p, 0, 0, W, H, -258); // QEMU's extended key event: taken
        p.out.flush();
        assertUpdateRequest(p, true, W, H);
        client.key('a', true);
        assertArrayEquals(new byte[] { (byte) 255, 0, 0, 1, 0, 0, 0, 'a', 0, 0, 0, 0x1e }, p.in.readNBytes(12));
        client.key(Keysyms.UP, false); // an extended key: 0xE0 0x48 sent as 0x80 | 0x48
        assertArrayEquals(new byte[] { (byte) 255, 0, 0, 0, 0, 0, (byte) 0xff, 0x52, 0, 0, 0, (byte) 0xc8 },
                p.in.readNBytes(12));
        client.key('?', true); // no scancode known: a plain key event
        assertArrayEquals(new byte[] { 4, 1, 0, 0, 0, 0, 0, '?' }, p.in.readNBytes(8));
    }

    @Test
    void aResizeMakesANewFramebufferAndTheNextRequestCoversIt() throws Exception {
        Peer p = handshake();
        client.start();
        p.out.write(new byte[] { 0, 0, 0, 1 });
        rect(p, 0, 0, 8, 3, -223);
        p.out.flush();
        assertEquals("resized 8x3", next());
        assertEquals(8 * 3, client.frame().pixels().length);
        assertUpdateRequest(p, true, 8, 3);
    }

    @Test
    void keysAndPointerAreSentAsRfbMessages() throws Exception {
        Peer p = handshake();
        client.chord(Keysyms.CONTROL_L, Keysyms.DELETE);
        for (int[] expected : new int[][] { { 1, Keysyms.CONTROL_L }, { 1, Keysyms.DELETE }, { 0, Keysyms.DELETE },
                { 0, Keysyms.CONTROL_L } }) {
            assertEquals(4, p.in.readUnsignedByte(), "KeyEvent");
            assertEquals(expected[0], p.in.readUnsignedByte());
            p.in.skipNBytes(2);
            assertEquals(expected[1], p.in.readInt());
        }
        client.pointer(99, -5, 1); // clamped to the screen
        assertEquals(5, p.in.readUnsignedByte(), "PointerEvent");
        assertEquals(1, p.in.readUnsignedByte());
        assertEquals(W - 1, p.in.readUnsignedShort());
        assertEquals(0, p.in.readUnsignedShort());
    }

    @Test
    void aServerThatClosesEndsTheClientWithTheReason() throws Exception {
        Peer p = handshake();
        client.start();
        p.socket.close();
        assertTrue(next().startsWith("closed "));
    }

    @Test
    void refusalsAreToldPlainly() throws Exception {
        assertEquals("not a VNC server: SSH-2.0-Open", refusal("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("the VNC server wants a password; none was given",
                refusal(concat("RFB 003.008\n", new byte[] { 1, 2 })));
        assertEquals("the VNC server offers only security types 19, 5; Vireo speaks None (1) and VNC Authentication (2)",
                refusal(concat("RFB 003.008\n", new byte[] { 2, 19, 5 })));
        assertEquals("the VNC server refused: too many viewers",
                refusal(concat("RFB 003.008\n", new byte[] { 0, 0, 0, 0, 16 }, "too many viewers")));
    }

    private String refusal(byte[] serverSays) throws Exception {
        CompletableFuture<Peer> accepted = accept();
        CompletableFuture<RfbClient> connected = connect();
        Peer p = accepted.get(10, TimeUnit.SECONDS);
        p.out.write(serverSays);
        p.out.flush();
        Exception e = assertThrows(Exception.class, () -> connected.get(10, TimeUnit.SECONDS));
        p.socket.close();
        return e.getCause().getMessage();
    }

    private static byte[] concat(Object... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            all.writeBytes(part instanceof String s ? s.getBytes(StandardCharsets.US_ASCII) : (byte[]) part);
        }
        return all.toByteArray();
    }
}
