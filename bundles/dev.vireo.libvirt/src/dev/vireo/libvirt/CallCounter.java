package dev.vireo.libvirt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the libvirt calls one connection made, per API (e.g. {@code virDomainGetXMLDesc}). */
public final class CallCounter {
    private final Map<String, LongAdder> byApi = new ConcurrentHashMap<>();

    void count(String api) {
        byApi.computeIfAbsent(api, k -> new LongAdder()).increment();
    }

    public long get(String api) {
        LongAdder n = byApi.get(api);
        return n == null ? 0 : n.sum();
    }

    public long total() {
        return byApi.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The counts so far, sorted by API name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        byApi.forEach((api, n) -> copy.put(api, n.sum()));
        return copy;
    }
}
