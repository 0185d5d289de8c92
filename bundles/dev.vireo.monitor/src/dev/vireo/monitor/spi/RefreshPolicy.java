package dev.vireo.monitor.spi;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.vireo.api.ObjectKind;

/**
 * The refresh strategy per class of object for one connection. The default: events for domains
 * and every kind that has them; host interfaces, which have no events in libvirt and which few
 * screens show, only when someone asks ({@code ConnectionMonitor.refresh}). Where an event
 * subscription fails at run time the monitor polls that class instead.
 */
public final class RefreshPolicy {
    /** How often to poll where events are missing, if nobody says otherwise. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

    /** How many calls a minute statistics may cost one connection, if nobody says otherwise. */
    public static final int DEFAULT_STATS_CALLS_PER_MINUTE = 20;

    /** How many events may wait for the update thread, if nobody says otherwise. */
    public static final int DEFAULT_EVENT_BACKLOG = 10_000;

    private RefreshStrategy domains = RefreshStrategy.EVENTS;
    private final Map<ObjectKind, RefreshStrategy> objects = new EnumMap<>(ObjectKind.class);
    private Duration fallbackPoll = DEFAULT_POLL;
    private int eventBacklog = DEFAULT_EVENT_BACKLOG;
    private int statsCallsPerMinute = DEFAULT_STATS_CALLS_PER_MINUTE;
    private int loadConnections;

    public RefreshPolicy() {
        for (ObjectKind kind : ObjectKind.values()) {
            objects.put(kind, kind.hasEvents() ? RefreshStrategy.EVENTS : RefreshStrategy.ON_DEMAND);
        }
    }

    public RefreshStrategy domains() {
        return domains;
    }

    public RefreshPolicy domains(RefreshStrategy strategy) {
        domains = strategy;
        return this;
    }

    public RefreshStrategy objects(ObjectKind kind) {
        return objects.get(kind);
    }

    public RefreshPolicy objects(ObjectKind kind, RefreshStrategy strategy) {
        objects.put(kind, strategy);
        return this;
    }

    /** The interval to poll at where an event subscription failed. */
    public Duration fallbackPoll() {
        return fallbackPoll;
    }

    public RefreshPolicy fallbackPoll(Duration interval) {
        fallbackPoll = interval;
        return this;
    }

    /**
     * How many events may wait for the monitor's update thread. Past that, events are dropped
     * and the cache is listed and fetched again once the thread catches up: a storm costs one
     * resync, not unbounded memory.
     */
    public int eventBacklog() {
        return eventBacklog;
    }

    public RefreshPolicy eventBacklog(int events) {
        eventBacklog = events;
        return this;
    }

    /** The most calls a minute sampling statistics may make on the connection: its link-cost budget. */
    public int statsCallsPerMinute() {
        return statsCallsPerMinute;
    }

    public RefreshPolicy statsCallsPerMinute(int calls) {
        statsCallsPerMinute = calls;
        return this;
    }

    /**
     * How many extra read-only connections a session's first load (and the resync after a
     * reconnect) may open to fetch XML in parallel; none by default.
     */
    public int loadConnections() {
        return loadConnections;
    }

    public RefreshPolicy loadConnections(int connections) {
        loadConnections = connections;
        return this;
    }
}
