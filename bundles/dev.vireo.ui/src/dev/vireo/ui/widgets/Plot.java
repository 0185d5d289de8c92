package dev.vireo.ui.widgets;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

import dev.vireo.monitor.StatsSample;

/** Owner-drawn line plots of statistics samples: the manager's sparklines and the editor's graphs. */
public final class Plot {
    private Plot() {
    }

    /**
     * Draws {@code values} (NaN for "no value") scaled to {@code max} as a line, newest at the right
     * edge, one point every {@code step} pixels, in the GC's foreground colour.
     */
    public static void line(GC gc, Rectangle area, double[] values, double max, int step) {
        if (values.length < 2 || max <= 0) {
            return;
        }
        int[] points = new int[values.length * 2];
        int n = 0;
        int right = area.x + area.width - 1;
        for (int i = values.length - 1; i >= 0; i--) {
            int x = right - (values.length - 1 - i) * step;
            if (x < area.x || Double.isNaN(values[i])) {
                break;
            }
            double v = Math.max(0, Math.min(max, values[i]));
            points[n++] = x;
            points[n++] = area.y + area.height - 1 - (int) Math.round(v / max * (area.height - 1));
        }
        if (n >= 4) {
            int[] used = new int[n];
            System.arraycopy(points, 0, used, 0, n);
            gc.setAntialias(org.eclipse.swt.SWT.ON);
            gc.drawPolyline(used);
        }
    }

    /** CPU use per sample, NaN where unknown (the first sample of a run). */
    public static double[] cpu(List<StatsSample> samples) {
        return map(samples, s -> s.cpuPercent() < 0 ? Double.NaN : s.cpuPercent());
    }

    /** Memory given to the guest, in MiB. */
    public static double[] memoryMiB(List<StatsSample> samples) {
        return map(samples, s -> s.balloonKiB() < 0 ? Double.NaN : s.balloonKiB() / 1024.0);
    }

    /** KiB per second between successive samples of a cumulative byte counter. */
    public static double[] rateKiB(List<StatsSample> samples, ToDoubleFunction<StatsSample> bytes) {
        double[] rates = new double[samples.size()];
        for (int i = 0; i < rates.length; i++) {
            double now = bytes.applyAsDouble(samples.get(i));
            double before = i == 0 ? -1 : bytes.applyAsDouble(samples.get(i - 1));
            double seconds = i == 0 ? 0 : (samples.get(i).timeNanos() - samples.get(i - 1).timeNanos()) / 1e9;
            rates[i] = now < 0 || before < 0 || now < before || seconds <= 0 ? Double.NaN
                    : (now - before) / 1024 / seconds;
        }
        return rates;
    }

    public static double max(double[] values, double atLeast) {
        double max = atLeast;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    private static double[] map(List<StatsSample> samples, ToDoubleFunction<StatsSample> f) {
        return samples.stream().mapToDouble(f).toArray();
    }
}
