package dev.vireo.monitor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The last samples of each domain, for sparklines and graphs; written by the monitor's update thread. */
final class StatsHistory {
    private final int size;
    private final Map<String, Deque<StatsSample>> byDomain = new ConcurrentHashMap<>();

    StatsHistory(int size) {
        this.size = size;
    }

    void add(String uuid, StatsSample sample) {
        Deque<StatsSample> samples = byDomain.computeIfAbsent(uuid, k -> new ArrayDeque<>(size));
        synchronized (samples) {
            if (samples.size() == size) {
                samples.removeFirst();
            }
            samples.addLast(sample);
        }
    }

    List<StatsSample> get(String uuid) {
        Deque<StatsSample> samples = byDomain.get(uuid);
        if (samples == null) {
            return List.of();
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    void remove(String uuid) {
        byDomain.remove(uuid);
    }
}
