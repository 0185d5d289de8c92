package dev.vireo.monitor.spi;

import java.time.Duration;

/**
 * How the monitor keeps one class of object current: from libvirt's events, by polling at an
 * interval (for drivers or classes without events), or only when someone asks.
 */
public record RefreshStrategy(Mode mode, Duration interval) {

    public enum Mode {
        EVENTS, POLL, ON_DEMAND
    }

    public static final RefreshStrategy EVENTS = new RefreshStrategy(Mode.EVENTS, null);
    public static final RefreshStrategy ON_DEMAND = new RefreshStrategy(Mode.ON_DEMAND, null);

    public static RefreshStrategy poll(Duration interval) {
        return new RefreshStrategy(Mode.POLL, interval);
    }
}
