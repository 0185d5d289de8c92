package dev.vireo.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the libvirt calls one connection made, per API (e.g. {@code virDomainGetXMLDesc}), and
 * the bytes of the documents they returned where there is one (XML).
 */
public final class CallCounter {

    public CallCounter() {
    }
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> bytes = new ConcurrentHashMap<>();

    /** One more call of {@code api}; by the binding, as it makes the call. */
    public void count(String api) {
        calls.computeIfAbsent(api, k -> new LongAdder()).increment();
    }

    /** {@code n} more bytes of documents returned by {@code api}. */
    public void countBytes(String api, long n) {
        bytes.computeIfAbsent(api, k -> new LongAdder()).add(n);
    }

    public long get(String api) {
        LongAdder n = calls.get(api);
        return n == null ? 0 : n.sum();
    }

    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long totalBytes() {
        return bytes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The call counts so far, sorted by API name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((api, n) -> copy.put(api, n.sum()));
        return copy;
    }
}
