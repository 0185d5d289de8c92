package dev.vireo.operations;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.vireo.api.LibvirtCallException;
import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.ConnectionMonitor;

/**
 * A connection's storage pools and volumes. libvirt sends events for pools but none for volumes,
 * so each volume change ends with the pool's volumes listed again into the cache.
 */
public final class StorageOperations extends Operations {
    public StorageOperations(ConnectionMonitor monitor) {
        super(monitor);
    }

    /**
     * Defines, builds (where the type needs it) and starts a pool of {@code type} dir, fs, logical
     * or netfs; {@code sourceHost} and {@code source} may be empty. Returns its key.
     */
    public CompletableFuture<String> createPool(String name, String type, String target, String sourceHost, String source) {
        XmlObject pool = LibvirtModel.create("StoragePool");
        pool.set("type", type).set("name", name).set("targetPath", target);
        if (!sourceHost.isEmpty()) {
            pool.set("sourceHost", sourceHost);
        }
        if (!source.isEmpty()) {
            pool.set(type.equals("netfs") ? "sourceDir" : type.equals("logical") ? "sourceName" : "sourceDevice", source);
        }
        String xml = LibvirtModel.save(pool);
        return call(libvirt -> {
            String key = libvirt.objects().define(ObjectKind.STORAGE_POOL, xml);
            try {
                libvirt.storage().buildPool(key);
            } catch (LibvirtCallException e) {
                if (!e.isUnsupported()) {
                    throw e;
                }
            }
            libvirt.objects().start(ObjectKind.STORAGE_POOL, key);
            return key;
        });
    }

    public CompletableFuture<Void> startPool(String key) {
        return start(ObjectKind.STORAGE_POOL, key);
    }

    public CompletableFuture<Void> stopPool(String key) {
        return stop(ObjectKind.STORAGE_POOL, key);
    }

    /** Has the pool look at its storage again, e.g. for volumes made by others. */
    public CompletableFuture<Void> refreshPool(String key) {
        return run(libvirt -> libvirt.storage().refreshPool(key));
    }

    /** Stops the pool if the cache says it runs, then undefines it; its storage stays. */
    public CompletableFuture<Void> deletePool(String key) {
        return delete(ObjectKind.STORAGE_POOL, key);
    }

    /** Creates a volume of {@code gib} GiB in {@code format} (qcow2, raw) in a pool; then the pool's volumes, listed again. */
    public CompletableFuture<List<StorageVolume>> createVolume(String poolKey, String name, long gib, String format) {
        XmlObject volume = LibvirtModel.create("StorageVolume");
        volume.set("name", name).set("capacity", gib).set("capacityUnit", "GiB").set("format", format);
        String xml = LibvirtModel.save(volume);
        return thenVolumes(poolKey, run(libvirt -> libvirt.storage().createVolume(poolKey, xml)));
    }

    /** Deletes the volume at {@code path}, with its data; then the pool's volumes, listed again. */
    public CompletableFuture<List<StorageVolume>> deleteVolume(String poolKey, String path) {
        return thenVolumes(poolKey, run(libvirt -> libvirt.storage().deleteVolume(path)));
    }

    /** Grows or shrinks the volume at {@code path}; then the pool's volumes, listed again. */
    public CompletableFuture<List<StorageVolume>> resizeVolume(String poolKey, String path, long bytes) {
        return thenVolumes(poolKey, run(libvirt -> libvirt.storage().resizeVolume(path, bytes)));
    }

    /** The change's outcome, after the pool's volumes were listed again whether it worked or not. */
    private CompletableFuture<List<StorageVolume>> thenVolumes(String poolKey, CompletableFuture<Void> change) {
        return change.handle((ok, failure) -> monitor.reloadVolumes(poolKey)
                .thenCompose(volumes -> failure == null ? CompletableFuture.completedFuture(volumes)
                        : CompletableFuture.<List<StorageVolume>>failedFuture(failure)))
                .thenCompose(f -> f);
    }
}
