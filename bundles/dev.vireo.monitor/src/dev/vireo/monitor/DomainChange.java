package dev.vireo.monitor;

/** One change to a cached domain; for {@link Kind#REMOVED} the domain as it was last known. */
public record DomainChange(Kind kind, DomainRecord domain) {

    public enum Kind {
        ADDED, REMOVED, STATE_CHANGED, DEFINITION_CHANGED, STATS_SAMPLED
    }
}
