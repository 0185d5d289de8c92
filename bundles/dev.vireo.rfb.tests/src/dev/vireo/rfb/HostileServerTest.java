package dev.vireo.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/**
 * The VNC client against a hostile server of the test's own: crafted messages (huge sizes,
 * negative lengths, rectangles outside the screen, broken ZRLE, unknown types), random bytes after
 * a valid handshake, streams cut at every length, a server that drips bytes and one that says
 * nothing. Every session must end, once, with a reason, its socket closed and its threads gone;
 * sends never wait on the network; nothing runs the heap out.
 */
class HostileServerTest {
    private static final int W = 64, H = 48;

    /** What the server sends after the version: security None, ServerInit for a W×H screen. */
    private static byte[] handshake(int width, int height, long nameLength) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] { 1, 1 });
        out.writeInt(0);
        out.writeShort(width);
        out.writeShort(height);
        out.write(new byte[16]);
        out.writeInt((int) nameLength);
        if (nameLength > 0 && nameLength < 100) {
            out.write(new byte[(int) nameLength]);
        }
        return bytes.toByteArray();
    }

    /** A FramebufferUpdate of one rectangle, with what follows its header. */
    private static byte[] rect(int x, int y, int w, int h, int encoding, byte... body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] { 0, 0, 0, 1 });
        out.writeShort(x);
        out.writeShort(y);
        out.writeShort(w);
        out.writeShort(h);
        out.writeInt(encoding);
        out.write(body);
        return bytes.toByteArray();
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    private static byte[] ints(int... values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int v : values) {
            bytes.writeBytes(new byte[] { (byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v });
        }
        return bytes.toByteArray();
    }

    /** Crafted sessions, each with the words the client must end it with. */
    private static List<Object[]> crafted() throws IOException {
        byte[] ok = handshake(W, H, 4);
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] { handshake(W, H, Integer.MAX_VALUE), "-byte text" });
        cases.add(new Object[] { handshake(W, H, -1), "-byte text" });
        cases.add(new Object[] { handshake(65535, 65535, 4), "larger than Vireo shows" });
        cases.add(new Object[] { join(ok, rect(W - 1, 0, 2, 1, 0)), "outside its 64×48 screen" });
        cases.add(new Object[] { join(ok, rect(65535, 65535, 65535, 65535, 0)), "outside its 64×48 screen" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 8, 1, new byte[] { 0, 60, 0, 0 })), "outside its 64×48 screen" });
        cases.add(new Object[] { join(ok, rect(0, 0, 4, 4, 2, join(ints(1, 0, 0), new byte[] { 0, 3, 0, 0, 0, 2, 0, 1 }))),
                "sub-rectangle outside" });
        cases.add(new Object[] { join(ok, rect(0, 0, 4, 4, 2, ints(Integer.MAX_VALUE, 0))), "" });
        cases.add(new Object[] { join(ok, rect(0, 0, 16, 16, 5, new byte[] { 8, 1, (byte) 0xff, (byte) 0xf0 })),
                "sub-rectangle outside" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 8, 16, ints(-5))), "bytes of ZRLE data" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 8, 16, join(ints(4), new byte[] { 1, 2, 3, 4 }))), "broken ZRLE" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 8, 99)), "encoding 99" });
        cases.add(new Object[] { join(ok, new byte[] { 42 }), "message type 42" });
        // clipboard text past 64 KiB is skipped, not kept: here the stream ends inside it
        cases.add(new Object[] { join(ok, new byte[] { 3, 0, 0, 0 }, ints(Integer.MAX_VALUE)), "closed the connection" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 8, 7, new byte[] { (byte) 0xa0 })), "Tight compression type 10" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 8, 7, new byte[] { 0x40, 5 })), "Tight filter 5" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 1, 7, new byte[] { 0x40, 1, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 0, 1, 2, 5,
                0, 0, 0, 0 })), "colour 5 of a palette of 3" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 8, 7, new byte[] { 0x00, 4, 1, 2, 3, 4 })), "broken Tight data" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 8, 7, new byte[] { (byte) 0x90, 4, 1, 2, 3, 4 })), "JPEG" });
        cases.add(new Object[] { join(ok, rect(0, 0, 8, 8, 7, new byte[] { (byte) 0x90, (byte) 0xff, (byte) 0xff, 0x7f })),
                "JPEG" }); // 2 MiB promised, the stream ends: what came is no JPEG
        cases.add(new Object[] { join(ok, rect(0, 0, 1000, 1000, -239)), "1000×1000 pointer" });
        cases.add(new Object[] { join(ok, new byte[] { (byte) 248, 0, 0, 0, (byte) 0x80, 0, 0, 0, (byte) 200 }),
                "fence of 200 bytes" });
        cases.add(new Object[] { join(ok, rect(9, 0, 4, 4, -239)), "hot spot at 9,0" });
        cases.add(new Object[] { join(ok, rect(0, 0, 30000, 30000, -308, join(new byte[] { 1, 0, 0, 0 }, new byte[16]))),
                "larger than Vireo shows" });
        cases.add(new Object[] { join(ok, rect(0, 0, 0, 0, -223)), "closed" }); // a 0×0 screen is a screen
        return cases;
    }

    /** One session against a server that sends {@code script} and then closes; the reason the client gave. */
    private static String session(byte[] script, int dripMs) throws Exception {
        return session(script, dripMs, false);
    }

    /** {@code hold}: after the script the server says nothing more, and keeps the connection open. */
    private static String session(byte[] script, int dripMs, boolean hold) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    if (dripMs == 0) {
                        out.write(script);
                    } else {
                        for (byte b : script) {
                            out.write(b);
                            out.flush();
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(dripMs));
                        }
                    }
                    out.flush();
                    if (!hold) {
                        s.shutdownOutput();
                    }
                    s.getInputStream().readAllBytes(); // until the client closes
                } catch (IOException e) {
                    // the client closed first
                }
            });
            String[] reason = { null };
            AtomicInteger endings = new AtomicInteger();
            CountDownLatch ended = new CountDownLatch(1);
            RfbClient client;
            try {
                client = RfbClient.connect("127.0.0.1", server.getLocalPort(), new RfbListener() {
                    @Override
                    public void updated(int x, int y, int w, int h) {
                    }

                    @Override
                    public void closed(String why) {
                        reason[0] = why;
                        endings.incrementAndGet();
                        ended.countDown();
                    }
                }, () -> null);
            } catch (IOException e) {
                served.get(10, TimeUnit.SECONDS);
                return "refused: " + e.getMessage();
            }
            client.start();
            long before = System.nanoTime();
            client.key(Keysyms.RETURN, true); // queued: never waits on the server
            client.pointer(1, 1, 0);
            assertTrue(System.nanoTime() - before < TimeUnit.MILLISECONDS.toNanos(200), "sends do not block");
            assertTrue(ended.await(20, TimeUnit.SECONDS), "the session ends");
            served.get(10, TimeUnit.SECONDS);
            assertEquals(1, endings.get(), "ended once");
            assertTrue(client.isClosed());
            return reason[0];
        }
    }

    @Test
    void craftedMessagesEndTheSessionWithTheirReason() throws Exception {
        for (Object[] c : crafted()) {
            String reason = session((byte[]) c[0], 0);
            assertTrue(reason != null && reason.contains((String) c[1]), "expected '" + c[1] + "', got: " + reason);
        }
        assertNoClientThreadsLeft();
    }

    @Test
    void randomBytesAndCutStreamsAlwaysEndTheSession() throws Exception {
        Random random = new Random(20261127);
        byte[] valid = join(handshake(W, H, 4), rect(0, 0, 16, 16, 5, new byte[] { 2 | 8, 0, 0, (byte) 255, 0, 1, 0x11, 0x22 }));
        int sessions = 0;
        for (int cut = 0; cut <= valid.length; cut++) { // a stream cut at every length
            session(java.util.Arrays.copyOf(valid, cut), 0);
            sessions++;
        }
        for (int i = 0; i < 300; i++) { // a valid handshake, then noise
            byte[] noise = new byte[random.nextInt(2048)];
            random.nextBytes(noise);
            session(join(handshake(W, H, 4), noise), 0);
            sessions++;
        }
        System.out.println("rfb-fuzz: " + sessions + " hostile sessions, each ended once with a reason");
        assertNoClientThreadsLeft();
    }

    @Test
    void aSilentServerTimesOutAndADrippingOneNeverBlocksSends() throws Exception {
        int saved = RfbClient.handshakeTimeoutMs;
        RfbClient.handshakeTimeoutMs = 500;
        try {
            String silent = session(new byte[] { 'R', 'F' }, 0, true);
            assertTrue(silent.startsWith("refused: ") && silent.contains("did not finish its handshake within 0.5 s"), "a half-said version times out: " + silent);
        } finally {
            RfbClient.handshakeTimeoutMs = saved;
        }
        String reason = session(join(handshake(W, H, 4), rect(0, 0, 2, 1, 0, new byte[8])), 5);
        assertTrue(reason.contains("closed") || reason.contains("EOF") || reason.startsWith("refused"), reason);
        assertNoClientThreadsLeft();
    }

    @Test
    void aServerThatSendsWithoutReadingEndsTheSession() throws Exception {
        // 4 Mi empty updates (type 0, padding, no rectangle), each answered with a request the server
        // does not read until it has sent them all: the writer's queue is bounded, so the session ends
        String reason = session(join(handshake(W, H, 4), new byte[16 << 20]), 0, true);
        assertTrue(reason.contains("stopped reading"), reason);
        assertNoClientThreadsLeft();
    }

    private static void assertNoClientThreadsLeft() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && clientThreads() > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertEquals(0, clientThreads(), "no reader or writer thread outlives its session");
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("vireo-rfb")).count();
    }
}
