package dev.vireo.operations;

import java.util.function.BiConsumer;

import dev.vireo.libvirt.Domains;

/** What a user does to a running or stopped machine; each is one libvirt call, and the cache follows its event. */
public enum Lifecycle {
    START("Starting", Domains::start),
    START_PAUSED("Starting paused", Domains::startPaused),
    PAUSE("Pausing", Domains::suspend),
    RESUME("Resuming", Domains::resume),
    SHUT_DOWN("Shutting down", Domains::shutdown),
    REBOOT("Rebooting", Domains::reboot),
    RESET("Resetting", Domains::reset),
    FORCE_OFF("Forcing off", Domains::destroy),
    SAVE("Saving", Domains::managedSave);

    private final String verb;
    final BiConsumer<Domains, String> call;

    Lifecycle(String verb, BiConsumer<Domains, String> call) {
        this.verb = verb;
        this.call = call;
    }

    /** "Starting", "Pausing"...: how a progress line names it. */
    public String verb() {
        return verb;
    }
}
