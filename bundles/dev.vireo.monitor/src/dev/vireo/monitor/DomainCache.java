package dev.vireo.monitor;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cached domains of one connection, and the questions answered from them with no libvirt
 * call at all. Written only by its {@link ConnectionMonitor}, on the monitor's update thread.
 */
public final class DomainCache {
    private final Map<String, DomainRecord> byUuid = new ConcurrentHashMap<>();

    DomainCache() {
    }

    public Collection<DomainRecord> all() {
        return List.copyOf(byUuid.values());
    }

    public DomainRecord get(String uuid) {
        return byUuid.get(uuid);
    }

    public int size() {
        return byUuid.size();
    }

    /** The domains with a disk whose source is {@code path} (file, block device, directory...). */
    public List<DomainRecord> usingDisk(String path) {
        return byUuid.values().stream()
                .filter(d -> d.definition() != null && d.definition().diskSources().contains(path)).toList();
    }

    /**
     * The names of the domains other than {@code exceptUuid} ({@code null}: none excepted) with a
     * disk at {@code path}: whom a warning about sharing that disk names.
     */
    public List<String> namesUsingDisk(String path, String exceptUuid) {
        return usingDisk(path).stream().filter(d -> !d.uuid().equals(exceptUuid)).map(DomainRecord::name).sorted()
                .toList();
    }

    /** The domain with a network interface of this MAC address, if any. */
    public Optional<DomainRecord> usingMac(String mac) {
        String wanted = mac.toLowerCase(Locale.ROOT);
        return byUuid.values().stream()
                .filter(d -> d.definition() != null && d.definition().macAddresses().contains(wanted)).findFirst();
    }

    public boolean isNameInUse(String name) {
        return byUuid.values().stream().anyMatch(d -> d.name().equals(name));
    }

    DomainRecord put(DomainRecord record) {
        return byUuid.put(record.uuid(), record);
    }

    DomainRecord remove(String uuid) {
        return byUuid.remove(uuid);
    }

    Collection<String> uuids() {
        return List.copyOf(byUuid.keySet());
    }
}
