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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

import dev.vireo.rfb.Preferences.Quality;

/**
 * A VNC client speaking the part of RFB 3.8 (RFC 6143) a virtual machine's console needs: security
 * "None" and "VNC Authentication", 32-bit true colour, the Tight (with JPEG), ZRLE, Hextile,
 * CopyRect, RRE and Raw encodings, desktop resizes asked by either side, the pointer's image drawn
 * locally, clipboard text both ways, keys and the pointer. The server is not trusted: every size it sends
 * is checked ({@link Framebuffer}), strings are capped, the handshake has a deadline, and any
 * failure ends the session once, with a reason, and closes the socket. One thread reads; sends are
 * queued to a writer thread of their own, so no caller (the UI thread) ever blocks on the network.
 */
public final class RfbClient implements Closeable {
    private static final String CLOSED_BY_SERVER = "the VNC server closed the connection";
    /** How long a server may stay silent during the handshake; the hostile-server test shortens it. */
    static volatile int handshakeTimeoutMs = 15_000;
    /** Messages waiting for the writer: far more than a user or the protocol produce while a server reads. */
    static final int MAX_QUEUED = 10_000;
    private final Closeable transport;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final RfbListener listener;
    private final Decoders decoders;
    private final ExecutorService writer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Framebuffer screen;
    private volatile Frame frame;
    private volatile Cursor cursor;
    /** The server pushes changes (TigerVNC's continuous updates): no request a round trip each. */
    private volatile boolean continuous;
    private volatile boolean qemuKeys;
    private volatile IntUnaryOperator scancodeOf = keysym -> 0;
    private volatile Preferences preferences;
    private volatile Quality chosen;
    /** The screens of ExtendedDesktopSize, {@code null} while the server has not said it can resize. */
    private volatile byte[] screens;
    private long roundTripNanos;
    private String name;

