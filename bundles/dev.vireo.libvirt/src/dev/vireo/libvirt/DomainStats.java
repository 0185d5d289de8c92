package dev.vireo.libvirt;

import java.util.Map;

import dev.vireo.api.DomainState;

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

    /**
     * The sum of the numeric values named {@code prefix...suffix} for any of the suffixes, e.g. the
     * bytes read and written by all disks ({@code block.}, {@code .rd.bytes}, {@code .wr.bytes});
     * -1 if libvirt sent none.
     */
    public long sum(String prefix, String... suffixes) {
        long total = -1;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue() instanceof Number n) {
                for (String suffix : suffixes) {
                    if (e.getKey().endsWith(suffix)) {
                        total = Math.max(total, 0) + n.longValue();
                    }
                }
            }
        }
        return total;
    }
}
