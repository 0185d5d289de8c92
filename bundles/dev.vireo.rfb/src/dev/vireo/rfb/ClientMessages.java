package dev.vireo.rfb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The messages a client sends, as RFC 6143 lays them out. */
final class ClientMessages {
    /** A display that answers within this is on this machine or next to it: lossless pays. */
    static final int NEAR_MS = 10;

    /** SetPixelFormat: 32 bpp, depth 24, little endian, true colour, 8 bits each at 16, 8, 0. */
    static final byte[] PIXEL_FORMAT = { 0, 0, 0, 0, 32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0,
            0, 0, 0 };

    private ClientMessages() {
    }

    /**
     * SetEncodings: the preferred encoding first, the others after it, then what the client takes
     * besides pixels; a JPEG quality only when lossy, and zlib working harder on a slow link.
     */
    static byte[] setEncodings(Preferences.Encoding first, Preferences.Quality quality, boolean near) {
        List<Integer> list = new ArrayList<>(List.of(Decoders.COPY_RECT, first.number));
        Stream.of(Decoders.TIGHT, Decoders.ZRLE, Decoders.HEXTILE, Decoders.RRE, Decoders.RAW)
                .filter(e -> e != first.number).forEach(list::add);
        list.addAll(List.of(Decoders.EXTENDED_DESKTOP_SIZE, Decoders.DESKTOP_SIZE, Decoders.LAST_RECT, Decoders.CURSOR,
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

    static byte[] key(int keysym, boolean down) {
        return ByteBuffer.allocate(8).put((byte) 4).put((byte) (down ? 1 : 0)).putShort((short) 0).putInt(keysym).array();
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