    private RfbClient(InputStream in, OutputStream out, Closeable transport, RfbListener listener, Preferences preferences) {
        this.transport = transport;
        this.preferences = preferences;
        this.in = new DataInputStream(new BufferedInputStream(in));
        this.out = new DataOutputStream(out);
        this.listener = listener;
        decoders = new Decoders(this.in);
        // bounded: a server that sends without reading would otherwise grow the queue without end
        writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED),
                Thread.ofPlatform().name("vireo-rfb-writer").daemon().factory());
    }

    /**
     * Connects and completes the handshake, with {@code password} asked (once, on this thread) if
     * the server wants VNC Authentication; {@code null} from it refuses.
     */
    public static RfbClient connect(String host, int port, RfbListener listener, Supplier<String> password) throws IOException {
        return connect(host, port, listener, password, Preferences.DEFAULT);
    }

    /** Connects, asking the server for these preferences from the first update on. */
    public static RfbClient connect(String host, int port, RfbListener listener, Supplier<String> password,
            Preferences preferences) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), handshakeTimeoutMs);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return connect(socket.getInputStream(), socket.getOutputStream(), socket, listener, password, preferences);
    }

    /**
     * Speaks RFB over any byte stream, e.g. {@code ssh -W}'s standard input and output; closing
     * {@code transport} ends it. The handshake must finish within its deadline, or the transport
     * is closed.
     */
    public static RfbClient connect(InputStream in, OutputStream out, Closeable transport, RfbListener listener,
            Supplier<String> password, Preferences preferences) throws IOException {
        RfbClient client = new RfbClient(in, out, transport, listener, preferences);
        // whichever comes first settles it: the handshake's end, or its deadline closing the transport
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> deadline = Handshake.DEADLINES.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                Handshake.quietly(transport);
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
        Handshake.quietly(transport);
        client.writer.shutdownNow();
        throw late ? new IOException("the VNC server did not finish its handshake within "
                + handshakeTimeoutMs / 1000.0 + " s", failure) : failure;
    }

    private void handshake(Supplier<String> password) throws IOException {
        long authenticated = Handshake.authenticate(in, out, password);
        out.writeByte(1); // shared: other viewers stay connected
        long sent = Handshake.flush(out);
        int width = in.readUnsignedShort(), height = in.readUnsignedShort();
        roundTripNanos = Math.min(authenticated, System.nanoTime() - sent);
        in.skipNBytes(16); // the server's pixel format: replaced by ours below
        name = Handshake.string(in);
        screen = new Framebuffer(width, height);
        frame = screen.snapshot();
        // SetPixelFormat: 32 bpp, depth 24, little endian, true colour, 8 bits each at 16, 8, 0
        out.write(Messages.PIXEL_FORMAT);
        out.write(setEncodings(preferences));
        out.write(Messages.updateRequest(false, width, height));
        out.flush();
    }

    private byte[] setEncodings(Preferences p) {
        boolean near = roundTripNanos < TimeUnit.MILLISECONDS.toNanos(Messages.NEAR_MS);
        chosen = p.resolved(near);
        return Messages.setEncodings(p.encodings(), chosen, near);
    }

    /** Asks for other preferences from the next update on, e.g. the user's choice of quality. */
    public void setPreferences(Preferences p) {
        preferences = p;
        send(setEncodings(p));
        requestUpdate(false);
    }

    public Preferences preferences() {
        return preferences;
    }

    /** The quality in use: {@link Quality#AUTOMATIC} resolved by the link's round trip. */
    public Quality quality() {
        return chosen;
    }

    /** The round trip the handshake measured. */
    public long roundTripMillis() {
        return TimeUnit.NANOSECONDS.toMillis(roundTripNanos);
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
                    case 2 -> { } // bell: a console has no use for it
                    case 3 -> listener.clipboard(Messages.cutText(in));
                    case 150 -> continuousUpdates();
                    case 248 -> Messages.fenceReply(in).ifPresent(this::send); // the server paces itself by them
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
            if (encoding == Decoders.QEMU_EXTENDED_KEY) {
                qemuKeys = true;
                continue;
            }
            if (encoding == Decoders.CURSOR) {
                cursor = decoders.cursor(x, y, w, h);
                listener.cursor(cursor);
                continue;
            }
            if (encoding == Decoders.DESKTOP_SIZE || encoding == Decoders.EXTENDED_DESKTOP_SIZE) {
                fb = desktopSize(fb, encoding == Decoders.EXTENDED_DESKTOP_SIZE, x, y, w, h);
                continue;
            }
            decoders.decode(fb, encoding, x, y, w, h);
            painted[count++] = new int[] { x, y, w, h };
        }
        if (count > 0) {
            frame = fb.snapshot(); // one copy per update, however many rectangles it had
            for (int i = 0; i < count; i++) {
                listener.updated(painted[i][0], painted[i][1], painted[i][2], painted[i][3]);
            }
        }
        if (!continuous) {
            requestUpdate(true);
        }
    }

    /**
     * EndOfContinuousUpdates: the first says the server can push updates, so they are turned on
     * for the whole screen; a later one says the server stopped, so requests take over again.
     */
    private void continuousUpdates() {
        continuous = !continuous;
        send(continuous ? Messages.continuousUpdates(width(), height()) : Messages.updateRequest(true, width(), height()));
    }

    /** Asks for the screen: all of it, or ({@code incremental}) what changes next. */
    public void requestUpdate(boolean incremental) {
        send(Messages.updateRequest(incremental, width(), height()));
    }

    /**
     * The screen's new size; for ExtendedDesktopSize {@code x} says why (1: this client asked),
     * {@code y} how it went (0: done), and the screens follow.
     */
    private Framebuffer desktopSize(Framebuffer fb, boolean extended, int x, int y, int w, int h) throws IOException {
        if (extended) {
            int count = in.readUnsignedByte();
            in.skipNBytes(3);
            screens = in.readNBytes(16 * count);
            if (x == 1 && y != 0) {
                return fb; // our resize was refused: the screen stays as it is
            }
        }
        if (w == fb.width && h == fb.height) {
            return fb;
        }
        Framebuffer resized = new Framebuffer(w, h);
        screen = resized;
        frame = resized.snapshot();
        listener.resized(w, h);
        if (continuous) {
            send(Messages.continuousUpdates(w, h));
        }
        return resized;
    }

    /** Gives the server the local clipboard's text (RFB carries Latin-1; other characters become '?'). */
    public void clipboard(String text) {
        send(Messages.cutText(text));
    }

    /** The guest's pointer, {@code null} before the server sent one. */
    public Cursor cursor() {
        return cursor;
    }

    /**
     * Asks the server to make the guest's screen {@code width×height}; the answer is a resize, or
     * none. False if the server cannot resize on request (it has not sent ExtendedDesktopSize).
     */
    public boolean resize(int width, int height) {
        byte[] s = screens;
        if (s == null || s.length < 16 || width < 1 || height < 1) {
            return false;
        }
        send(Messages.setDesktopSize(width, height, s));
        return true;
    }

    /**
     * Where the server takes them (QEMU's extended key events), keys also carry the physical key's
     * XT scancode, found by {@code scancodes} for a keysym (0: unknown), so the guest's own
     * keyboard layout applies and no keysym is lost in the server's keymap.
     */
    public void useScancodes(IntUnaryOperator scancodes) {
        scancodeOf = scancodes;
    }

    /** Whether the server said it takes scancodes (QEMU's extended key events). */
    public boolean takesScancodes() {
        return qemuKeys;
    }

    /** Presses or releases a key, by its X11 keysym. */
    public void key(int keysym, boolean down) {
        int scancode = qemuKeys ? scancodeOf.applyAsInt(keysym) : 0;
        send(scancode != 0 ? Messages.qemuKey(keysym, scancode, down) : Messages.key(keysym, down));
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
        send(Messages.pointer(Math.max(0, Math.min(width() - 1, x)), Math.max(0, Math.min(height() - 1, y)), buttons));
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
            // the session has ended (nothing more goes out), or the server has stopped reading
            end("the VNC server stopped reading what Vireo sends");
        }
    }

    /** Ends the session once: the socket closed, the writer stopped, the listener told why. */
    private void end(String why) {
        if (ended.compareAndSet(false, true)) {
            Handshake.quietly(transport);
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
