package dev.vireo.api;

/** The kinds of host object besides domains that Vireo caches. */
public enum ObjectKind {
    NETWORK(true, true),
    STORAGE_POOL(true, true),
    NODE_DEVICE(true, false),
    SECRET(true, false),
    /** Host interfaces have no events in libvirt: always polled. */
    INTERFACE(false, true);

    /** What an event says happened to an object, in terms every kind shares. */
    public enum Change {
        DEFINED, UNDEFINED, STARTED, STOPPED, UPDATED
    }

    private final boolean hasEvents;
    private final boolean hasState;

    ObjectKind(boolean hasEvents, boolean hasState) {
        this.hasEvents = hasEvents;
        this.hasState = hasState;
    }

    /** Whether libvirt sends lifecycle events for this kind (else it must be polled). */
    public boolean hasEvents() {
        return hasEvents;
    }

    /** Whether objects of this kind are active or inactive (networks, pools, interfaces). */
    public boolean hasState() {
        return hasState;
    }
}
