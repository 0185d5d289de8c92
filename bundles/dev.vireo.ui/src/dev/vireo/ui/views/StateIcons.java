package dev.vireo.ui.views;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

import dev.vireo.api.DomainState;

/**
 * Small state icons (running green, paused amber, off grey, crashed red), painted before a
 * machine's name in the tree's first column. Painted, not set as the rows' images:
 * GTK copies an item's image into a new pixbuf each time one is set, which for thousands of rows
 * held the UI thread for seconds, and a virtual tree would have filled every row to compare.
 */
final class StateIcons {
    private static final int SIZE = 14, GAP = 4;
    private final Map<DomainState, Color> colors = new EnumMap<>(DomainState.class);

    private Color color(DomainState state) {
        return colors.computeIfAbsent(state, s -> new Color(switch (s) {
            case RUNNING, BLOCKED -> new RGB(46, 160, 67);
            case PAUSED, PMSUSPENDED -> new RGB(219, 160, 0);
            case CRASHED -> new RGB(207, 34, 46);
            case SHUTDOWN -> new RGB(90, 120, 200);
            default -> new RGB(140, 140, 140);
        }));
    }

    /** A triangle (running), two bars (paused) or a square, {@code SIZE} wide, at x, y. */
    private void draw(GC gc, DomainState state, int x, int y) {
        Color before = gc.getBackground();
        int antialias = gc.getAntialias();
        gc.setAntialias(SWT.ON);
        gc.setBackground(color(state));
        switch (state) {
            case RUNNING, BLOCKED -> gc.fillPolygon(new int[] { x + 3, y + 2, x + 12, y + 7, x + 3, y + 12 });
            case PAUSED, PMSUSPENDED -> {
                gc.fillRectangle(x + 3, y + 2, 3, 10);
                gc.fillRectangle(x + 8, y + 2, 3, 10);
            }
            default -> gc.fillRectangle(x + 3, y + 3, 8, 8);
        }
        gc.setBackground(before);
        gc.setAntialias(antialias);
    }

    /** Paints the icons into {@code tree}'s first column, the name beside them. */
    void paintInto(Tree tree) {
        Listener painter = e -> {
            if (e.index != 0 || !(e.item.getData() instanceof DomainNode n) || n.record() == null) {
                return;
            }
            TreeItem item = (TreeItem) e.item;
            // no MeasureItem: GTK would then measure every row of the tree at each change, not only
            // those it draws; the column is wide enough as it is
            if (e.type == SWT.EraseItem) {
                e.detail &= ~SWT.FOREGROUND; // the name is drawn below, after the icon
            } else {
                draw(e.gc, n.record().state(), e.x, e.y + (e.height - SIZE) / 2);
                String name = item.getText(0);
                e.gc.drawText(name, e.x + SIZE + GAP, e.y + (e.height - e.gc.textExtent(name).y) / 2, true);
            }
        };
        for (int event : new int[] { SWT.EraseItem, SWT.PaintItem }) {
            tree.addListener(event, painter);
        }
    }
}
