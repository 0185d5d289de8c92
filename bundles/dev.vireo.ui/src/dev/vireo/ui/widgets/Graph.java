package dev.vireo.ui.widgets;

import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

import dev.vireo.ui.Messages;

/** A titled graph of the last samples of one statistic; repaint it with {@link #redraw()}. */
public class Graph extends Canvas {
    private final String title;
    private final String unit;
    private final double minimumScale;
    private final Supplier<double[]> values;

    public Graph(Composite parent, String title, String unit, double minimumScale, Supplier<double[]> values) {
        super(parent, SWT.DOUBLE_BUFFERED);
        this.title = title;
        this.unit = unit;
        this.minimumScale = minimumScale;
        this.values = values;
        addPaintListener(e -> paint(e.gc));
    }

    /** The newest value as shown in the title, e.g. "12.5 %"; "no data" while there is none. */
    public String latest() {
        double[] v = values.get();
        return v.length == 0 || Double.isNaN(v[v.length - 1]) ? Messages.NO_DATA
                : String.format("%.1f %s", v[v.length - 1], unit);
    }

    private void paint(GC gc) {
        Display display = getDisplay();
        Rectangle area = getClientArea();
        gc.setBackground(display.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        gc.setForeground(display.getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        String heading = title + ": " + latest();
        Point text = gc.textExtent(heading);
        gc.drawText(heading, area.x + 4, area.y + 2, true);
        Rectangle plot = new Rectangle(area.x + 4, area.y + text.y + 6, area.width - 8, area.height - text.y - 10);
        if (plot.width <= 0 || plot.height <= 0) {
            return;
        }
        gc.setForeground(display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(plot);
        for (int i = 1; i < 4; i++) {
            int y = plot.y + plot.height * i / 4;
            gc.setLineStyle(SWT.LINE_DOT);
            gc.drawLine(plot.x, y, plot.x + plot.width, y);
        }
        gc.setLineStyle(SWT.LINE_SOLID);
        double[] v = values.get();
        double max = Plot.max(v, minimumScale);
        gc.drawText(String.format("%.0f %s", max, unit), plot.x + 2, plot.y + 1, true);
        gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GREEN));
        gc.setLineWidth(2);
        Plot.line(gc, plot, v, max, Math.max(2, plot.width / 60));
        gc.setLineWidth(1);
    }
}
