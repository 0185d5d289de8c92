package dev.vireo.rfb;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The rectangle encodings Vireo asks for, decoded into the framebuffer from the pixel format it
 * sets (32 bits, little endian, red at 16, green at 8, blue at 0). Every count and offset a server
 * sends is checked against the rectangle it belongs to.
 */
final class Decoders {
    static final int RAW = 0, COPY_RECT = 1, RRE = 2, HEXTILE = 5, TIGHT = 7, ZRLE = 16;
    /** Pseudo-encodings: what the client can take besides pixels. */
    static final int DESKTOP_SIZE = -223, LAST_RECT = -224, CURSOR = -239, EXTENDED_DESKTOP_SIZE = -308,
            JPEG_QUALITY_0 = -32, COMPRESS_LEVEL_0 = -256, FENCE = -312, CONTINUOUS_UPDATES = -313,
            QEMU_EXTENDED_KEY = -258;
    /** The largest pointer image Vireo draws; larger ones are refused. */
    static final int MAX_CURSOR = 256;
    /** More compressed data than this in one rectangle is no screen Vireo shows. */
    private static final int MAX_COMPRESSED = 64 << 20;

    private final DataInputStream in;
    /** ZRLE's zlib stream runs on across every rectangle of the connection. */
    private final Inflater inflater = new Inflater();
    private final TightDecoder tight;

    Decoders(DataInputStream in) {
        this.in = in;
        tight = new TightDecoder(in);
    }

    /** Paints one rectangle, checked against the screen first, in the encoding the server chose. */
    void decode(Framebuffer fb, int encoding, int x, int y, int w, int h) throws IOException {
        fb.check(x, y, w, h);
        switch (encoding) {
            case RAW -> raw(fb, x, y, w, h);
            case COPY_RECT -> copyRect(fb, x, y, w, h);
            case RRE -> rre(fb, x, y, w, h);
            case HEXTILE -> hextile(fb, x, y, w, h);
            case ZRLE -> zrle(fb, x, y, w, h);
            case TIGHT -> tight.decode(fb, x, y, w, h);
            default -> throw new IOException("the VNC server sent encoding " + encoding + ", which was not asked for");
        }
    }

    private int pixel() throws IOException {
        int b = in.readUnsignedByte(), g = in.readUnsignedByte(), r = in.readUnsignedByte();
        in.skipNBytes(1);
        return 0xff000000 | r << 16 | g << 8 | b;
    }

    void raw(Framebuffer fb, int x, int y, int w, int h) throws IOException {
        byte[] row = new byte[w * 4];
        int[] line = new int[w];
        for (int j = 0; j < h; j++) {
            in.readFully(row);
            for (int i = 0; i < w; i++) {
                int p = i * 4;
                line[i] = 0xff000000 | (row[p + 2] & 0xff) << 16 | (row[p + 1] & 0xff) << 8 | (row[p] & 0xff);
            }
            fb.put(x, y + j, w, 1, line);
        }
    }

