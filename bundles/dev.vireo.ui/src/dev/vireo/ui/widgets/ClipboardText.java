package dev.vireo.ui.widgets;

import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Display;

/**
 * The desktop clipboard's text shared with a guest, as gtk-vnc's viewers do: what the guest copies
 * is put on the clipboard; what the desktop holds is given to the guest when the viewer takes the
 * focus, if it is not what was last given or taken. UI thread only.
 */
final class ClipboardText {
    private String last = "";

    /** The guest copied {@code text}. */
    void fromGuest(Display display, String text) {
        last = text;
        Clipboard board = new Clipboard(display);
        board.setContents(new Object[] { text }, new Transfer[] { TextTransfer.getInstance() });
        board.dispose();
    }

    /** The desktop's text if the guest has not had it yet, else {@code null}. */
    String forGuest(Display display) {
        Clipboard board = new Clipboard(display);
        Object text = board.getContents(TextTransfer.getInstance());
        board.dispose();
        if (text instanceof String t && !t.equals(last)) {
            last = t;
            return t;
        }
        return null;
    }
}
