package dev.vireo.rfb;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A VNC client speaking the part of RFB 3.8 (RFC 6143) a virtual machine's console needs: security
 * "None" and "VNC Authentication", 32-bit true colour, the ZRLE, Hextile, CopyRect, RRE and Raw
 * encodings, desktop resizes, keys and the pointer. The server is not trusted: every size it sends
 * is checked ({@link Framebuffer}), strings are capped, the handshake has a deadline, and any
 * failure ends the session once, with a reason, and closes the socket. One thread reads; sends are
 * queued to a writer thread of their own, so no caller (the UI thread) ever blocks on the network.
 */
public final class RfbClient implements Closeable {
    /** The longest name or reason Vireo reads: 64 KiB. */
    static final int MAX_STRING = 64 * 1024;
    private static final String CLOSED_BY_SERVER = "the VNC server closed the connection";
    /** How long a server may stay silent during the handshake; the hostile-server test shortens it. */
    static volatile int handshakeTimeoutMs = 15_000;
    /** Handshake deadlines: a thread of their own (the common pool may be busy, or have one thread). */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();
    private static final int[] ENCODINGS = { Decoders.COPY_RECT, Decoders.ZRLE, Decoders.HEXTILE, Decoders.RRE,
            Decoders.RAW, Decoders.DESKTOP_SIZE, Decoders.LAST_RECT };

    /** Hears about the screen, on the client's reader thread. */
    public interface Listener {
        void updated(int x, int y, int width, int height);

        default void resized(int width, int height) {
        }

        default void closed(String reason) {
        }
    }

    private final Closeable transport;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Listener listener;
    private final Decoders decoders;
    private final ExecutorService writer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Framebuffer screen;
    private volatile Frame frame;
    private String name;

