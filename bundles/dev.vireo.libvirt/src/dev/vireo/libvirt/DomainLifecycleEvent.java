package dev.vireo.libvirt;

import dev.vireo.api.DomainState;

/**
 * A domain lifecycle event as libvirt pushed it ({@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}).
 *
 * @param detail libvirt's detail code for the type, e.g. {@code VIR_DOMAIN_EVENT_STOPPED_DESTROYED}
 */
public record DomainLifecycleEvent(String uuid, String name, Type type, int detail) {

    /** The order is libvirt's {@code virDomainEventType}. */
    public enum Type {
        DEFINED, UNDEFINED, STARTED, SUSPENDED, RESUMED, STOPPED, SHUTDOWN, PMSUSPENDED, CRASHED;

        /**
         * The state a domain is in after this event, or {@code null} when the event does not say
         * (definition changes, and a guest-initiated shutdown that has not finished yet).
         */
        public DomainState resultingState() {
            return switch (this) {
                case STARTED, RESUMED -> DomainState.RUNNING;
                case SUSPENDED -> DomainState.PAUSED;
                case STOPPED -> DomainState.SHUTOFF;
                case PMSUSPENDED -> DomainState.PMSUSPENDED;
                case CRASHED -> DomainState.CRASHED;
                case DEFINED, UNDEFINED, SHUTDOWN -> null;
            };
        }
    }
}
