package dev.vireo.ui.widgets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import org.eclipse.core.runtime.ILog;
import org.eclipse.osgi.util.NLS;

import dev.vireo.ui.Messages;

/**
 * The physical key behind a keysym on this desktop, as the XT scancode QEMU's extended key events
 * carry, so that the guest's own keyboard layout applies: the X server's keycode for the keysym
 * (Xlib's XKeysymToKeycode, through JNA on a connection of its own), less 8 for the Linux input
 * code, which for the main block is the XT scancode itself; the keys beside it have an 0xE0
 * prefix, sent as 0x80 | code. SWT's key events do not carry the hardware key. 0 where there is no
 * X display (Wayland without XWayland) or no such key: the key then goes as its keysym alone.
 */
public final class X11Scancodes {
    private interface Xlib extends Library {
        Pointer XOpenDisplay(String name);

        byte XKeysymToKeycode(Pointer display, NativeLong keysym);
    }

    /** Linux input codes of the 0xE0-prefixed keys, to their XT code after the prefix. */
    private static final Map<Integer, Integer> EXTENDED = Map.ofEntries(Map.entry(96, 0x1c), Map.entry(97, 0x1d),
            Map.entry(98, 0x35), Map.entry(99, 0x37), Map.entry(100, 0x38), Map.entry(102, 0x47), Map.entry(103, 0x48),
            Map.entry(104, 0x49), Map.entry(105, 0x4b), Map.entry(106, 0x4d), Map.entry(107, 0x4f), Map.entry(108,
                    0x50),
            Map.entry(109, 0x51), Map.entry(110, 0x52), Map.entry(111, 0x53), Map.entry(125, 0x5b), Map.entry(126,
                    0x5c),
            Map.entry(127, 0x5d));
    private static final Map<Integer, Integer> KNOWN = new ConcurrentHashMap<>();
    private static Xlib xlib;
    private static Pointer display;
    private static boolean tried;

    private X11Scancodes() {
    }

    /** The XT scancode of the key that types {@code keysym} here, or 0. */
    public static int scancode(int keysym) {
        return KNOWN.computeIfAbsent(keysym, X11Scancodes::lookUp);
    }

    private static synchronized int lookUp(int keysym) {
        if (!tried) {
            tried = true;
            try {
                xlib = Native.load("libX11.so.6", Xlib.class);
                display = xlib.XOpenDisplay(null);
            } catch (UnsatisfiedLinkError e) {
                ILog.of(X11Scancodes.class).info(NLS.bind(Messages.NO_XLIB_VNC_KEYS_GO_AS, e.getMessage()));
            }
        }
        if (display == null) {
            return 0;
        }
        int code = (xlib.XKeysymToKeycode(display, new NativeLong(keysym)) & 0xff) - 8;
        return code >= 1 && code <= 88 ? code : EXTENDED.containsKey(code) ? 0x80 | EXTENDED.get(code) : 0;
    }
}
