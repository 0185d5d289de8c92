package dev.vireo.monitor;

import dev.vireo.libvirt.DomainSummary;

/** One change to a cached domain; for {@link Kind#REMOVED} the domain as it was last known. */
public record DomainChange(Kind kind, DomainSummary domain) {

    public enum Kind {
        ADDED, REMOVED, STATE_CHANGED, DEFINITION_CHANGED
    }
}
