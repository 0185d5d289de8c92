package dev.vireo.ui.widgets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;

import dev.vireo.rfb.RfbClient;

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
        keys.put("Ctrl+Alt+Del", new int[] { RfbClient.CONTROL_L, RfbClient.ALT_L, RfbClient.DELETE });
        keys.put("Ctrl+Alt+Backspace", new int[] { RfbClient.CONTROL_L, RfbClient.ALT_L, RfbClient.BACKSPACE });
        for (int f = 1; f <= 12; f++) {
            keys.put("Ctrl+Alt+F" + f, new int[] { RfbClient.CONTROL_L, RfbClient.ALT_L, 0xffbd + f });
        }
        keys.put("PrintScreen", new int[] { 0xff61 });
        return Collections.unmodifiableMap(keys);
    }

    /** SWT's key to an X11 keysym: printable characters are their own (Latin-1 and Unicode keysyms). */
    static int keysym(Event e) {
        return switch (e.keyCode) {
            case SWT.CR, SWT.KEYPAD_CR -> RfbClient.RETURN;
            case SWT.BS -> RfbClient.BACKSPACE;
            case SWT.TAB -> RfbClient.TAB;
            case SWT.ESC -> RfbClient.ESCAPE;
            case SWT.DEL -> RfbClient.DELETE;
            case SWT.CTRL -> RfbClient.CONTROL_L;
            case SWT.ALT -> RfbClient.ALT_L;
            case SWT.SHIFT -> RfbClient.SHIFT_L;
            case SWT.ARROW_LEFT -> RfbClient.LEFT;
            case SWT.ARROW_UP -> RfbClient.UP;
            case SWT.ARROW_RIGHT -> RfbClient.RIGHT;
            case SWT.ARROW_DOWN -> RfbClient.DOWN;
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
