package dev.vireo.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.core.runtime.SafeRunner;
import org.eclipse.osgi.util.NLS;

import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.connection.ConnectionListener;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.Log;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.DomainEventId;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.DomainChange.Kind;
import dev.vireo.monitor.spi.RefreshPolicy;
import dev.vireo.monitor.spi.RefreshStrategy;

/**
 * Keeps one connection's cache ({@link DomainCache}, an {@link ObjectCache} per kind, the host
 * capabilities) current, with as few libvirt calls as the driver allows:
 * <ul>
 * <li>on connect, and again after every reconnect, it subscribes to events and loads everything
 * in parallel: the domain list with states in one bulk call, published at once, then every
 * domain's XML concurrently;</li>
 * <li>an event refreshes only what it says changed: a state change costs no call, a definition
 * or device change one XML fetch for that domain (several such events while one fetch is under
 * way cost one more fetch, not one each);</li>
 * <li>classes without events (by policy, or because subscribing failed) are polled and diffed,
 * so listeners hear only real changes; storage volumes are fetched when someone asks.</li>
 * </ul>
 * All changes are applied on one update thread, in the order libvirt reported them.
 */
public final class ConnectionMonitor {
    /** How often virt-manager samples statistics; the UI's default too. */
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(3);

    private final VirtConnection connection;
    private final RefreshPolicy policy;
    private final DomainCache domains = new DomainCache();
    private final Map<ObjectKind, ObjectCache> objects = new EnumMap<>(ObjectKind.class);
    private final ListenerList<CacheListener> listeners = new ListenerList<>();
    private final ExecutorService updates;
    private final ScheduledExecutorService timer;
    private final DomainSync domainSync;
    private final ObjectSync objectSync;
    private final StatsSampler sampler;
    private final List<ScheduledFuture<?>> sessionTasks = new ArrayList<>();
    private final EventBacklog backlog;
    private final CapabilityCache capabilities;
    private volatile int loadedGeneration;
    /** Completes when everything the current session loads at its start is in the cache; one per session. */
    private volatile CompletableFuture<Void> ready = new CompletableFuture<>();

