package dev.vireo.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;

import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.DomainStatistics;
import dev.vireo.libvirt.DomainStats;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.DomainChange.Kind;

/**
 * Samples a connection's domains' CPU time, balloon, disk and network bytes at an interval, one
 * bulk call per tick where the driver has one, and keeps each domain's recent history.
 */
final class StatsSampler {
    private final ConnectionMonitor monitor;
    private final VirtConnection connection;
    private final ExecutorService updates;
    private final DomainCache domains;
    private final StatsHistory history = new StatsHistory(60);
    private final Map<Object, Set<String>> visibleBy = new ConcurrentHashMap<>();
    private volatile Duration statsInterval;
    private ScheduledFuture<?> sampler;

    StatsSampler(ConnectionMonitor monitor, ExecutorService updates) {
        this.monitor = monitor;
        this.connection = monitor.connection();
        this.updates = updates;
        this.domains = monitor.domains();
    }

    /** Samples every {@code interval} from now on while connected; {@code null} turns sampling off. */
    synchronized void start(Duration interval) {
        statsInterval = interval;
        stop();
        if (interval != null && connection.state() == ConnectionState.CONNECTED) {
            sampler = monitor.repeat(interval, this::sample);
        }
    }

    /** Stops sampling until {@link #restart}, keeping the interval. */
    synchronized void stop() {
        if (sampler != null) {
            sampler.cancel(false);
            sampler = null;
        }
    }

    /** Starts sampling again at the last interval asked for, e.g. in a new session. */
    void restart() {
        start(statsInterval);
    }

    List<StatsSample> history(String uuid) {
        return history.get(uuid);
    }

    void forget(String uuid) {
        history.remove(uuid);
    }

    /**
     * Which domains a viewer (a view, an editor) is looking at; {@code null} or empty when it
     * stops. Where the driver has no bulk statistics the sampler asks only the domains someone
     * looks at, one call each, instead of every domain.
     */
    void setVisible(Object viewer, Set<String> uuids) {
        if (uuids == null || uuids.isEmpty()) {
            visibleBy.remove(viewer);
        } else {
            visibleBy.put(viewer, Set.copyOf(uuids));
        }
    }

    private Set<String> visible() {
        Set<String> all = new HashSet<>();
        visibleBy.values().forEach(all::addAll);
        return all;
    }

    private CompletableFuture<Void> sample() {
        return connection.submit(this::collectStats).thenAccept(stats -> updates.execute(() -> {
                    long now = System.nanoTime();
                    List<DomainChange> changes = new ArrayList<>();
                    for (DomainStats s : stats) {
                        DomainRecord known = domains.get(s.uuid());
                        if (known == null) {
                            continue;
                        }
                        StatsSample last = known.sample();
                        long cpu = s.number("cpu.time");
                        double percent = last == null || cpu < 0 || last.cpuTimeNs() < 0 || now <= last.timeNanos() ? -1
                                : Math.min(100, 100.0 * (cpu - last.cpuTimeNs()) / (now - last.timeNanos())
                                        / Math.max(1, known.vcpus()));
                        StatsSample sample = new StatsSample(now, cpu, percent, s.number("balloon.current"),
                                s.sum("block.", ".rd.bytes", ".wr.bytes"), s.sum("net.", ".rx.bytes", ".tx.bytes"));
                        DomainRecord sampled = known.withSample(sample);
                        domains.put(sampled);
                        history.add(s.uuid(), sample);
                        changes.add(new DomainChange(Kind.STATS_SAMPLED, sampled));
                    }
                    monitor.fireDomains(changes);
                })).exceptionally(e -> monitor.log("Cannot sample statistics on " + connection.uri(), e));
    }

    /**
     * One bulk call where the driver has it; the visible running domains it sent no CPU time for
     * (the test driver sends only states) are asked one by one, as are all of them without it.
     */
    private List<DomainStats> collectStats(LibvirtConnection libvirt) {
        if (statsInterval == null) {
            return List.of(); // turned off meanwhile
        }
        List<DomainStats> stats = new ArrayList<>();
        Set<String> missing = visible();
        if (libvirt.stats().hasBulkStats()) {
            for (DomainStats s : libvirt.stats().domainStats(DomainStatistics.STATS_CPU_TOTAL | DomainStatistics.STATS_BALLOON
                    | DomainStatistics.STATS_BLOCK | DomainStatistics.STATS_INTERFACE, DomainStatistics.ALL)) {
                if (s.number("cpu.time") >= 0 || !s.state().isActive() || !missing.contains(s.uuid())) {
                    stats.add(s);
                    missing.remove(s.uuid());
                }
            }
        }
        for (String uuid : missing) {
            DomainRecord known = domains.get(uuid);
            if (known != null && known.state().isActive()) {
                stats.add(libvirt.stats().domainInfo(uuid));
            }
        }
        return stats;
    }
}
