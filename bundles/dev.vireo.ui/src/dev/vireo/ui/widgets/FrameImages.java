package dev.vireo.ui.widgets;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;

import dev.vireo.rfb.Frame;

/** A VNC client's pixels (ARGB ints) as SWT image data. */
final class FrameImages {
    private FrameImages() {
    }

    /** RGB pixels as SWT's image data: the screen, opaque. */
    static ImageData image(Frame frame) {
        ImageData data = new ImageData(frame.width(), frame.height(), 24, new PaletteData(0xff0000, 0xff00, 0xff));
        data.setPixels(0, 0, frame.pixels().length, frame.pixels(), 0);
        return data;
    }

    /** ARGB pixels with their alpha: a pointer's shape is in it (the screen needs none, on every paint). */
    static ImageData withAlpha(Frame frame) {
        ImageData data = image(frame);
        int[] pixels = frame.pixels();
        byte[] alpha = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            alpha[i] = (byte) (pixels[i] >>> 24);
        }
        data.alphaData = alpha;
        return data;
    }
}