    /**
     * A pointer image: {@code w×h} pixels, then a mask of a bit a pixel (rows padded to bytes) that
     * says which are part of the pointer; the others become transparent.
     */
    Cursor cursor(int hotX, int hotY, int w, int h) throws IOException {
        if (w > MAX_CURSOR || h > MAX_CURSOR || (w > 0 && (hotX >= w || hotY >= h))) {
            throw new IOException("the VNC server sent a " + w + "×" + h + " pointer with its hot spot at " + hotX + "," + hotY);
        }
        int[] image = new int[w * h];
        for (int i = 0; i < image.length; i++) {
            image[i] = pixel();
        }
        int rowBytes = (w + 7) / 8;
        byte[] mask = in.readNBytes(rowBytes * h);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                if ((mask[j * rowBytes + i / 8] >> (7 - i % 8) & 1) == 0) {
                    image[j * w + i] = 0;
                }
            }
        }
        return new Cursor(hotX, hotY, w, h, image);
    }

    void copyRect(Framebuffer fb, int x, int y, int w, int h) throws IOException {
        int fromX = in.readUnsignedShort(), fromY = in.readUnsignedShort();
        fb.check(fromX, fromY, w, h);
        fb.copy(fromX, fromY, x, y, w, h);
    }

    void rre(Framebuffer fb, int x, int y, int w, int h) throws IOException {
        long subrects = in.readInt() & 0xffffffffL;
        fb.fill(x, y, w, h, pixel());
        for (long i = 0; i < subrects; i++) {
            int colour = pixel();
            int sx = in.readUnsignedShort(), sy = in.readUnsignedShort(), sw = in.readUnsignedShort(), sh = in.readUnsignedShort();
            inside(sx, sy, sw, sh, w, h);
            fb.fill(x + sx, y + sy, sw, sh, colour);
        }
    }

    void hextile(Framebuffer fb, int x, int y, int w, int h) throws IOException {
        int background = 0xff000000, foreground = 0xff000000;
        for (int ty = 0; ty < h; ty += 16) {
            for (int tx = 0; tx < w; tx += 16) {
                int tw = Math.min(16, w - tx), th = Math.min(16, h - ty);
                int flags = in.readUnsignedByte();
                if ((flags & 1) != 0) {
                    raw(fb, x + tx, y + ty, tw, th);
                    continue;
                }
                if ((flags & 2) != 0) {
                    background = pixel();
                }
                fb.fill(x + tx, y + ty, tw, th, background);
                if ((flags & 4) != 0) {
                    foreground = pixel();
                }
                int count = (flags & 8) != 0 ? in.readUnsignedByte() : 0;
                for (int i = 0; i < count; i++) {
                    int colour = (flags & 16) != 0 ? pixel() : foreground;
                    int xy = in.readUnsignedByte(), wh = in.readUnsignedByte();
                    int sx = xy >> 4, sy = xy & 15, sw = (wh >> 4) + 1, sh = (wh & 15) + 1;
                    inside(sx, sy, sw, sh, tw, th);
                    fb.fill(x + tx + sx, y + ty + sy, sw, sh, colour);
                }
            }
        }
    }

    void zrle(Framebuffer fb, int x, int y, int w, int h) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_COMPRESSED) {
            throw new IOException("the VNC server sent " + (length & 0xffffffffL) + " bytes of ZRLE data for one rectangle");
        }
        ByteBuffer data = ByteBuffer.wrap(inflate(in.readNBytes(length), (long) w * h * 4 + 64L * 1024));
        try {
            for (int ty = 0; ty < h; ty += 64) {
                for (int tx = 0; tx < w; tx += 64) {
                    int tw = Math.min(64, w - tx), th = Math.min(64, h - ty);
                    fb.put(x + tx, y + ty, tw, th, zrleTile(data, tw, th));
                }
            }
        } catch (BufferUnderflowException e) {
            throw new IOException("the VNC server's ZRLE data ended inside a tile");
        }
    }

    private byte[] inflate(byte[] compressed, long limit) throws IOException {
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        try {
            while (!inflater.needsInput()) {
                int n = inflater.inflate(chunk);
                out.write(chunk, 0, n);
                if (out.size() > limit) {
                    throw new IOException("the VNC server's ZRLE data unpacks to more than its rectangle can hold");
                }
                if (n == 0 && (inflater.finished() || inflater.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("the VNC server sent broken ZRLE data: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static int cpixel(ByteBuffer data) {
        int b = data.get() & 0xff, g = data.get() & 0xff, r = data.get() & 0xff;
        return 0xff000000 | r << 16 | g << 8 | b;
    }

    private static int[] zrleTile(ByteBuffer data, int tw, int th) throws IOException {
        int[] tile = new int[tw * th];
        int type = data.get() & 0xff;
        if (type == 0) {
            for (int i = 0; i < tile.length; i++) {
                tile[i] = cpixel(data);
            }
        } else if (type == 1) {
            Arrays.fill(tile, cpixel(data));
        } else if (type <= 16) {
            int[] palette = palette(data, type);
            int bits = type == 2 ? 1 : type <= 4 ? 2 : 4;
            for (int j = 0; j < th; j++) {
                int bit = 8, current = 0;
                for (int i = 0; i < tw; i++) {
                    if (bit == 8) {
                        current = data.get() & 0xff;
                        bit = 0;
                    }
                    bit += bits;
                    tile[j * tw + i] = colour(palette, (current >> (8 - bit)) & ((1 << bits) - 1));
                }
            }
        } else if (type == 128 || type >= 130) {
            int[] palette = type == 128 ? null : palette(data, type - 128);
            int at = 0;
            while (at < tile.length) {
                int colour;
                int run = 1;
                if (palette == null) {
                    colour = cpixel(data);
                    run = runLength(data);
                } else {
                    int index = data.get() & 0xff;
                    colour = colour(palette, index & 127);
                    if ((index & 128) != 0) {
                        run = runLength(data);
                    }
                }
                if (run > tile.length - at) {
                    throw new IOException("the VNC server's ZRLE run goes past its tile");
                }
                Arrays.fill(tile, at, at + run, colour);
                at += run;
            }
        } else {
            throw new IOException("the VNC server sent ZRLE tile type " + type + ", which RFB does not define");
        }
        return tile;
    }

    private static int[] palette(ByteBuffer data, int size) {
        int[] palette = new int[size];
        for (int i = 0; i < size; i++) {
            palette[i] = cpixel(data);
        }
        return palette;
    }

    private static int colour(int[] palette, int index) throws IOException {
        if (index >= palette.length) {
            throw new IOException("the VNC server's ZRLE data names colour " + index + " of a palette of " + palette.length);
        }
        return palette[index];
    }

    /** A run: bytes summed while they are 255, plus one; at most a tile. */
    private static int runLength(ByteBuffer data) throws IOException {
        int run = 1;
        int b;
        do {
            b = data.get() & 0xff;
            run += b;
            if (run > 64 * 64) {
                throw new IOException("the VNC server's ZRLE run is longer than a tile");
            }
        } while (b == 255);
        return run;
    }

    /** Fails unless a sub-rectangle lies inside the rectangle it belongs to. */
    private static void inside(int x, int y, int w, int h, int outerW, int outerH) throws IOException {
        if (x + w > outerW || y + h > outerH) {
            throw new IOException("the VNC server sent a sub-rectangle outside its rectangle");
        }
    }

    void end() {
        inflater.end();
        tight.end();
    }
}