    private RfbClient(InputStream in, OutputStream out, Closeable transport, Listener listener) {
        this.transport = transport;
        this.in = new DataInputStream(new BufferedInputStream(in));
        this.out = new DataOutputStream(out);
        this.listener = listener;
        decoders = new Decoders(this.in);
        writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("vireo-rfb-writer").daemon().factory());
    }

    /** Connects and completes the handshake; a server that wants a password is refused with its reason. */
    public static RfbClient connect(String host, int port, Listener listener) throws IOException {
        return connect(host, port, listener, () -> null);
    }

    /**
     * Connects and completes the handshake, with {@code password} asked (once, on this thread) if
     * the server wants VNC Authentication; {@code null} from it refuses.
     */
    public static RfbClient connect(String host, int port, Listener listener, Supplier<String> password) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), handshakeTimeoutMs);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return connect(socket.getInputStream(), socket.getOutputStream(), socket, listener, password);
    }

    /**
     * Speaks RFB over any byte stream, e.g. {@code ssh -W}'s standard input and output; closing
     * {@code transport} ends it. The handshake must finish within its deadline, or the transport
     * is closed.
     */
    public static RfbClient connect(InputStream in, OutputStream out, Closeable transport, Listener listener,
            Supplier<String> password) throws IOException {
        RfbClient client = new RfbClient(in, out, transport, listener);
        // whichever comes first settles it: the handshake's end, or its deadline closing the transport
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                quietly(transport);
            }
        }, handshakeTimeoutMs, TimeUnit.MILLISECONDS);
        IOException failure;
        try {
            client.handshake(password);
            if (settled.compareAndSet(false, true)) {
                deadline.cancel(false);
                return client;
            }
            failure = null;
        } catch (EOFException e) {
            failure = new IOException(CLOSED_BY_SERVER + " during the handshake", e);
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException("the VNC server's handshake is broken: " + e, e);
        }
        boolean late = !settled.compareAndSet(false, true);
        deadline.cancel(false);
        quietly(transport);
        client.writer.shutdownNow();
        throw late ? new IOException("the VNC server did not finish its handshake within "
                + handshakeTimeoutMs / 1000.0 + " s", failure) : failure;
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("vnc-handshake-deadlines").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static void quietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private void handshake(Supplier<String> password) throws IOException {
        String v = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        if (!v.startsWith("RFB 003.")) {
            throw new IOException("not a VNC server: " + v.strip());
        }
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush(); // every handshake message: a stream may be buffered (ssh's standard input is)
        int count = in.readUnsignedByte();
        if (count == 0) {
            throw new IOException("the VNC server refused: " + string());
        }
        boolean none = false, vncAuth = false;
        StringBuilder offered = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int type = in.readUnsignedByte();
            none |= type == 1;
            vncAuth |= type == 2;
            offered.append(offered.isEmpty() ? "" : ", ").append(type);
        }
        if (none) {
            out.writeByte(1);
            out.flush();
        } else if (vncAuth) {
            String secret = password.get();
            if (secret == null) {
                throw new IOException("the VNC server wants a password; none was given");
            }
            out.writeByte(2);
            out.flush();
            try {
                out.write(VncAuth.response(in.readNBytes(16), secret));
                out.flush();
            } catch (GeneralSecurityException e) {
                throw new IOException("this Java cannot do VNC Authentication (DES): " + e.getMessage(), e);
            }
        } else {
            throw new IOException("the VNC server offers only security types " + offered
                    + "; Vireo speaks None (1) and VNC Authentication (2)");
        }
        if (in.readInt() != 0) {
            throw new IOException((vncAuth && !none ? "the VNC password was refused: " : "the VNC server refused: ")
                    + string());
        }
        out.writeByte(1); // shared: other viewers stay connected
        out.flush();
        int width = in.readUnsignedShort(), height = in.readUnsignedShort();
        in.skipNBytes(16); // the server's pixel format: replaced by ours below
        name = string();
        screen = new Framebuffer(width, height);
        frame = screen.snapshot();
        // SetPixelFormat: 32 bpp, depth 24, little endian, true colour, 8 bits each at 16, 8, 0
        ByteBuffer m = ByteBuffer.allocate(20 + 4 + 4 * ENCODINGS.length);
        m.put(new byte[] { 0, 0, 0, 0, 32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0 });
        m.put((byte) 2).put((byte) 0).putShort((short) ENCODINGS.length);
        for (int e : ENCODINGS) {
            m.putInt(e);
        }
        out.write(m.array());
        out.write(updateRequest(false, width, height));
        out.flush();
    }

    /** A length-prefixed string (name, reason), at most {@link #MAX_STRING} bytes. */
    private String string() throws IOException {
        long length = in.readInt() & 0xffffffffL;
        if (length > MAX_STRING) {
            throw new IOException("the VNC server sent a " + length + "-byte text");
        }
        return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
    }

    /** Starts reading the server's messages on a daemon thread of its own. */
    public void start() {
        Thread.ofPlatform().name("vireo-rfb " + name).daemon().start(this::read);
    }

    public String name() {
        return name;
    }

    public int width() {
        return screen.width;
    }

    public int height() {
        return screen.height;
    }

    /** The screen after the last complete update: an immutable copy, safe on any thread. */
    public Frame frame() {
        return frame;
    }

    /** The screen's pixels after the last complete update (a copy: see {@link #frame()}). */
    public int[] pixels() {
        return frame.pixels();
    }

    private void read() {
        String why = "closed";
        try {
            while (!ended.get()) {
                int type = in.readUnsignedByte();
                switch (type) {
                    case 0 -> update();
                    case 1 -> { // colour map entries: unused with true colour
                        in.skipNBytes(3);
                        in.skipNBytes(6L * in.readUnsignedShort());
                    }
                    case 2 -> { // bell
                    }
                    case 3 -> { // cut text
                        in.skipNBytes(3);
                        string();
                    }
                    default -> throw new IOException("the VNC server sent message type " + type + ", which RFB does not define");
                }
            }
        } catch (EOFException e) {
            why = CLOSED_BY_SERVER;
        } catch (IOException | RuntimeException e) {
            why = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            end(why);
        }
    }

    private void update() throws IOException {
        in.skipNBytes(1);
        int rects = in.readUnsignedShort();
        int[][] painted = new int[rects][];
        int count = 0;
        Framebuffer fb = screen;
        for (int r = 0; r < rects; r++) {
            int x = in.readUnsignedShort(), y = in.readUnsignedShort();
            int w = in.readUnsignedShort(), h = in.readUnsignedShort();
            int encoding = in.readInt();
            if (encoding == Decoders.LAST_RECT) {
                break;
            }
            if (encoding == Decoders.DESKTOP_SIZE) {
                fb = new Framebuffer(w, h);
                screen = fb;
                frame = fb.snapshot();
                listener.resized(w, h);
                continue;
            }
            fb.check(x, y, w, h);
            switch (encoding) {
                case Decoders.RAW -> decoders.raw(fb, x, y, w, h);
                case Decoders.COPY_RECT -> decoders.copyRect(fb, x, y, w, h);
                case Decoders.RRE -> decoders.rre(fb, x, y, w, h);
                case Decoders.HEXTILE -> decoders.hextile(fb, x, y, w, h);
                case Decoders.ZRLE -> decoders.zrle(fb, x, y, w, h);
                default -> throw new IOException("the VNC server sent encoding " + encoding + ", which was not asked for");
            }
            painted[count++] = new int[] { x, y, w, h };
        }
        if (count > 0) {
            frame = fb.snapshot(); // one copy per update, however many rectangles it had
            for (int i = 0; i < count; i++) {
                listener.updated(painted[i][0], painted[i][1], painted[i][2], painted[i][3]);
            }
        }
        requestUpdate(true);
    }

    private static byte[] updateRequest(boolean incremental, int width, int height) {
        return ByteBuffer.allocate(10).put((byte) 3).put((byte) (incremental ? 1 : 0)).putShort((short) 0)
                .putShort((short) 0).putShort((short) width).putShort((short) height).array();
    }

    /** Asks for the screen: all of it, or ({@code incremental}) what changes next. */
    public void requestUpdate(boolean incremental) {
        send(updateRequest(incremental, width(), height()));
    }

    /** Presses or releases a key, by its X11 keysym. */
    public void key(int keysym, boolean down) {
        send(ByteBuffer.allocate(8).put((byte) 4).put((byte) (down ? 1 : 0)).putShort((short) 0).putInt(keysym).array());
    }

    /** Presses keys in order and releases them in reverse, e.g. Ctrl+Alt+Del. */
    public void chord(int... keysyms) {
        for (int k : keysyms) {
            key(k, true);
        }
        for (int i = keysyms.length - 1; i >= 0; i--) {
            key(keysyms[i], false);
        }
    }

    /** Moves the pointer to ({@code x}, {@code y}) with these buttons held (bit 0 left, 1 middle, 2 right). */
    public void pointer(int x, int y, int buttons) {
        send(ByteBuffer.allocate(6).put((byte) 5).put((byte) buttons)
                .putShort((short) Math.max(0, Math.min(width() - 1, x)))
                .putShort((short) Math.max(0, Math.min(height() - 1, y))).array());
    }

    /** Queues a message for the writer thread; a failed write ends the session. */
    private void send(byte[] message) {
        try {
            writer.execute(() -> {
                try {
                    out.write(message);
                    out.flush();
                } catch (IOException e) {
                    end(e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // the session has ended: nothing more goes out
        }
    }

    /** X11 keysyms for the keys a console needs beyond characters. */
    public static final int CONTROL_L = 0xffe3, ALT_L = 0xffe9, DELETE = 0xffff, RETURN = 0xff0d, BACKSPACE = 0xff08,
            TAB = 0xff09, ESCAPE = 0xff1b, SHIFT_L = 0xffe1, LEFT = 0xff51, UP = 0xff52, RIGHT = 0xff53, DOWN = 0xff54;

    /** Ends the session once: the socket closed, the writer stopped, the listener told why. */
    private void end(String why) {
        if (ended.compareAndSet(false, true)) {
            quietly(transport);
            writer.shutdownNow();
            decoders.end();
            listener.closed(why);
        }
    }

    /** Whether the session has ended (closed here, by the server, or on an error). */
    public boolean isClosed() {
        return ended.get();
    }

    @Override
    public void close() {
        end("closed");
    }
}
