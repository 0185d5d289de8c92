package dev.vireo.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;

import dev.vireo.connection.VirtConnection;

/**
 * The moments a user sees, written by the product itself for benchmarks: {@code vireo --trace
 * FILE} appends a line {@code MILLISECONDS_SINCE_JVM_START MARK DETAIL...} the first time each
 * happens: {@code jvm-start EPOCH_MILLISECONDS}, when tracing began; {@code window-shown};
 * {@code rows-painted URI N}, the first paint with N > 0 VM rows of that host; {@code all-xml URI N}, every VM's XML cached; {@code idle URI CALLS}, the first 2 s
 * after that without a libvirt call to the host; {@code ui-stall MS}, each time the UI thread took
 * longer than 100 ms to run a task posted to it (checked every 50 ms from the window's first
 * paint). Nothing is measured without {@code --trace}.
 */
public final class Trace {
    /** Quiet this long after loading: the host is idle. */
    private static final long IDLE_MS = 2000;
    private static final long STALL_MS = 100;
    private static volatile Path file;
    private static final Set<String> made = ConcurrentHashMap.newKeySet();
    /** Per host with all XML: its call total and since when it has not changed. */
    private static final Map<VirtConnection, long[]> quiet = new ConcurrentHashMap<>();

    private Trace() {
    }

    /** Starts tracing to {@code path}, and watching for idle hosts. */
    public static synchronized void to(Path path) {
        file = path;
        ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("vireo-trace-idle").daemon().factory());
        idle.scheduleWithFixedDelay(Trace::checkIdle, 100, 100, TimeUnit.MILLISECONDS);
        // the JVM's start as wall-clock time, so that a benchmark can add the time before it
        once("jvm-start", "jvm-start", String.valueOf(ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    public static boolean on() {
        return file != null;
    }

    /** Writes a mark the first time it is made with this key. */
    private static void once(String key, String mark, String detail) {
        Path f = file;
        if (f == null || !made.add(key)) {
            return;
        }
        String line = ManagementFactory.getRuntimeMXBean().getUptime() + " " + mark + (detail.isEmpty() ? "" : " " + detail)
                + "\n";
        synchronized (Trace.class) {
            try {
                Files.writeString(f, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                ILog.of(Trace.class).error("Cannot write the trace to " + f, e);
                file = null;
            }
        }
    }

    /** On the UI thread, once the window is painted. */
    public static void windowShown() {
        once("window-shown", "window-shown", "");
        Display display = Display.getCurrent();
        if (on() && display != null && made.add("ui-watch")) {
            Thread.ofPlatform().name("vireo-trace-ui").daemon().start(() -> watch(display));
        }
    }

    /** Every 50 ms, how long the UI thread takes to run an empty task: over 100 ms, a stall users feel. */
    private static void watch(Display display) {
        int stalls = 0;
        try {
            while (!display.isDisposed()) {
                CountDownLatch ran = new CountDownLatch(1);
                long posted = System.nanoTime();
                display.asyncExec(ran::countDown);
                while (!ran.await(1, TimeUnit.SECONDS)) {
                    if (display.isDisposed()) {
                        return;
                    }
                }
                long ms = (System.nanoTime() - posted) / 1_000_000;
                if (ms > STALL_MS) {
                    once("ui-stall " + ++stalls, "ui-stall", String.valueOf(ms));
                }
                Thread.sleep(50); // the sampling interval
            }
        } catch (InterruptedException | SWTException e) {
            // the workbench is closing
        }
    }

    /** Whether a paint has shown rows of this host yet: once it has, callers need not look again. */
    public static boolean rowsPaintedOf(VirtConnection host) {
        return made.contains("rows-painted " + host.uri());
    }

    /** Whether the host's XML was marked all cached: once it was, callers need not look again. */
    public static boolean allXmlOf(VirtConnection host) {
        return made.contains("all-xml " + host.uri());
    }

    /** A paint showed {@code rows} (> 0) VM rows of this host. */
    public static void rowsPainted(VirtConnection host, int rows) {
        once("rows-painted " + host.uri(), "rows-painted", host.uri() + " " + rows);
    }

    /** A host has every VM's XML cached: marked, and watched for its first quiet moment. */
    public static void allXml(VirtConnection host, int domains) {
        if (on() && !allXmlOf(host)) {
            quiet.put(host, new long[] { host.calls().total(), System.currentTimeMillis() });
            once("all-xml " + host.uri(), "all-xml", host.uri() + " " + domains);
        }
    }

    private static void checkIdle() {
        long now = System.currentTimeMillis();
        quiet.forEach((host, last) -> {
            long calls = host.calls().total();
            if (calls != last[0]) {
                last[0] = calls;
                last[1] = now;
            } else if (now - last[1] >= IDLE_MS) {
                once("idle " + host.uri(), "idle", host.uri() + " " + calls);
                quiet.remove(host);
            }
        });
    }
}
