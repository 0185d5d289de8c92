package dev.vireo.rfb;

import java.io.IOException;
import java.util.Arrays;

/**
 * The client's copy of the server's screen, written only by the reader thread. Every size and
 * rectangle a server sends is checked here before anything is allocated or written: a hostile or
 * broken server ends its session with a reason, never an exception elsewhere or an exhausted heap.
 */
final class Framebuffer {
    /** The largest side RFB's 16-bit sizes allow that anyone uses. */
    static final int MAX_SIDE = 16384;
    /** 64 Mi pixels (256 MiB): an 8K screen fits four times over; 16384² would take a gigabyte. */
    static final long MAX_PIXELS = 64L << 20;

    final int width, height;
    final int[] pixels;

    Framebuffer(int width, int height) throws IOException {
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new IOException("the VNC server asked for a " + width + "×" + height + " screen, larger than Vireo shows");
        }
        this.width = width;
        this.height = height;
        pixels = new int[width * height];
    }

    /** Fails unless the rectangle lies inside the screen. */
    void check(int x, int y, int w, int h) throws IOException {
        if ((long) x + w > width || (long) y + h > height) {
            throw new IOException("the VNC server sent a rectangle " + w + "×" + h + " at " + x + "," + y
                    + " outside its " + width + "×" + height + " screen");
        }
    }

    void fill(int x, int y, int w, int h, int colour) {
        for (int j = 0; j < h; j++) {
            int at = (y + j) * width + x;
            Arrays.fill(pixels, at, at + w, colour);
        }
    }

    /** Copies {@code w×h} pixels from {@code src} (rows of {@code w}) to ({@code x},{@code y}). */
    void put(int x, int y, int w, int h, int[] src) {
        for (int j = 0; j < h; j++) {
            System.arraycopy(src, j * w, pixels, (y + j) * width + x, w);
        }
    }

    void copy(int fromX, int fromY, int x, int y, int w, int h) {
        int[] block = new int[w * h];
        for (int j = 0; j < h; j++) {
            System.arraycopy(pixels, (fromY + j) * width + fromX, block, j * w, w);
        }
        put(x, y, w, h, block);
    }

    Frame snapshot() {
        return new Frame(width, height, pixels.clone());
    }
}
