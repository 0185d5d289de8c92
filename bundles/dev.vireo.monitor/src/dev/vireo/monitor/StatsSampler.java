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

import org.eclipse.osgi.util.NLS;

import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.DomainStatistics;
import dev.vireo.libvirt.DomainStats;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.DomainChange.Kind;

/**
 * Samples a connection's domains' CPU time, balloon, disk and network bytes while someone looks at
 * them, within a budget of calls per minute, and keeps each domain's recent history. Where the
 * driver's bulk statistics carry CPU time, one bulk call a tick; where they do not (the test
 * driver), the domains someone looks at are asked one call each, in turn, as often as the budget
 * allows: 13 visible rows at 20 calls a minute are each sampled every 39 s. Nobody looking (the
 * view hidden, the window minimized): no call at all.
 */
final class StatsSampler {
    private final ConnectionMonitor monitor;
    private final VirtConnection connection;
    private final ExecutorService updates;
    private final DomainCache domains;
    private final StatsHistory history = new StatsHistory(60);
    private final Map<Object, Set<String>> visibleBy = new ConcurrentHashMap<>();
    private volatile Duration statsInterval;
    private volatile int callsPerMinute;
    private ScheduledFuture<?> sampler;
    /** Calls the budget allows now; spent and refilled on the worker that samples (one tick at a time). */
    private double allowance;
    /** Where the turn of the one-by-one calls is among the visible domains. */
    private int turn;
    /** Whether the bulk statistics carry CPU time; {@code null} until a running domain says. */
    private volatile Boolean bulkHasCpu;
    /** Whether the last tick asked domains one by one (no bulk statistics with CPU time). */
    private volatile boolean perRow;

    StatsSampler(ConnectionMonitor monitor, ExecutorService updates, int callsPerMinute) {
        this.monitor = monitor;
        this.callsPerMinute = callsPerMinute;
        this.connection = monitor.connection();
        this.updates = updates;
        this.domains = monitor.domains();
    }

    /** At most this many calls a minute from now on. */
    void budget(int calls) {
        callsPerMinute = calls;
    }

    /** How often a visible domain's figures are sampled, and why not more often; {@code null} while off. */
    String describe() {
        Duration interval = statsInterval;
        if (interval == null) {
            return null;
        }
        int rows = Math.max(1, visible().size());
        double seconds = Math.max(interval.toMillis() / 1000.0, (perRow ? rows : 1) * 60.0 / Math.max(1,
                callsPerMinute));
        return perRow ? NLS.bind(Messages.SAMPLED_EVERY_S_PER_ROW, Math.round(seconds), callsPerMinute)
                : NLS.bind(Messages.SAMPLED_EVERY_S, Math.round(seconds));
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
                })).exceptionally(e -> monitor.log(NLS.bind(Messages.CANNOT_SAMPLE_STATISTICS_ON, connection.uri()),
                        e));
    }

    /** What the budget allows this tick: one bulk call, or some of the visible running domains in turn. */
    private List<DomainStats> collectStats(LibvirtConnection libvirt) {
        Duration interval = statsInterval;
        Set<String> looked = visible();
        if (interval == null || looked.isEmpty()) {
            return List.of(); // turned off meanwhile, or nobody looks
        }
        List<String> running = looked.stream().filter(u -> domains.get(u) != null && domains.get(u).state().isActive())
                .sorted().toList();
        allowance = Math.min(allowance + callsPerMinute * interval.toMillis() / 60_000.0, Math.max(1, running.size()));
        if (allowance < 1 || running.isEmpty()) { // a shut-off machine has no figures to sample
            return List.of();
        }
        perRow = !libvirt.stats().hasBulkStats() || Boolean.FALSE.equals(bulkHasCpu);
        if (!perRow) {
            allowance -= 1;
            List<DomainStats> all = libvirt.stats().domainStats(DomainStatistics.STATS_CPU_TOTAL
                    | DomainStatistics.STATS_BALLOON | DomainStatistics.STATS_BLOCK | DomainStatistics.STATS_INTERFACE,
                    DomainStatistics.ALL);
            all.stream().filter(s -> s.state().isActive()).findAny()
                    .ifPresent(s -> bulkHasCpu = all.stream().anyMatch(x -> x.number("cpu.time") >= 0));
            return all;
        }
        List<DomainStats> stats = new ArrayList<>();
        while (allowance >= 1 && stats.size() < running.size()) {
            allowance -= 1;
            stats.add(libvirt.stats().domainInfo(running.get(turn++ % running.size())));
        }
        return stats;
    }
}
