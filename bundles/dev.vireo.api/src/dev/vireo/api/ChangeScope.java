package dev.vireo.api;

/**
 * When a change to a domain takes effect: libvirt's {@code VIR_DOMAIN_AFFECT_LIVE} and
 * {@code VIR_DOMAIN_AFFECT_CONFIG}. A shut-off domain has only a next boot.
 */
public enum ChangeScope {
    NEXT_BOOT(2, Messages.AT_THE_NEXT_BOOT), NOW(1, Messages.NOW_UNTIL_THE_NEXT_BOOT), NOW_AND_NEXT_BOOT(3,
            Messages.NOW_AND_AT_THE_NEXT_BOOT);

    /** libvirt's {@code virDomainModificationImpact} flags. */
    public final int flags;
    public final String label;

    ChangeScope(int flags, String label) {
        this.flags = flags;
        this.label = label;
    }
}
