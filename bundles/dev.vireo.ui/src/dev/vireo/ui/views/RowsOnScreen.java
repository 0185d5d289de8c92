package dev.vireo.ui.views;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

import dev.vireo.connection.VirtConnection;

/**
 * The machines whose rows are on screen, by host. Rows lie top to bottom, so the first one on
 * screen is found by bisection and the search stops at the first one below: each row's bounds
 * cost native calls, and looking at thousands of them would hold the UI thread.
 */
final class RowsOnScreen {
    private RowsOnScreen() {
    }

    /** Nothing when the tree is hidden or its window minimized. */
    static Map<VirtConnection, Set<String>> of(Tree tree) {
        Map<VirtConnection, Set<String>> visible = new HashMap<>();
        if (!tree.isVisible() || tree.getShell().getMinimized()) {
            return visible;
        }
        Rectangle area = tree.getClientArea();
        for (TreeItem host : tree.getItems()) {
            if (host.getBounds().y > area.height) {
                break; // this host and those after it are below the screen
            }
            int count = host.getExpanded() ? host.getItemCount() : 0;
            int low = 0, high = count;
            while (low < high) {
                int mid = (low + high) >>> 1;
                Rectangle bounds = host.getItem(mid).getBounds();
                if (bounds.y + bounds.height < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            for (int i = low; i < count && host.getItem(i).getBounds().y <= area.height; i++) {
                if (host.getItem(i).getData() instanceof DomainNode n) {
                    visible.computeIfAbsent(n.connection(), c -> new HashSet<>()).add(n.uuid());
                }
            }
        }
        return visible;
    }
}
