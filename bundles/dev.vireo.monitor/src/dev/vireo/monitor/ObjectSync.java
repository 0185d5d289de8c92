package dev.vireo.monitor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.eclipse.osgi.util.NLS;

import dev.vireo.api.LibvirtCallException;
import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.HostObject;
import dev.vireo.libvirt.ObjectEvent;

/**
 * Keeps a monitor's {@link ObjectCache}s (networks, pools, node devices, secrets, interfaces)
 * current: each list diffed against the cache, each object's XML fetched on change, events
 * applied on the update thread, a pool's volumes loaded when someone first asks.
 */
final class ObjectSync {
    private final ConnectionMonitor monitor;
    private final VirtConnection connection;
    private final ExecutorService updates;
    private final Map<ObjectKind, ObjectCache> objects;
    /** Kinds the driver does not have at all (listing them is "not supported"): never polled. */
    private final Set<ObjectKind> unsupported = ConcurrentHashMap.newKeySet();
    // update thread only
    private final OneFetchPerKey<ObjectId> xmlFetches;
    private final OneFetchPerKey<String> volumeReloads;

    ObjectSync(ConnectionMonitor monitor, ExecutorService updates, Map<ObjectKind, ObjectCache> objects) {
        this.monitor = monitor;
        this.connection = monitor.connection();
        this.updates = updates;
        this.objects = objects;
        this.xmlFetches = new OneFetchPerKey<>(updates);
        this.volumeReloads = new OneFetchPerKey<>(updates);
    }

    /** Objects with an XML fetch under way or asked again: for the storm test's bound. */
    int tracked() {
        return CompletableFuture.supplyAsync(xmlFetches::tracked, updates).join();
    }

    void sessionStarting() {
        unsupported.clear();
    }

    /** For pollers: lists the kind again unless the driver said it has none. */
    CompletableFuture<Void> poll(ObjectKind kind) {
        return unsupported.contains(kind) ? CompletableFuture.completedFuture(null) : loadObjects(kind);
    }

    CompletableFuture<Void> loadObjects(ObjectKind kind) {
        return connection.submit(libvirt -> libvirt.objects().list(kind)).thenApplyAsync(list -> {
            ObjectCache cache = objects.get(kind);
            Set<String> listed = new HashSet<>();
            boolean changed = false;
            List<CompletableFuture<Void>> fetches = new ArrayList<>();
            for (HostObject o : list) {
                listed.add(o.key());
                CachedObject known = cache.get(o.key());
                if (known == null || known.active() != o.active()) {
                    cache.put(new CachedObject(kind, o.key(), o.name(), o.active(), known == null ? null
                            : known.xml()));
                    changed = true;
                }
                fetches.add(requestObjectXml(kind, o.key()));
            }
            for (String key : cache.keys()) {
                if (!listed.contains(key)) {
                    forget(kind, key);
                    changed = true;
                }
            }
            if (changed) {
                monitor.fireObjects(kind);
            }
            return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new));
        }, updates).thenCompose(xml -> xml).exceptionally(e -> {
            if (e.getCause() instanceof LibvirtCallException c && c.isUnsupported()) {
                unsupported.add(kind); // the driver has no such objects: asking again would only cost a call
                return null;
            }
            return monitor.log(NLS.bind(Messages.CANNOT_LIST_ON, kind, connection.uri()), e);
        });
    }

    /** On the update thread: an object that is gone leaves the cache, the fetcher's bookkeeping and its handle. */
    private void forget(ObjectKind kind, String key) {
        objects.get(kind).remove(key);
        xmlFetches.forget(new ObjectId(kind, key));
        connection.submit(libvirt -> {
            libvirt.forget(kind, key);
            return null;
        });
    }

    /** An object of a kind, as the fetchers know it. */
    private record ObjectId(ObjectKind kind, String key) {
    }

    private CompletableFuture<Void> requestObjectXml(ObjectKind kind, String key) {
        return xmlFetches.request(new ObjectId(kind, key),
                () -> connection.submit(libvirt -> libvirt.objects().xml(kind, key)),
                (xml, failure) -> {
                    CachedObject known = objects.get(kind).get(key);
                    if (failure == null && known != null && !xml.equals(known.xml())) {
                        objects.get(kind).put(new CachedObject(kind, key, known.name(), known.active(), xml));
                        monitor.fireObjects(kind);
                    }
                });
    }

    /** On the event-loop thread. */
    void onObjectEvent(ObjectEvent event) {
        monitor.queueEvent(() -> {
            ObjectKind kind = event.kind();
            ObjectCache cache = objects.get(kind);
            CachedObject known = cache.get(event.key());
            switch (event.change()) {
                case STARTED, STOPPED -> {
                    boolean active = event.change() == ObjectKind.Change.STARTED;
                    if (known == null) {
                        // created transient (never defined): first heard of now
                        cache.put(new CachedObject(kind, event.key(), event.name(), active, null));
                        monitor.fireObjects(kind);
                        requestObjectXml(kind, event.key());
                    } else if (known.active() != active) {
                        cache.put(new CachedObject(kind, known.key(), known.name(), active, known.xml()));
                        monitor.fireObjects(kind);
                    }
                }
                case UNDEFINED -> {
                    if (known != null) {
                        forget(kind, event.key());
                        monitor.fireObjects(kind);
                    }
                }
                case DEFINED, UPDATED -> {
                    if (known == null) {
                        cache.put(new CachedObject(kind, event.key(), event.name(), !kind.hasState(), null));
                        monitor.fireObjects(kind);
                    }
                    requestObjectXml(kind, event.key());
                    if (kind == ObjectKind.STORAGE_POOL && cache.loadedVolumes(event.key()) != null) {
                        // a pool refresh: its volumes may have changed; a burst of refreshes lists them twice at most
                        volumeReloads.request(event.key(), () -> loadVolumes(event.key()), (volumes, failure) -> {
                        });
                    }
                }
            }
        });
    }

    CompletableFuture<List<StorageVolume>> loadVolumes(String poolKey) {
        return connection.submit(libvirt -> libvirt.storage().volumes(poolKey)).thenApplyAsync(volumes -> {
            objects.get(ObjectKind.STORAGE_POOL).putVolumes(poolKey, volumes);
            monitor.fireObjects(ObjectKind.STORAGE_POOL);
            return volumes;
        }, updates);
    }
}
