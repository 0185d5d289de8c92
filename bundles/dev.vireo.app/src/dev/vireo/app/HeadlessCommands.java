package dev.vireo.app;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.VirtConnection;
import dev.vireo.driver.DriverRegistry;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Services;

/**
 * Answers for scripts, without a window: {@code vireo --list-drivers} prints the installed drivers,
 * {@code vireo --list-domains URI} the domains of a host as the monitor loads them.
 */
final class HeadlessCommands {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private HeadlessCommands() {
    }

    /** Runs the command among {@code args}; returns the exit code, or {@code null} if there is none. */
    static Integer run(List<String> args) {
        if (args.contains("--list-drivers")) {
            DriverRegistry registry = Services.drivers();
            for (HypervisorDriver d : registry.drivers()) {
                System.out.println(d.id() + "\t" + String.join(",", d.schemes()) + "\t" + d.name() + "\t" + d.contributor());
            }
            registry.rejected().forEach(reason -> System.err.println(reason));
            return 0;
        }
        int i = args.indexOf("--list-domains");
        if (i >= 0 && i + 1 < args.size()) {
            return listDomains(args.get(i + 1));
        }
        return null;
    }

    private static int listDomains(String uri) {
        ConnectionManager manager = new ConnectionManager();
        VirtConnection connection = Services.drivers().open(manager, uri); // a failing driver shows as its failure
        ConnectionMonitor monitor = Services.monitor(connection);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!monitor.isXmlLoaded()) {
            if (connection.failure() != null || System.nanoTime() > deadline) {
                System.err.println(uri + ": " + (connection.failure() != null ? connection.failure()
                        : "no domain list within " + TIMEOUT.toSeconds() + " s"));
                return 1;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        monitor.domains().all().stream().sorted(Comparator.comparing(DomainRecord::name))
                .forEach(d -> System.out.println(d.name() + "\t" + d.state().label()));
        manager.close(connection);
        return 0;
    }
}
