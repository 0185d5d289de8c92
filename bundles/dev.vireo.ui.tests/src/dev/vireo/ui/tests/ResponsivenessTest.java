package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;

import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.ui.Services;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.views.DomainsView;

/**
 * A burst of 1000 domains defined, then undefined, then a storm of 10 000 events, by another client
 * of the workbench's host: the manager follows, and the UI thread is never held long. A watchdog thread posts a probe to the UI
 * thread every 5 ms and records how late the longest one ran: that is the longest the UI was blocked.
 */
class ResponsivenessTest {
    private static final int DOMAINS = 1000;
    private static final int STORM_PAIRS = 5000;
    /** The bound asserted; the figures measured are printed. */
    private static final long BOUND_MS = 2000;

    @Test
    void aBurstOfAThousandDefinitionsNeverBlocksTheUiThreadLong() throws Exception {
        DomainsView view = Workbench.view();
        VirtConnection app = Services.connections().connections().stream()
                .filter(c -> c.uri().equals(ConnectionManager.DEFAULT_URI)).findFirst().orElseThrow();
        UiWait.until("the app's host loaded", () -> Services.monitor(app).domains().size() >= 1, () -> "");
        int base = Services.monitor(app).domains().size();

        Display display = Display.getCurrent();
        AtomicLong worstLateNanos = new AtomicLong();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watchdog = new Thread(() -> {
            while (watching.get()) {
                long posted = System.nanoTime();
                display.asyncExec(() -> worstLateNanos.accumulateAndGet(System.nanoTime() - posted, Math::max));
                try {
                    Thread.sleep(5); // the probe's period, not a synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ui-watchdog");
        watchdog.start();
        long start = System.nanoTime();
        long burstWorst = 0;
        try {
            // the test driver's default host is one per process: a second client sees and changes the same host
            List<String> uuids = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> defines = CompletableFuture.runAsync(() -> {
                try (LibvirtConnection other = LibvirtConnection.open(ConnectionManager.DEFAULT_URI)) {
                    for (int i = 0; i < DOMAINS; i++) {
                        uuids.add(other.domains().defineDomain("<domain type='test'><name>burst-" + i + "</name><memory>65536</memory>"
                                + "<os><type>hvm</type></os></domain>"));
                    }
                }
            });
            UiWait.until("1000 new rows", () -> domainRows(view, app) == base + DOMAINS, () -> domainRows(view, app) + " rows");
            Workbench.await(defines);
            long shown = System.nanoTime() - start;
            CompletableFuture<Void> undefines = CompletableFuture.runAsync(() -> {
                try (LibvirtConnection other = LibvirtConnection.open(ConnectionManager.DEFAULT_URI)) {
                    uuids.forEach(other.domains()::undefine);
                }
            });
            UiWait.until("the rows gone again", () -> domainRows(view, app) == base, () -> domainRows(view, app) + " rows");
            Workbench.await(undefines);
            System.out.printf("responsiveness: %d domains defined then undefined by another client; all rows shown "
                    + "after %d ms, all gone after %d ms; UI thread blocked at most %d ms (watchdog), longest "
                    + "refresh %d ms over %d refreshes%n", DOMAINS, shown / 1_000_000,
                    (System.nanoTime() - start) / 1_000_000, worstLateNanos.get() / 1_000_000,
                    view.longestRefreshNanos() / 1_000_000, view.refreshes());
            burstWorst = worstLateNanos.getAndSet(0);
            // a storm: 10 000 events as fast as another client can make them
            long stormStart = System.nanoTime();
            CompletableFuture<String> storm = CompletableFuture.supplyAsync(() -> {
                try (LibvirtConnection other = LibvirtConnection.open(ConnectionManager.DEFAULT_URI)) {
                    for (int i = 0; i < STORM_PAIRS; i++) {
                        other.domains().undefine(other.domains().defineDomain("<domain type='test'><name>storm-" + (i % 20)
                                + "</name><memory>65536</memory><os><type>hvm</type></os></domain>"));
                    }
                    return other.domains().defineDomain("<domain type='test'><name>after-the-storm</name><memory>65536</memory>"
                            + "<os><type>hvm</type></os></domain>");
                }
            });
            String last = Workbench.await(storm);
            UiWait.until("the row after the storm", () -> domainRows(view, app) == base + 1
                    && Workbench.row(view, app, "after-the-storm") != null, () -> domainRows(view, app) + " rows");
            System.out.printf("responsiveness: storm of %d events: manager exact after %d ms; UI thread blocked at most "
                    + "%d ms during it%n", 2 * STORM_PAIRS + 1, (System.nanoTime() - stormStart) / 1_000_000,
                    worstLateNanos.get() / 1_000_000);
            Workbench.call(app, l -> {
                l.domains().undefine(last);
                return null;
            });
            UiWait.until("the storm's last row gone", () -> domainRows(view, app) == base, () -> domainRows(view, app) + " rows");
        } finally {
            watching.set(false);
            watchdog.join();
        }
        assertEquals(base, Services.monitor(app).domains().size());
        long worstMs = Math.max(burstWorst, worstLateNanos.get()) / 1_000_000;
        assertTrue(worstMs < BOUND_MS, "the UI thread was blocked " + worstMs + " ms");
    }

    private static int domainRows(DomainsView view, VirtConnection c) {
        for (TreeItem row : view.viewer().getTree().getItems()) {
            if (row.getData() == c) {
                return (int) java.util.Arrays.stream(row.getItems())
                        .filter(i -> i.getData() instanceof dev.vireo.ui.views.DomainNode).count();
            }
        }
        return -1;
    }
}
