package dev.vireo.libvirt;

/**
 * Hears a connection's domain events. Called on the libvirt event-loop thread: return quickly,
 * hand work off, and never call libvirt from here.
 */
public interface DomainEventListener {

    void lifecycle(DomainLifecycleEvent event);

    /**
     * A domain event other than lifecycle: device added or removed, tray, balloon, metadata,
     * tunables, graphics client, job completed... ({@code LibvirtConnection.EVENT_*}).
     *
     * @param eventId libvirt's {@code VIR_DOMAIN_EVENT_ID_*}
     */
    void otherEvent(String uuid, String name, int eventId);
}
