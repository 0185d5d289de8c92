package dev.vireo.libvirt;

import java.util.Map;

/**
 * One domain's record from {@code virConnectGetAllDomainStats}: its identity, state, and the
 * typed values libvirt sent, by libvirt's names ({@code balloon.current}, {@code vcpu.current},
 * {@code cpu.time}...). Drivers send only what they support: the test driver only the state.
 */
public record DomainStats(String uuid, String name, DomainState state, int reason, Map<String, Object> values) {

    /** A numeric value, or -1 if libvirt did not send it. */
    public long number(String field) {
        return values.get(field) instanceof Number n ? n.longValue() : -1;
    }
}
