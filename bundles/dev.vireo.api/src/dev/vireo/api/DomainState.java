package dev.vireo.api;

/** A domain's state; the order is libvirt's {@code virDomainState}. */
public enum DomainState {
    NOSTATE(Messages.NO_STATE),
    RUNNING("running"),
    BLOCKED("blocked"),
    PAUSED("paused"),
    SHUTDOWN(Messages.SHUTTING_DOWN),
    SHUTOFF(Messages.SHUT_OFF),
    CRASHED("crashed"),
    PMSUSPENDED("suspended");

    private final String label;

    DomainState(String label) {
        this.label = label;
    }

    /** The text virt-manager shows for this state. */
    public String label() {
        return label;
    }

    public boolean isActive() {
        return this != SHUTOFF && this != NOSTATE && this != CRASHED;
    }

    /** The state for libvirt's {@code virDomainState} code; {@link #NOSTATE} for codes newer than Vireo. */
    public static DomainState ofLibvirt(int code) {
        DomainState[] all = values();
        return code >= 0 && code < all.length ? all[code] : NOSTATE;
    }
}
