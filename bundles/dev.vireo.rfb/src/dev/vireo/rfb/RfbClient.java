package dev.vireo.rfb;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A VNC client speaking the subset of RFB 3.8 (RFC 6143) a virtual machine's console needs:
 * security "None", 32-bit true colour, the Raw, CopyRect and RRE encodings, desktop resizes, keys
 * and the pointer. It holds the screen as ARGB pixels; {@link Listener#updated} says which part
 * changed. One thread reads from the server ({@link #start}); sending is thread-safe.
 */
public final class RfbClient implements Closeable {
    private static final int RAW = 0, COPY_RECT = 1, RRE = 2, DESKTOP_SIZE = -223;

    /** Hears about the screen, on the client's reader thread. */
    public interface Listener {
        void updated(int x, int y, int width, int height);

        default void resized(int width, int height) {
        }

        default void closed(String reason) {
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Listener listener;
    private volatile int width, height;
    private volatile int[] pixels;
    private String name;
    private volatile boolean closed;

    private RfbClient(Socket socket, Listener listener) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
        this.listener = listener;
    }

    /** Connects and completes the handshake; a server that wants a password is refused with its reason. */
    public static RfbClient connect(String host, int port, Listener listener) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setTcpNoDelay(true);
        RfbClient client = new RfbClient(socket, listener);
        try {
            client.handshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return client;
    }

    private void handshake() throws IOException {
        byte[] version = in.readNBytes(12);
        String v = new String(version, StandardCharsets.US_ASCII);
        if (!v.startsWith("RFB 003.")) {
            throw new IOException("not a VNC server: " + v.strip());
        }
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        int count = in.readUnsignedByte();
        if (count == 0) {
            throw new IOException("the VNC server refused: " + reason());
        }
        boolean none = false;
        for (int i = 0; i < count; i++) {
            none |= in.readUnsignedByte() == 1;
        }
        if (!none) {
            throw new IOException("the VNC server wants a password, which Vireo's viewer does not support yet");
        }
        out.writeByte(1);
        if (in.readInt() != 0) {
            throw new IOException("the VNC server refused: " + reason());
        }
        out.writeByte(1); // shared: other viewers stay connected
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.skipNBytes(16); // the server's pixel format: replaced by ours below
        name = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
        pixels = new int[width * height];
        synchronized (out) {
            // SetPixelFormat: 32 bpp, depth 24, little endian, true colour, 8 bits each at 16, 8, 0
            out.write(new byte[] { 0, 0, 0, 0, 32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0 });
            int[] encodings = { COPY_RECT, RRE, RAW, DESKTOP_SIZE };
            out.writeByte(2);
            out.writeByte(0);
            out.writeShort(encodings.length);
            for (int e : encodings) {
                out.writeInt(e);
            }
            out.flush();
        }
        requestUpdate(false);
    }

    private String reason() throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    /** Starts reading the server's messages on a daemon thread of its own. */
    public void start() {
        Thread reader = new Thread(this::read, "vireo-rfb " + name);
        reader.setDaemon(true);
        reader.start();
    }

    public String name() {
        return name;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The screen as ARGB pixels, row by row; read it in {@link Listener#updated}, or copy it. */
    public int[] pixels() {
        return pixels;
    }

    private void read() {
        String why = "closed";
        try {
            while (!closed) {
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
                        in.skipNBytes(in.readInt());
                    }
                    default -> throw new IOException("unknown VNC message " + type);
                }
            }
        } catch (IOException e) {
            why = closed ? "closed" : e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            listener.closed(why);
        }
    }

    private void update() throws IOException {
        in.skipNBytes(1);
        int rects = in.readUnsignedShort();
        for (int r = 0; r < rects; r++) {
            int x = in.readUnsignedShort(), y = in.readUnsignedShort();
            int w = in.readUnsignedShort(), h = in.readUnsignedShort();
            int encoding = in.readInt();
            switch (encoding) {
                case RAW -> raw(x, y, w, h);
                case COPY_RECT -> copy(in.readUnsignedShort(), in.readUnsignedShort(), x, y, w, h);
                case RRE -> rre(x, y, w, h);
                case DESKTOP_SIZE -> {
                    width = w;
                    height = h;
                    pixels = new int[w * h];
                    listener.resized(w, h);
                    continue;
                }
                default -> throw new IOException("the VNC server sent encoding " + encoding + ", which was not asked for");
            }
            listener.updated(x, y, w, h);
        }
        requestUpdate(true);
    }

    private int pixel() throws IOException {
        int b = in.readUnsignedByte(), g = in.readUnsignedByte(), r = in.readUnsignedByte();
        in.skipNBytes(1);
        return 0xff000000 | r << 16 | g << 8 | b;
    }

    private void raw(int x, int y, int w, int h) throws IOException {
        byte[] row = new byte[w * 4];
        for (int j = 0; j < h; j++) {
            in.readFully(row);
            int at = (y + j) * width + x;
            for (int i = 0; i < w; i++) {
                int p = i * 4;
                pixels[at + i] = 0xff000000 | (row[p + 2] & 0xff) << 16 | (row[p + 1] & 0xff) << 8 | (row[p] & 0xff);
            }
        }
    }

    private void copy(int fromX, int fromY, int x, int y, int w, int h) {
        int[] block = new int[w * h];
        for (int j = 0; j < h; j++) {
            System.arraycopy(pixels, (fromY + j) * width + fromX, block, j * w, w);
        }
        for (int j = 0; j < h; j++) {
            System.arraycopy(block, j * w, pixels, (y + j) * width + x, w);
        }
    }

    private void rre(int x, int y, int w, int h) throws IOException {
        int subrects = in.readInt();
        fill(x, y, w, h, pixel());
        for (int i = 0; i < subrects; i++) {
            int colour = pixel();
            fill(x + in.readUnsignedShort(), y + in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort(), colour);
        }
    }

    private void fill(int x, int y, int w, int h, int colour) {
        for (int j = 0; j < h; j++) {
            int at = (y + j) * width + x;
            java.util.Arrays.fill(pixels, at, at + w, colour);
        }
    }

    /** Asks for the screen: all of it, or ({@code incremental}) what changes next. */
    public void requestUpdate(boolean incremental) throws IOException {
        synchronized (out) {
            out.writeByte(3);
            out.writeByte(incremental ? 1 : 0);
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(width);
            out.writeShort(height);
            out.flush();
        }
    }

    /** Presses or releases a key, by its X11 keysym. */
    public void key(int keysym, boolean down) throws IOException {
        synchronized (out) {
            out.writeByte(4);
            out.writeByte(down ? 1 : 0);
            out.writeShort(0);
            out.writeInt(keysym);
            out.flush();
        }
    }

    /** Presses keys in order and releases them in reverse, e.g. Ctrl+Alt+Del. */
    public void chord(int... keysyms) throws IOException {
        for (int k : keysyms) {
            key(k, true);
        }
        for (int i = keysyms.length - 1; i >= 0; i--) {
            key(keysyms[i], false);
        }
    }

    /** Moves the pointer to ({@code x}, {@code y}) with these buttons held (bit 0 left, 1 middle, 2 right). */
    public void pointer(int x, int y, int buttons) throws IOException {
        synchronized (out) {
            out.writeByte(5);
            out.writeByte(buttons);
            out.writeShort(Math.max(0, Math.min(width - 1, x)));
            out.writeShort(Math.max(0, Math.min(height - 1, y)));
            out.flush();
        }
    }

    /** X11 keysyms for the keys a console needs beyond characters. */
    public static final int CONTROL_L = 0xffe3, ALT_L = 0xffe9, DELETE = 0xffff, RETURN = 0xff0d, BACKSPACE = 0xff08,
            TAB = 0xff09, ESCAPE = 0xff1b, SHIFT_L = 0xffe1, LEFT = 0xff51, UP = 0xff52, RIGHT = 0xff53, DOWN = 0xff54;

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }
}
