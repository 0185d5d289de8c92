package dev.vireo.ui.views;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.TreeItem;

import dev.vireo.ui.Services;
import dev.vireo.ui.widgets.Plot;

/** Draws a running machine's recent CPU usage into its row's cell of one column, from the monitor's history. */
final class SparklinePainter implements Listener {
    private final int column;

    SparklinePainter(int column) {
        this.column = column;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.index != column || !(event.item.getData() instanceof DomainNode n) || n.record() == null
                || !n.record().state().isActive()) {
            return;
        }
        double[] cpu = Plot.cpu(Services.monitor(n.connection()).history(n.uuid()));
        Rectangle cell = ((TreeItem) event.item).getBounds(column);
        GC gc = event.gc;
        gc.setForeground(event.display.getSystemColor(SWT.COLOR_DARK_GREEN));
        Plot.line(gc, new Rectangle(cell.x + 3, cell.y + 3, cell.width - 6, cell.height - 6), cpu, 100, 3);
    }
}
