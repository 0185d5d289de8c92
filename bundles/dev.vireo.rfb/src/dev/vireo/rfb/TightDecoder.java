package dev.vireo.rfb;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.imageio.ImageIO;

/**
 * Tight, the encoding TigerVNC's and QEMU's servers compress best with: a rectangle is one colour,
 * a JPEG (lossy, only when the client asked for a JPEG quality), or pixels through a filter (copy,
 * palette of up to 256 colours, gradient prediction) and one of four zlib streams that run on
 * across the connection. Pixels travel as three bytes, red, green, blue.
 */
final class TightDecoder {
    private static final int FILL = 8, JPEG = 9, MAX_TYPE = 9;
    private static final int COPY = 0, PALETTE = 1, GRADIENT = 2;
    /** Below this many bytes a basic rectangle's data is sent as is, without zlib. */
    private static final int MIN_TO_COMPRESS = 12;
    /** The largest compact length a server may send: more than any rectangle Vireo accepts. */
    private static final int MAX_LENGTH = 64 << 20;

    private final DataInputStream in;
    private final Inflater[] streams = { new Inflater(), new Inflater(), new Inflater(), new Inflater() };

    TightDecoder(DataInputStream in) {
        this.in = in;
    }

    void decode(Framebuffer fb, int x, int y, int w, int h) throws IOException {
        int control = in.readUnsignedByte();
        for (int i = 0; i < 4; i++) {
            if ((control & 1 << i) != 0) {
                streams[i].reset();
            }
        }
        int type = control >> 4;
        if (type == FILL) {
            byte[] p = in.readNBytes(3);
            fb.fill(x, y, w, h, rgb(p, 0));
        } else if (type == JPEG) {
            fb.put(x, y, w, h, jpeg(in.readNBytes(compactLength()), w, h));
        } else if (type > MAX_TYPE) {
            throw new IOException("the VNC server sent Tight compression type " + type + ", which Vireo did not ask for");
        } else {
            fb.put(x, y, w, h, basic(streams[type & 3], (type & 4) != 0 ? in.readUnsignedByte() : COPY, w, h));
        }
    }

    private int[] basic(Inflater stream, int filter, int w, int h) throws IOException {
        int[] palette = null;
        if (filter == PALETTE) {
            int colours = in.readUnsignedByte() + 1;
            byte[] p = in.readNBytes(colours * 3);
            palette = new int[colours];
            for (int i = 0; i < colours; i++) {
                palette[i] = rgb(p, i * 3);
            }
        } else if (filter != COPY && filter != GRADIENT) {
            throw new IOException("the VNC server sent Tight filter " + filter + ", which Tight does not define");
        }
        int rowBytes = palette == null ? w * 3 : palette.length == 2 ? (w + 7) / 8 : w;
        int size = rowBytes * h;
        byte[] data = size < MIN_TO_COMPRESS ? in.readNBytes(size) : inflate(stream, in.readNBytes(compactLength()), size);
        if (data.length < size) {
            throw new IOException("the VNC server's Tight data ended inside its rectangle");
        }
        int[] pixels = new int[w * h];
        if (palette == null && filter == COPY) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = rgb(data, i * 3);
            }
        } else if (palette == null) {
            gradient(data, pixels, w, h);
        } else {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    int index = palette.length == 2 ? data[j * rowBytes + i / 8] >> (7 - i % 8) & 1
                            : data[j * rowBytes + i] & 0xff;
                    if (index >= palette.length) {
                        throw new IOException("the VNC server's Tight data names colour " + index + " of a palette of "
                                + palette.length);
                    }
                    pixels[j * w + i] = palette[index];
                }
            }
        }
        return pixels;
    }

    /** Each component predicted from its left, upper and upper-left neighbours; the data is the difference. */
    private static void gradient(byte[] data, int[] pixels, int w, int h) {
        int[] above = new int[w * 3], row = new int[w * 3];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w * 3; i++) {
                int left = i >= 3 ? row[i - 3] : 0, upperLeft = i >= 3 ? above[i - 3] : 0;
                int predicted = Math.max(0, Math.min(255, left + above[i] - upperLeft));
                row[i] = (predicted + data[j * w * 3 + i]) & 0xff;
            }
            for (int i = 0; i < w; i++) {
                pixels[j * w + i] = 0xff000000 | row[i * 3] << 16 | row[i * 3 + 1] << 8 | row[i * 3 + 2];
            }
            int[] t = above;
            above = row;
            row = t;
        }
    }

    private static int[] jpeg(byte[] data, int w, int h) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(data));
        } catch (IOException | RuntimeException e) {
            throw new IOException("the VNC server sent a broken JPEG: " + e.getMessage(), e);
        }
        if (image == null || image.getWidth() != w || image.getHeight() != h) {
            throw new IOException("the VNC server sent a JPEG that is not its " + w + "×" + h + " rectangle");
        }
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] |= 0xff000000;
        }
        return pixels;
    }

    /** Tight's length: 7 bits a byte, low first, while the high bit is set; at most three bytes. */
    private int compactLength() throws IOException {
        int b = in.readUnsignedByte(), length = b & 0x7f;
        if ((b & 0x80) != 0) {
            b = in.readUnsignedByte();
            length |= (b & 0x7f) << 7;
            if ((b & 0x80) != 0) {
                length |= in.readUnsignedByte() << 14;
            }
        }
        if (length > MAX_LENGTH) {
            throw new IOException("the VNC server sent " + length + " bytes of Tight data for one rectangle");
        }
        return length;
    }

    /** Exactly {@code size} bytes out of a stream that runs on across rectangles. */
    private static byte[] inflate(Inflater stream, byte[] compressed, int size) throws IOException {
        stream.setInput(compressed);
        byte[] out = new byte[size];
        int at = 0;
        try {
            while (at < size) {
                int n = stream.inflate(out, at, size - at);
                if (n == 0 && (stream.needsInput() || stream.finished() || stream.needsDictionary())) {
                    break;
                }
                at += n;
            }
            // the rest of the input (the server's flush marker) belongs to this rectangle: consumed
            // now, or the stream would lose it when the next rectangle's input replaces it
            byte[] more = new byte[1];
            for (int left = stream.getRemaining(); left > 0 && !stream.finished(); left = stream.getRemaining()) {
                if (stream.inflate(more) > 0) {
                    throw new IOException("the VNC server's Tight data unpacks to more than its rectangle");
                }
                if (stream.getRemaining() == left) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("the VNC server sent broken Tight data: " + e.getMessage());
        }
        if (at < size) {
            throw new IOException("the VNC server's Tight data unpacks to less than its rectangle");
        }
        return out;
    }

    private static int rgb(byte[] p, int at) {
        return 0xff000000 | (p[at] & 0xff) << 16 | (p[at + 1] & 0xff) << 8 | (p[at + 2] & 0xff);
    }

    void end() {
        for (Inflater stream : streams) {
            stream.end();
        }
    }
}
