package dev.vireo.ui.widgets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;

import dev.vireo.rfb.Keysyms;
import dev.vireo.ui.Messages;

/** Keys as VNC sends them: X11 keysyms. */
public final class VncKeys {
    private VncKeys() {
    }

    /**
     * The keys the desktop takes before a viewer sees them, as virt-manager's Send Key menu offers
     * them: each a chord of X11 keysyms.
     */
    public static final Map<String, int[]> SEND_KEYS = sendKeys();

    private static Map<String, int[]> sendKeys() {
        Map<String, int[]> keys = new LinkedHashMap<>();
        keys.put(Messages.CTRL_ALT_DEL, new int[] { Keysyms.CONTROL_L, Keysyms.ALT_L, Keysyms.DELETE });
        keys.put(Messages.CTRL_ALT_BACKSPACE, new int[] { Keysyms.CONTROL_L, Keysyms.ALT_L, Keysyms.BACKSPACE });
        for (int f = 1; f <= 12; f++) {
            keys.put(NLS.bind(Messages.CTRL_ALT_F, f), new int[] { Keysyms.CONTROL_L, Keysyms.ALT_L, 0xffbd + f });
        }
        keys.put(Messages.PRINTSCREEN, new int[] { 0xff61 });
        return Collections.unmodifiableMap(keys);
    }

    /** SWT's key to an X11 keysym: printable characters are their own (Latin-1 and Unicode keysyms). */
    static int keysym(Event e) {
        return switch (e.keyCode) {
            case SWT.CR, SWT.KEYPAD_CR -> Keysyms.RETURN;
            case SWT.BS -> Keysyms.BACKSPACE;
            case SWT.TAB -> Keysyms.TAB;
            case SWT.ESC -> Keysyms.ESCAPE;
            case SWT.DEL -> Keysyms.DELETE;
            case SWT.CTRL -> Keysyms.CONTROL_L;
            case SWT.ALT -> Keysyms.ALT_L;
            case SWT.SHIFT -> Keysyms.SHIFT_L;
            case SWT.ARROW_LEFT -> Keysyms.LEFT;
            case SWT.ARROW_UP -> Keysyms.UP;
            case SWT.ARROW_RIGHT -> Keysyms.RIGHT;
            case SWT.ARROW_DOWN -> Keysyms.DOWN;
            default -> {
                if (e.keyCode >= SWT.F1 && e.keyCode <= SWT.F12) {
                    yield 0xffbe + (e.keyCode - SWT.F1);
                }
                char ch = e.character != 0 && e.character >= 0x20 ? e.character : (char) e.keyCode;
                yield ch < 0x20 ? 0 : ch <= 0xff ? ch : 0x01000000 | ch;
            }
        };
    }
}
