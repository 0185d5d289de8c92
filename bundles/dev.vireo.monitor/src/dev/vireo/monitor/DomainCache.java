package dev.vireo.monitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.ListenerList;
import org.eclipse.core.runtime.SafeRunner;

import dev.vireo.connection.ConnectionListener;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.DomainLifecycleEvent;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.monitor.DomainChange.Kind;

/**
 * The one cache of a connection's domains that every view and check reads. It lists the domains
 * once when the connection comes up and from then on follows libvirt's lifecycle events: a state
 * change costs no call at all, a definition change one call for that domain only.
 *
 * <p>Every change is applied on one update thread, in the order libvirt reported it, so listeners
 * never see a stale state overwrite a newer one.
 */
public final class DomainCache {
    private static final Map<VirtConnection, DomainCache> CACHES = new ConcurrentHashMap<>();

    private final VirtConnection connection;
    private final Map<String, DomainSummary> domains = new ConcurrentHashMap<>();
    private final ListenerList<DomainCacheListener> listeners = new ListenerList<>();
    private final ExecutorService updates;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicLong eventsReceived = new AtomicLong();
    /** For each domain, the number of the last event about it; applied only on the update thread. */
    private final Map<String, Long> lastEventFor = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    private DomainCache(VirtConnection connection) {
        this.connection = connection;
        this.updates = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vireo-monitor " + connection.uri());
            t.setDaemon(true);
            return t;
        });
        connection.manager().addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionStateChanged(VirtConnection c) {
                if (c == connection && c.state() == ConnectionState.CONNECTED) {
                    subscribeAndLoad();
                }
            }

            @Override
            public void connectionRemoved(VirtConnection c) {
                if (c == connection) {
                    CACHES.remove(c);
                    c.manager().removeConnectionListener(this);
                    updates.shutdown();
                }
            }
        });
        if (connection.state() == ConnectionState.CONNECTED) {
            subscribeAndLoad();
        }
    }

    /** The cache of a connection, created (and, once connected, loaded) on first use. */
    public static DomainCache of(VirtConnection connection) {
        return CACHES.computeIfAbsent(connection, DomainCache::new);
    }

    public VirtConnection connection() {
        return connection;
    }

    /** Whether the first full list has arrived. */
    public boolean isLoaded() {
        return loaded;
    }

    public Collection<DomainSummary> domains() {
        return List.copyOf(domains.values());
    }

    public DomainSummary get(String uuid) {
        return domains.get(uuid);
    }

    public void addListener(DomainCacheListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DomainCacheListener listener) {
        listeners.remove(listener);
    }

    private void subscribeAndLoad() {
        if (!subscribed.compareAndSet(false, true)) {
            return;
        }
        connection.submit(libvirt -> {
            // subscribe before listing, so no change between the two is missed
            libvirt.addDomainLifecycleListener(this::onEvent);
            long listedAfter = eventsReceived.get();
            List<DomainSummary> all = libvirt.listAllDomains();
            updates.execute(() -> applyList(all, listedAfter));
            return null;
        }).exceptionally(e -> {
            ILog.of(DomainCache.class).error("Cannot list the domains of " + connection.uri(), e);
            return null;
        });
    }

    /** On the libvirt event-loop thread: number the event and queue it. */
    private void onEvent(DomainLifecycleEvent event) {
        long number = eventsReceived.incrementAndGet();
        updates.execute(() -> apply(event, number));
    }

    private void applyList(List<DomainSummary> all, long listedAfter) {
        List<DomainChange> changes = new ArrayList<>();
        for (DomainSummary d : all) {
            // an event newer than the list already told us more about this domain
            if (lastEventFor.getOrDefault(d.uuid(), 0L) > listedAfter) {
                continue;
            }
            DomainSummary old = domains.put(d.uuid(), d);
            changes.add(new DomainChange(old == null ? Kind.ADDED : Kind.DEFINITION_CHANGED, d));
        }
        loaded = true;
        fire(changes);
    }

    private void apply(DomainLifecycleEvent event, long number) {
        lastEventFor.put(event.uuid(), number);
        DomainSummary known = domains.get(event.uuid());
        DomainState newState = event.type().resultingState();
        if (event.type() == DomainLifecycleEvent.Type.UNDEFINED) {
            // a running domain that loses its definition lives on as a transient one until it stops
            if (known != null && !known.state().isActive()) {
                domains.remove(event.uuid());
                fire(List.of(new DomainChange(Kind.REMOVED, known)));
            }
        } else if (known != null && newState != null) {
            if (known.state() != newState) {
                DomainSummary changed = known.withState(newState);
                domains.put(changed.uuid(), changed);
                fire(List.of(new DomainChange(Kind.STATE_CHANGED, changed)));
            }
        } else if (known != null || event.type() != DomainLifecycleEvent.Type.SHUTDOWN) {
            refetch(event.uuid(), number);
        }
    }

    /** Fetches one domain the events say changed in a way they do not describe. */
    private void refetch(String uuid, long number) {
        connection.submit(libvirt -> libvirt.domainSummary(uuid)).whenComplete((d, e) -> {
            if (e != null) {
                ILog.of(DomainCache.class).warn("Cannot refresh domain " + uuid + " of " + connection.uri()
                        + ": " + e.getMessage());
                return;
            }
            updates.execute(() -> {
                DomainSummary old = domains.get(uuid);
                DomainSummary fresh = d;
                if (lastEventFor.getOrDefault(uuid, 0L) > number) {
                    if (old == null) {
                        return; // undefined since, or a later event fetches it again
                    }
                    fresh = d.withState(old.state()); // a later event knows the state better
                }
                domains.put(uuid, fresh);
                fire(List.of(new DomainChange(old == null ? Kind.ADDED : Kind.DEFINITION_CHANGED, fresh)));
            });
        });
    }

    private void fire(List<DomainChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        for (DomainCacheListener l : listeners) {
            SafeRunner.run(() -> l.domainsChanged(this, changes));
        }
    }
}
