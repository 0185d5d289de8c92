package dev.vireo.monitor;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;

/**
 * The cached objects of one kind (networks, storage pools...) of one connection; for storage
 * pools also the volumes of the pools someone looked at. Written only by its monitor.
 */
public final class ObjectCache {
    private final ObjectKind kind;
    private final Map<String, CachedObject> byKey = new ConcurrentHashMap<>();
    private final Map<String, List<StorageVolume>> volumesByPool = new ConcurrentHashMap<>();

    ObjectCache(ObjectKind kind) {
        this.kind = kind;
    }

    public ObjectKind kind() {
        return kind;
    }

    public Collection<CachedObject> all() {
        return List.copyOf(byKey.values());
    }

    public CachedObject get(String key) {
        return byKey.get(key);
    }

    /** The volumes of a pool if they were loaded ({@link ConnectionMonitor#volumes}); else {@code null}. */
    public List<StorageVolume> loadedVolumes(String poolKey) {
        return volumesByPool.get(poolKey);
    }

    CachedObject put(CachedObject object) {
        return byKey.put(object.key(), object);
    }

    CachedObject remove(String key) {
        volumesByPool.remove(key);
        return byKey.remove(key);
    }

    Collection<String> keys() {
        return List.copyOf(byKey.keySet());
    }

    void putVolumes(String poolKey, List<StorageVolume> volumes) {
        volumesByPool.put(poolKey, List.copyOf(volumes));
    }
}
