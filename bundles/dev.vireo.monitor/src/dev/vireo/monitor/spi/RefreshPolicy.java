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

    private RefreshStrategy domains = RefreshStrategy.EVENTS;
    private final Map<ObjectKind, RefreshStrategy> objects = new EnumMap<>(ObjectKind.class);
    private Duration fallbackPoll = DEFAULT_POLL;

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
}
