package dev.vireo.monitor;

import dev.vireo.api.DomainState;
import dev.vireo.model.DomainDefinition;

/**
 * A cached domain. Immutable: every change makes a new record. Until its XML arrives a record
 * holds what the domain list said (name, state and, where the driver sends them, vCPUs and memory).
 *
 * @param persistent whether libvirt keeps a definition; a transient domain vanishes when it stops
 * @param definition the parsed XML; {@code null} until fetched, or if libvirt's XML did not parse
 * @param sample the last statistics sample; {@code null} while the sampler is off
 */
public record DomainRecord(String uuid, String name, DomainState state, int reason, boolean persistent,
        int listedVcpus, long listedMemoryKiB, String xml, DomainDefinition definition, StatsSample sample) {

    static DomainRecord listed(String uuid, String name, DomainState state, int reason, boolean persistent,
            int vcpus, long memoryKiB) {
        return new DomainRecord(uuid, name, state, reason, persistent, vcpus, memoryKiB, null, null, null);
    }

    public int vcpus() {
        return definition != null ? definition.vcpus() : listedVcpus;
    }

    /** Current memory in KiB (what the balloon gives the guest). */
    public long memoryKiB() {
        return definition != null ? definition.currentMemoryKiB() : listedMemoryKiB;
    }

    DomainRecord withState(DomainState newState, int newReason) {
        return new DomainRecord(uuid, name, newState, newReason, persistent, listedVcpus, listedMemoryKiB, xml,
                definition, sample);
    }

    DomainRecord withPersistent(boolean newPersistent) {
        return new DomainRecord(uuid, name, state, reason, newPersistent, listedVcpus, listedMemoryKiB, xml,
                definition, sample);
    }

    DomainRecord withXml(String newXml, DomainDefinition newDefinition) {
        String newName = newDefinition != null && newDefinition.name() != null ? newDefinition.name() : name;
        return new DomainRecord(uuid, newName, state, reason, persistent, listedVcpus, listedMemoryKiB, newXml,
                newDefinition, sample);
    }

    DomainRecord withSample(StatsSample newSample) {
        return new DomainRecord(uuid, name, state, reason, persistent, listedVcpus, listedMemoryKiB, xml,
                definition, newSample);
    }
}
