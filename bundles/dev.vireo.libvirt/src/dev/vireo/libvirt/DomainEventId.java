package dev.vireo.libvirt;

/**
 * The domain events other than lifecycle that Vireo subscribes to, with libvirt's
 * {@code VIR_DOMAIN_EVENT_ID_*}: each says the domain's definition changed, so its XML is fetched again.
 */
public enum DomainEventId {
    DISK_CHANGE(9), TRAY_CHANGE(10), BALLOON_CHANGE(13), DEVICE_REMOVED(15), TUNABLE(17), DEVICE_ADDED(19),
    METADATA_CHANGE(23);

    final int id;

    DomainEventId(int id) {
        this.id = id;
    }
}
