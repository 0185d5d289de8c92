package dev.vireo.libvirt;

/** What the domain list shows of one domain. Immutable: a change makes a new summary. */
public record DomainSummary(String uuid, String name, DomainState state, int vcpus, long memoryKiB,
        long maxMemoryKiB) {

    public DomainSummary withState(DomainState newState) {
        return new DomainSummary(uuid, name, newState, vcpus, memoryKiB, maxMemoryKiB);
    }
}