    /** Made by {@link Monitors}; {@code removed} runs once the connection is gone. */
    ConnectionMonitor(VirtConnection connection, RefreshPolicy policy, Runnable removed) {
        this.connection = connection;
        this.policy = policy;
        capabilities = new CapabilityCache(connection);
        for (ObjectKind kind : ObjectKind.values()) {
            objects.put(kind, new ObjectCache(kind));
        }
        // once the connection is removed, what libvirt still delivers (an event already queued) is dropped
        updates = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("vireo-monitor " + connection.uri()).daemon().factory(),
                new ThreadPoolExecutor.DiscardPolicy());
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("vireo-timer " + connection.uri()).daemon().factory());
        domainSync = new DomainSync(this, updates);
        objectSync = new ObjectSync(this, updates, objects);
        sampler = new StatsSampler(this, updates, policy.statsCallsPerMinute());
        backlog = new EventBacklog(policy.eventBacklog(), connection.uri(), updates, this::resyncAfterBacklog);
        connection.manager().addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionStateChanged(VirtConnection c) {
                if (c == connection) {
                    stateChanged();
                }
            }

            @Override
            public void connectionRemoved(VirtConnection c) {
                if (c == connection) {
                    removed.run();
                    c.manager().removeConnectionListener(this);
                    timer.shutdownNow();
                    updates.shutdown();
                }
            }
        });
        stateChanged();
    }

    public VirtConnection connection() {
        return connection;
    }

    public DomainCache domains() {
        return domains;
    }

    public ObjectCache objects(ObjectKind kind) {
        return objects.get(kind);
    }

    /** The host capabilities XML; {@code null} until loaded. */
    public String capabilitiesXml() {
        return capabilities.hostXml();
    }

    /** The host capabilities XML: the cached one, else fetched now (and cached). */
    public CompletableFuture<String> capabilities() {
        return capabilities.host();
    }

    /** The domain capabilities for an architecture, machine type and domain type: fetched once a session. */
    public CompletableFuture<String> domainCapabilities(String arch, String machine, String virtType) {
        return capabilities.domain(arch, machine, virtType);
    }

    /** Whether the domain list of the current session has arrived (names, states). */
    public boolean isLoaded() {
        return domainSync.isLoaded();
    }

    /** Whether, moreover, every listed domain's XML is in the cache. */
    public boolean isXmlLoaded() {
        return isLoaded() && domains.all().stream().allMatch(d -> d.xml() != null);
    }

    /**
     * Whether the current session has finished starting: subscribed, and every list and XML it
     * loads at its start in the cache. From then on calls happen only for changes.
     */
    public boolean isReady() {
        return ready.isDone();
    }

    public void addListener(CacheListener listener) {
        listeners.add(listener);
    }

    public void removeListener(CacheListener listener) {
        listeners.remove(listener);
    }

    /**
     * The volumes of a storage pool: from the cache if someone loaded them before (kept current by
     * the pool's refresh events), else fetched now.
     */
    public CompletableFuture<List<StorageVolume>> volumes(String poolKey) {
        List<StorageVolume> cached = objects(ObjectKind.STORAGE_POOL).loadedVolumes(poolKey);
        return cached != null ? CompletableFuture.completedFuture(cached) : objectSync.loadVolumes(poolKey);
    }

    /** Lists a pool's volumes again, after creating or deleting one: libvirt has no event for that. */
    public CompletableFuture<List<StorageVolume>> reloadVolumes(String poolKey) {
        return objectSync.loadVolumes(poolKey);
    }

    /** Samples what is shown every {@code interval} ({@code null}: off, the default) within the policy's budget. */
    public void sampleStats(Duration interval) {
        sampler.start(interval);
    }

    /** Samples what is shown every {@code interval}, at most {@code callsPerMinute} calls a minute. */
    public void sampleStats(Duration interval, int callsPerMinute) {
        sampler.budget(callsPerMinute);
        sampler.start(interval);
    }

    /** How often what is shown is sampled, and why not more often; {@code null} while off. */
    public String samplingNote() {
        return sampler.describe();
    }

    /**
     * Which domains a viewer (a view, an editor) is looking at; {@code null} or empty when it
     * stops. Where the driver has no bulk statistics the sampler asks only the domains someone
     * looks at, one call each, instead of every domain.
     */
    public void setVisible(Object viewer, Set<String> uuids) {
        sampler.setVisible(viewer, uuids);
    }

    /** The last samples of a domain, oldest first; empty while nobody samples. */
    public List<StatsSample> history(String uuid) {
        return sampler.history(uuid);
    }

    StatsSampler sampler() {
        return sampler;
    }

    /** How many domains the monitor keeps event bookkeeping for: bounded by the domains that exist. */
    public int trackedDomains() {
        return domainSync.trackedDomains();
    }

    /** How many other objects have an XML fetch under way or asked again: bounded by the objects that exist. */
    public int trackedObjects() {
        return objectSync.tracked();
    }

    /**
     * Fetches a domain's XML again for whoever needs it as it runs now (VNC port, console ptys): a
     * start changes it with no event saying so. On demand: a fetch per start would cost every start a call.
     */
    public CompletableFuture<Void> refreshXml(String uuid) {
        return domainSync.requestXml(uuid);
    }

    /** Lists a kind again now: for on-demand kinds (host interfaces), or when a user asks. */
    public CompletableFuture<Void> refresh(ObjectKind kind) {
        return objectSync.loadObjects(kind);
    }

    // --- sessions --------------------------------------------------------------------------

    /** Called by whichever thread changed the connection's state. */
    private synchronized void stateChanged() {
        if (connection.state() == ConnectionState.CONNECTED && connection.generation() != loadedGeneration) {
            loadedGeneration = connection.generation();
            startSession();
        } else if (connection.state() != ConnectionState.CONNECTED) {
            stopSessionTasks();
            // else "connected and ready" held between a reconnect and its session's start, on the old cache
            ready = new CompletableFuture<>();
        }
    }

    /**
     * Subscribes and loads everything; after a reconnect this is the full resync. Only the domain
     * list waits, for the lifecycle subscription (so no change between the two is missed), and a
     * kind's list for its own subscription; everything else is asked at once, since libvirt's
     * client keeps several calls in flight: on a slow link this saves a round trip per call.
     */
    private void startSession() {
        stopSessionTasks();
        domainSync.sessionStarting();
        objectSync.sessionStarting();
        ready = new CompletableFuture<>();
        boolean domainEvents = policy.domains().mode() == RefreshStrategy.Mode.EVENTS;
        CompletableFuture<Boolean> lifecycle = domainEvents ? connection.submit(this::subscribeLifecycle)
                : CompletableFuture.completedFuture(false);
        CompletableFuture<Void> session = ready;
        lifecycle.thenAccept(subscribed -> {
            if (!subscribed) {
                Duration interval = domainEvents ? policy.fallbackPoll() : policy.domains().interval();
                schedule(repeat(interval, domainSync::loadDomains));
            }
            // the domain list first, so that the rest queues behind it on the workers
            List<CompletableFuture<?>> steps = new ArrayList<>(List.of(domainSync.loadDomains(policy.loadConnections())));
            steps.addAll(subscribeAndLoadTheRest(domainEvents));
            // a failed step is logged where it failed; the session is started all the same
            CompletableFuture.allOf(steps.stream().map(f -> f.handle((v, e) -> e == null ? null
                    : log(NLS.bind(Messages.STARTING, connection.uri()),
                            e))).toArray(CompletableFuture[]::new)).thenRun(() -> session.complete(null));
        }).exceptionally(e -> log(NLS.bind(Messages.CANNOT_FOLLOW_THE_DOMAINS_OF, connection.uri()), e));
        sampler.restart();
    }

    /** Everything but the domain list: the other domain events, every kind of object, the capabilities. */
    private List<CompletableFuture<?>> subscribeAndLoadTheRest(boolean domainEvents) {
        List<CompletableFuture<?>> steps = new ArrayList<>();
        if (domainEvents) {
            for (DomainEventId id : DomainEventId.values()) {
                steps.add(connection.submit(libvirt -> {
                    libvirt.events().subscribeDomainEvent(id, uuid -> queueEvent(() -> domainSync.requestXml(uuid)));
                    return null;
                }));
            }
        }
        for (ObjectKind kind : ObjectKind.values()) {
            steps.add(connection.submit(libvirt -> subscribe(libvirt, kind)).thenCompose(strategy -> {
                if (strategy.mode() == RefreshStrategy.Mode.POLL) {
                    schedule(repeat(strategy.interval(), () -> objectSync.poll(kind)));
                }
                return strategy.mode() == RefreshStrategy.Mode.ON_DEMAND ? CompletableFuture.completedFuture(null)
                        : objectSync.loadObjects(kind);
            }));
        }
        steps.add(capabilities.reload());
        return steps;
    }

    private boolean subscribeLifecycle(LibvirtConnection libvirt) {
        try {
            libvirt.events().subscribeDomainLifecycle(domainSync::onEvent);
            return true;
        } catch (RuntimeException e) {
            Log.info(ConnectionMonitor.class, NLS.bind(Messages.NO_DOMAIN_EVENTS_POLLING_EVERY_S,
                    new Object[] { connection.uri(), e.getMessage(), policy.fallbackPoll().toSeconds() }));
            return false;
        }
    }

    /** The strategy a kind ends up with: its policy's, or polling where its events are missing. */
    private RefreshStrategy subscribe(LibvirtConnection libvirt, ObjectKind kind) {
        RefreshStrategy strategy = policy.objects(kind);
        if (strategy.mode() == RefreshStrategy.Mode.EVENTS && !libvirt.events().subscribe(kind,
                objectSync::onObjectEvent)) {
            Log.info(ConnectionMonitor.class, NLS.bind(Messages.NO_EVENTS_POLLING_EVERY_S,
                    new Object[] { connection.uri(), kind, policy.fallbackPoll().toSeconds() }));
            return RefreshStrategy.poll(policy.fallbackPoll());
        }
        return strategy;
    }

    /** On the event-loop thread: an event's work for the update thread, within the policy's backlog. */
    void queueEvent(Runnable work) {
        backlog.queue(work);
    }

    private void resyncAfterBacklog() {
        if (policy.domains().mode() == RefreshStrategy.Mode.EVENTS) {
            domainSync.loadDomains(policy.loadConnections());
        }
        for (ObjectKind kind : ObjectKind.values()) {
            if (policy.objects(kind).mode() == RefreshStrategy.Mode.EVENTS) {
                objectSync.loadObjects(kind);
            }
        }
        objects(ObjectKind.STORAGE_POOL).keys().stream()
                .filter(pool -> objects(ObjectKind.STORAGE_POOL).loadedVolumes(pool) != null)
                .forEach(objectSync::loadVolumes);
    }

    /** How often the event backlog was full and the cache read again instead. */
    public int backlogResyncs() {
        return backlog.resyncs();
    }

    /** The most events that ever waited for the update thread at once: at most the policy's backlog. */
    public int peakEventBacklog() {
        return backlog.peak();
    }

    private synchronized void schedule(ScheduledFuture<?> task) {
        sessionTasks.add(task);
    }

    private synchronized void stopSessionTasks() {
        sessionTasks.forEach(t -> t.cancel(false));
        sessionTasks.clear();
        sampler.stop();
    }

    /**
     * Starts {@code task} every {@code interval}, unless the work it started last time is still under
     * way: on a slow host a tick is skipped rather than a backlog built.
     */
    ScheduledFuture<?> repeat(Duration interval, Supplier<CompletableFuture<?>> task) {
        long ms = interval.toMillis();
        AtomicReference<CompletableFuture<?>> last = new AtomicReference<>(CompletableFuture.completedFuture(null));
        return timer.scheduleWithFixedDelay(() -> {
            if (last.get().isDone()) {
                last.set(task.get());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    // --- notification ------------------------------------------------------------------------

    void fireDomains(List<DomainChange> changes) {
        if (!changes.isEmpty()) {
            fire(l -> l.domainsChanged(this, changes));
        }
    }

    void fireObjects(ObjectKind kind) {
        fire(l -> l.objectsChanged(this, kind));
    }

    private void fire(Consumer<CacheListener> event) {
        for (CacheListener l : listeners) {
            SafeRunner.run(() -> event.accept(l));
        }
    }

    Void log(String message, Throwable e) {
        Log.warn(ConnectionMonitor.class, message + ": " + (e.getCause() != null ? e.getCause() : e).getMessage());
        return null;
    }
}
