package dev.vireo.operations;

import java.util.function.BiConsumer;

import dev.vireo.libvirt.Domains;

/** What a user does to a running or stopped machine; each is one libvirt call, and the cache follows its event. */
public enum Lifecycle {
    START(Messages.STARTING, Domains::start),
    START_PAUSED(Messages.STARTING_PAUSED, Domains::startPaused),
    PAUSE(Messages.PAUSING, Domains::suspend),
    RESUME(Messages.RESUMING, Domains::resume),
    SHUT_DOWN(Messages.SHUTTING_DOWN, Domains::shutdown),
    REBOOT(Messages.REBOOTING, Domains::reboot),
    RESET(Messages.RESETTING, Domains::reset),
    FORCE_OFF(Messages.FORCING_OFF, Domains::destroy),
    SAVE(Messages.SAVING, Domains::managedSave);

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
