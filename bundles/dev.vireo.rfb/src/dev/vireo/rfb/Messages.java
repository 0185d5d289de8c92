package dev.vireo.rfb;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The messages a client sends, as RFC 6143 (and TigerVNC's extensions) lay them out, and the
 * server's that are not about the screen.
 */
final class Messages {
    /** A display that answers within this is on this machine or next to it: lossless pays. */
    static final int NEAR_MS = 10;

    /** SetPixelFormat: 32 bpp, depth 24, little endian, true colour, 8 bits each at 16, 8, 0. */
    static final byte[] PIXEL_FORMAT = { 0, 0, 0, 0, 32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0,
            0, 0, 0 };

    private Messages() {
    }

    /**
     * SetEncodings: CopyRect and the client's encodings, best first, then what it takes besides
     * pixels; a JPEG quality only when lossy, and zlib working harder on a slow link.
     */
    static byte[] setEncodings(List<Preferences.Encoding> encodings, Preferences.Quality quality, boolean near) {
        List<Integer> list = new ArrayList<>(List.of(Decoders.COPY_RECT));
        encodings.forEach(e -> list.add(e.number));
        list.addAll(List.of(Decoders.EXTENDED_DESKTOP_SIZE, Decoders.DESKTOP_SIZE, Decoders.LAST_RECT, Decoders.CURSOR,
                Decoders.FENCE, Decoders.CONTINUOUS_UPDATES, Decoders.QEMU_EXTENDED_KEY,
                Decoders.COMPRESS_LEVEL_0 + (near ? 1 : 6)));
        if (quality.jpeg >= 0) {
            list.add(Decoders.JPEG_QUALITY_0 + quality.jpeg);
        }
        ByteBuffer m = ByteBuffer.allocate(4 + 4 * list.size());
        m.put((byte) 2).put((byte) 0).putShort((short) list.size());
        list.forEach(m::putInt);
        return m.array();
    }

    static byte[] updateRequest(boolean incremental, int width, int height) {
        return ByteBuffer.allocate(10).put((byte) 3).put((byte) (incremental ? 1 : 0)).putShort((short) 0)
                .putShort((short) 0).putShort((short) width).putShort((short) height).array();
    }

    /** EnableContinuousUpdates (TigerVNC's): the server sends changes to this area without a request each. */
    static byte[] continuousUpdates(int width, int height) {
        return ByteBuffer.allocate(10).put((byte) 150).put((byte) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) width).putShort((short) height).array();
    }

    /** Fence flags: the server's requests are answered with the flags Vireo knows (it keeps every order anyway). */
    static final int FENCE_BLOCK_BEFORE = 1, FENCE_BLOCK_AFTER = 2, FENCE_SYNC_NEXT = 4, FENCE_REQUEST = 1 << 31;

    /** A server's Fence (after its type): the answer if it asks for one; answered at once, order is kept anyway. */
    static Optional<byte[]> fenceReply(DataInputStream in) throws IOException {
        in.skipNBytes(3);
        int flags = in.readInt(), length = in.readUnsignedByte();
        if (length > 64) {
            throw new IOException("the VNC server sent a fence of " + length + " bytes; RFB allows 64");
        }
        byte[] payload = in.readNBytes(length);
        return (flags & FENCE_REQUEST) != 0 ? Optional.of(fence(flags, payload)) : Optional.empty();
    }

    /** The server's clipboard text (after its type), Latin-1; past {@link Handshake#MAX_STRING} bytes the rest is skipped. */
    static String cutText(DataInputStream in) throws IOException {
        in.skipNBytes(3);
        long length = in.readInt() & 0xffffffffL;
        String text = new String(in.readNBytes((int) Math.min(length, Handshake.MAX_STRING)), StandardCharsets.ISO_8859_1);
        in.skipNBytes(length - Math.min(length, Handshake.MAX_STRING));
        return text;
    }

    static byte[] fence(int flags, byte[] payload) {
        return ByteBuffer.allocate(9 + payload.length).put((byte) 248).put(new byte[3])
                .putInt(flags & (FENCE_BLOCK_BEFORE | FENCE_BLOCK_AFTER | FENCE_SYNC_NEXT)).put((byte) payload.length)
                .put(payload).array();
    }

    static byte[] key(int keysym, boolean down) {
        return ByteBuffer.allocate(8).put((byte) 4).put((byte) (down ? 1 : 0)).putShort((short) 0).putInt(keysym).array();
    }

    /** QEMU's extended key event: the keysym and the XT scancode (extended keys as 0x80 | code). */
    static byte[] qemuKey(int keysym, int scancode, boolean down) {
        return ByteBuffer.allocate(12).put((byte) 255).put((byte) 0).putShort((short) (down ? 1 : 0)).putInt(keysym)
                .putInt(scancode).array();
    }

    static byte[] pointer(int x, int y, int buttons) {
        return ByteBuffer.allocate(6).put((byte) 5).put((byte) buttons).putShort((short) x).putShort((short) y).array();
    }

    /** ClientCutText: RFB carries Latin-1, so other characters become '?'. */
    static byte[] cutText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(8 + bytes.length).put((byte) 6).put(new byte[3]).putInt(bytes.length).put(bytes).array();
    }

    /** SetDesktopSize with one screen, the server's first (its 4-byte id kept), covering the whole size. */
    static byte[] setDesktopSize(int width, int height, byte[] screens) {
        ByteBuffer m = ByteBuffer.allocate(8 + 16).put((byte) 251).put((byte) 0).putShort((short) width)
                .putShort((short) height).put((byte) 1).put((byte) 0);
        return m.put(screens, 0, 4).putShort((short) 0).putShort((short) 0).putShort((short) width)
                .putShort((short) height).putInt(0).array();
    }
}
