package dev.vireo.monitor;


import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.core.runtime.SafeRunner;

import dev.vireo.connection.ConnectionListener;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.Log;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.DomainEventId;
import dev.vireo.libvirt.DomainLifecycleEvent;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainStats;
import dev.vireo.libvirt.HostObject;
import dev.vireo.libvirt.LibvirtCallException;
import dev.vireo.libvirt.DomainStatistics;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.libvirt.ObjectEvent;
import dev.vireo.libvirt.ObjectKind;
import dev.vireo.libvirt.StorageVolume;
import dev.vireo.model.DomainDefinition;
import dev.vireo.model.ModelException;
import dev.vireo.monitor.DomainChange.Kind;

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
    private static final Map<VirtConnection, ConnectionMonitor> MONITORS = new ConcurrentHashMap<>();
    private static volatile Function<VirtConnection, RefreshPolicy> policies = c -> new RefreshPolicy();
    /** Domain events after which the domain's XML is no longer what the cache holds. */
    private static final int LIST_STATS = DomainStatistics.STATS_VCPU | DomainStatistics.STATS_BALLOON;
    /** How often virt-manager samples statistics; the UI's default too. */
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(3);

    private final VirtConnection connection;
    private final RefreshPolicy policy;
    private final DomainCache domains = new DomainCache();
    private final StatsHistory history = new StatsHistory(60);
    private final Map<ObjectKind, ObjectCache> objects = new EnumMap<>(ObjectKind.class);
    private final ListenerList<CacheListener> listeners = new ListenerList<>();
    private final ExecutorService updates;
    private final ScheduledExecutorService timer;
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicInteger listsInFlight = new AtomicInteger();
    private final List<ScheduledFuture<?>> sessionTasks = new ArrayList<>();
    private volatile String capabilitiesXml;
    private volatile int loadedGeneration;
    private volatile boolean loaded;
    /** Completes when everything the current session loads at its start is in the cache; one per session. */
    private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Duration statsInterval;
    private final Map<Object, Set<String>> visibleBy = new ConcurrentHashMap<>();
    /** Kinds the driver does not have at all (listing them is "not supported"): never polled. */
    private final Set<ObjectKind> unsupported = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> sampler;

    // the fields below are touched only on the update thread
    /** For each domain, the number of the last event about it. */
    private final Map<String, Long> lastEventFor = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> xmlInFlight = new HashMap<>();
    private final Set<String> xmlStale = new HashSet<>();

    private ConnectionMonitor(VirtConnection connection, RefreshPolicy policy) {
        this.connection = connection;
        this.policy = policy;
        for (ObjectKind kind : ObjectKind.values()) {
            objects.put(kind, new ObjectCache(kind));
        }
        updates = Executors.newSingleThreadExecutor(daemon("vireo-monitor " + connection.uri()));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("vireo-timer " + connection.uri()));
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
                    MONITORS.remove(c);
                    c.manager().removeConnectionListener(this);
                    timer.shutdownNow();
                    updates.shutdown();
                }
            }
        });
        stateChanged();
    }

    /**
     * Where monitors created by {@link #of(VirtConnection)} take their refresh policy: by default
     * the same for every connection; the driver registry installs one that asks each connection's driver.
     */
    public static void setPolicies(Function<VirtConnection, RefreshPolicy> policies) {
        ConnectionMonitor.policies = policies;
    }

    /** The monitor of a connection, created on first use with the policy {@link #setPolicies} gives. */
    public static ConnectionMonitor of(VirtConnection connection) {
        return MONITORS.computeIfAbsent(connection, c -> new ConnectionMonitor(c, policies.apply(c)));
    }

    /** The monitor of a connection; {@code policy} applies if this call creates it. */
    public static ConnectionMonitor of(VirtConnection connection, RefreshPolicy policy) {
        return MONITORS.computeIfAbsent(connection, c -> new ConnectionMonitor(c, policy));
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
        return capabilitiesXml;
    }

    /** Whether the domain list of the current session has arrived (names, states). */
    public boolean isLoaded() {
        return loaded;
    }

    /** Whether, moreover, every listed domain's XML is in the cache. */
    public boolean isXmlLoaded() {
        return loaded && domains.all().stream().allMatch(d -> d.xml() != null);
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
        return cached != null ? CompletableFuture.completedFuture(cached) : loadVolumes(poolKey);
    }

    /** Lists a pool's volumes again, after creating or deleting one: libvirt has no event for that. */
    public CompletableFuture<List<StorageVolume>> reloadVolumes(String poolKey) {
        return loadVolumes(poolKey);
    }

    /**
     * Samples every domain's CPU time and balloon in one bulk call per interval ({@code null}
     * turns sampling off, the default). Listeners hear {@link Kind#STATS_SAMPLED}.
     */
    public synchronized void sampleStats(Duration interval) {
        statsInterval = interval;
        if (sampler != null) {
            sampler.cancel(false);
            sampler = null;
        }
        if (interval != null && connection.state() == ConnectionState.CONNECTED) {
            sampler = repeat(interval, this::sample);
        }
    }

    // --- sessions --------------------------------------------------------------------------

    /** Called by whichever thread changed the connection's state. */
    private synchronized void stateChanged() {
        if (connection.state() == ConnectionState.CONNECTED && connection.generation() != loadedGeneration) {
            loadedGeneration = connection.generation();
            startSession();
        } else if (connection.state() != ConnectionState.CONNECTED) {
            stopSessionTasks();
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
        loaded = false;
        ready = new CompletableFuture<>();
        unsupported.clear();
        boolean domainEvents = policy.domains().mode() == RefreshStrategy.Mode.EVENTS;
        CompletableFuture<Boolean> lifecycle = domainEvents ? connection.submit(this::subscribeLifecycle)
                : CompletableFuture.completedFuture(false);
        CompletableFuture<Void> session = ready;
        lifecycle.thenAccept(subscribed -> {
            if (!subscribed) {
                Duration interval = domainEvents ? policy.fallbackPoll() : policy.domains().interval();
                schedule(repeat(interval, this::loadDomains));
            }
            // the domain list first, so that the rest queues behind it on the workers
            List<CompletableFuture<?>> steps = new ArrayList<>(List.of(loadDomains()));
            steps.addAll(subscribeAndLoadTheRest(domainEvents));
            // a failed step is logged where it failed; the session is started all the same
            CompletableFuture.allOf(steps.stream().map(f -> f.handle((v, e) -> e == null ? null : log("Starting "
                    + connection.uri(), e))).toArray(CompletableFuture[]::new)).thenRun(() -> session.complete(null));
        }).exceptionally(e -> log("Cannot follow the domains of " + connection.uri(), e));
        sampleStats(statsInterval);
    }

    /** Everything but the domain list: the other domain events, every kind of object, the capabilities. */
    private List<CompletableFuture<?>> subscribeAndLoadTheRest(boolean domainEvents) {
        List<CompletableFuture<?>> steps = new ArrayList<>();
        if (domainEvents) {
            for (DomainEventId id : DomainEventId.values()) {
                steps.add(connection.submit(libvirt -> {
                    libvirt.events().subscribeDomainEvent(id, uuid -> updates.execute(() -> requestXml(uuid)));
                    return null;
                }));
            }
        }
        for (ObjectKind kind : ObjectKind.values()) {
            steps.add(connection.submit(libvirt -> subscribe(libvirt, kind)).thenCompose(strategy -> {
                if (strategy.mode() == RefreshStrategy.Mode.POLL) {
                    schedule(repeat(strategy.interval(), () -> {
                        if (!unsupported.contains(kind)) {
                            loadObjects(kind);
                        }
                    }));
                }
                return strategy.mode() == RefreshStrategy.Mode.ON_DEMAND ? CompletableFuture.completedFuture(null)
                        : loadObjects(kind);
            }));
        }
        steps.add(connection.submit(LibvirtConnection::capabilitiesXml).thenAccept(xml -> capabilitiesXml = xml));
        return steps;
    }

    private boolean subscribeLifecycle(LibvirtConnection libvirt) {
        try {
            libvirt.events().subscribeDomainLifecycle(event -> {
                long number = eventsReceived.incrementAndGet();
                updates.execute(() -> apply(event, number));
            });
            return true;
        } catch (RuntimeException e) {
            Log.info(ConnectionMonitor.class, connection.uri() + ": no domain events (" + e.getMessage()
                    + "), polling every " + policy.fallbackPoll().toSeconds() + " s");
            return false;
        }
    }

    /** The strategy a kind ends up with: its policy's, or polling where its events are missing. */
    private RefreshStrategy subscribe(LibvirtConnection libvirt, ObjectKind kind) {
        RefreshStrategy strategy = policy.objects(kind);
        if (strategy.mode() == RefreshStrategy.Mode.EVENTS && !libvirt.events().subscribe(kind, this::onObjectEvent)) {
            Log.info(ConnectionMonitor.class, connection.uri() + ": no " + kind + " events, polling every "
                    + policy.fallbackPoll().toSeconds() + " s");
            return RefreshStrategy.poll(policy.fallbackPoll());
        }
        return strategy;
    }

    private synchronized void schedule(ScheduledFuture<?> task) {
        sessionTasks.add(task);
    }

    private synchronized void stopSessionTasks() {
        sessionTasks.forEach(t -> t.cancel(false));
        sessionTasks.clear();
        if (sampler != null) {
            sampler.cancel(false);
            sampler = null;
        }
    }

    private ScheduledFuture<?> repeat(Duration interval, Runnable task) {
        long ms = interval.toMillis();
        return timer.scheduleWithFixedDelay(task, ms, ms, TimeUnit.MILLISECONDS);
    }

    // --- domains -----------------------------------------------------------------------------

    /**
     * Lists all domains, persistent and transient apart (so each is known for what it is; the two
     * calls go at once), publishes the list, then fetches every domain's XML concurrently.
     */
    private CompletableFuture<Void> loadDomains() {
        long listedAfter = eventsReceived.get();
        listsInFlight.incrementAndGet();
        CompletableFuture<List<DomainStats>> persistent = connection
                .submit(libvirt -> libvirt.stats().domainStats(LIST_STATS, DomainStatistics.PERSISTENT));
        CompletableFuture<List<DomainStats>> transients = connection
                .submit(libvirt -> libvirt.stats().domainStats(LIST_STATS, DomainStatistics.TRANSIENT));
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable listDone = () -> {
            if (counted.getAndSet(false)) {
                listsInFlight.decrementAndGet();
            }
        };
        persistent.runAfterBoth(transients, () -> { }).exceptionally(e -> {
            updates.execute(listDone);
            return null;
        });
        return persistent.thenCombineAsync(transients, (p, t) -> {
            try {
                applyList(p, t, listedAfter);
            } finally {
                listDone.run();
            }
            return CompletableFuture.allOf(domains.uuids().stream().map(this::requestXml)
                    .toArray(CompletableFuture[]::new));
        }, updates).thenCompose(xml -> xml);
    }

    private void applyList(List<DomainStats> persistent, List<DomainStats> transients, long listedAfter) {
        List<DomainChange> changes = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (List<DomainStats> group : List.of(persistent, transients)) {
            for (DomainStats s : group) {
                listed.add(s.uuid());
                if (lastEventFor.getOrDefault(s.uuid(), 0L) > listedAfter) {
                    continue; // an event newer than the list already told us more
                }
                DomainRecord old = domains.get(s.uuid());
                if (old == null) {
                    DomainRecord added = DomainRecord.listed(s.uuid(), s.name(), s.state(), s.reason(),
                            group == persistent, (int) s.number("vcpu.current"), s.number("balloon.current"));
                    domains.put(added);
                    changes.add(new DomainChange(Kind.ADDED, added));
                } else if (old.state() != s.state() || old.persistent() != (group == persistent)) {
                    DomainRecord changed = old.withState(s.state(), s.reason()).withPersistent(group == persistent);
                    domains.put(changed);
                    changes.add(new DomainChange(Kind.STATE_CHANGED, changed));
                }
            }
        }
        for (String uuid : domains.uuids()) {
            if (!listed.contains(uuid) && lastEventFor.getOrDefault(uuid, 0L) <= listedAfter) {
                changes.add(new DomainChange(Kind.REMOVED, removeDomain(uuid)));
            }
        }
        loaded = true;
        fireDomains(changes);
    }

    private void apply(DomainLifecycleEvent event, long number) {
        String uuid = event.uuid();
        lastEventFor.put(uuid, number);
        DomainRecord known = domains.get(uuid);
        DomainState newState = event.type().resultingState();
        switch (event.type()) {
            case UNDEFINED -> {
                if (known != null && known.state().isActive()) {
                    // a running domain that loses its definition lives on, transient, until it stops
                    changed(Kind.DEFINITION_CHANGED, known.withPersistent(false));
                } else if (known != null) {
                    fireDomains(List.of(new DomainChange(Kind.REMOVED, removeDomain(uuid))));
                }
            }
            case DEFINED -> {
                if (known == null) {
                    changed(Kind.ADDED, DomainRecord.listed(uuid, event.name(), DomainState.SHUTOFF, 0, true, 0, 0));
                } else if (!known.persistent()) {
                    changed(Kind.DEFINITION_CHANGED, known.withPersistent(true));
                }
                requestXml(uuid);
            }
            case SHUTDOWN -> {
                // the guest is shutting down; STOPPED follows when it is done
            }
            default -> {
                if (known == null) {
                    // started without a definition we saw: created transient (virDomainCreateXML)
                    changed(Kind.ADDED, DomainRecord.listed(uuid, event.name(), newState, event.detail(), false, 0, 0));
                    requestXml(uuid);
                } else if (newState == DomainState.SHUTOFF && !known.persistent()) {
                    fireDomains(List.of(new DomainChange(Kind.REMOVED, removeDomain(uuid))));
                } else if (known.state() != newState) {
                    changed(Kind.STATE_CHANGED, known.withState(newState, event.detail()));
                }
            }
        }
    }

    /**
     * Fetches a domain's XML; while a fetch is under way, further requests make one more fetch
     * after it. Completes when the cache holds XML at least as new as the request.
     */
    private CompletableFuture<Void> requestXml(String uuid) {
        CompletableFuture<Void> underWay = xmlInFlight.get(uuid);
        if (underWay != null) {
            xmlStale.add(uuid);
            return underWay;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        xmlInFlight.put(uuid, done);
        connection.submit(libvirt -> libvirt.domains().domainXml(uuid)).whenComplete((xml, e) -> updates.execute(() -> {
            xmlInFlight.remove(uuid);
            if (e == null) {
                applyXml(uuid, xml);
            }
            // a failed fetch means the domain went away; its UNDEFINED event or the next list removes it
            if (xmlStale.remove(uuid)) {
                requestXml(uuid).whenComplete((v, again) -> done.complete(null));
            } else {
                done.complete(null);
            }
        }));
        return done;
    }

    private void applyXml(String uuid, String xml) {
        DomainRecord known = domains.get(uuid);
        if (known == null || xml.equals(known.xml())) {
            return;
        }
        DomainDefinition definition = null;
        try {
            definition = DomainDefinition.parse(xml);
        } catch (ModelException e) {
            log("Cannot read the XML of domain " + known.name() + " on " + connection.uri(), e);
        }
        changed(Kind.DEFINITION_CHANGED, known.withXml(xml, definition));
    }

    private void changed(Kind kind, DomainRecord record) {
        domains.put(record);
        fireDomains(List.of(new DomainChange(kind, record)));
    }

    private DomainRecord removeDomain(String uuid) {
        connection.submit(libvirt -> {
            libvirt.forget(null, uuid);
            return null;
        });
        history.remove(uuid);
        if (listsInFlight.get() == 0) {
            lastEventFor.remove(uuid); // kept while a list is under way: it tells whether the list is older
        }
        return domains.remove(uuid);
    }

    /**
     * Which domains a viewer (a view, an editor) is looking at; {@code null} or empty when it
     * stops. Where the driver has no bulk statistics the sampler asks only the domains someone
     * looks at, one call each, instead of every domain.
     */
    public void setVisible(Object viewer, Set<String> uuids) {
        if (uuids == null || uuids.isEmpty()) {
            visibleBy.remove(viewer);
        } else {
            visibleBy.put(viewer, Set.copyOf(uuids));
        }
    }

    private Set<String> visible() {
        Set<String> all = new HashSet<>();
        visibleBy.values().forEach(all::addAll);
        return all;
    }

    private void sample() {
        connection.submit(this::collectStats).thenAccept(stats -> updates.execute(() -> {
                    long now = System.nanoTime();
                    List<DomainChange> changes = new ArrayList<>();
                    for (DomainStats s : stats) {
                        DomainRecord known = domains.get(s.uuid());
                        if (known == null) {
                            continue;
                        }
                        StatsSample last = known.sample();
                        long cpu = s.number("cpu.time");
                        double percent = last == null || cpu < 0 || last.cpuTimeNs() < 0 || now <= last.timeNanos() ? -1
                                : Math.min(100, 100.0 * (cpu - last.cpuTimeNs()) / (now - last.timeNanos())
                                        / Math.max(1, known.vcpus()));
                        StatsSample sample = new StatsSample(now, cpu, percent, s.number("balloon.current"),
                                s.sum("block.", ".rd.bytes", ".wr.bytes"), s.sum("net.", ".rx.bytes", ".tx.bytes"));
                        DomainRecord sampled = known.withSample(sample);
                        domains.put(sampled);
                        history.add(s.uuid(), sample);
                        changes.add(new DomainChange(Kind.STATS_SAMPLED, sampled));
                    }
                    fireDomains(changes);
                })).exceptionally(e -> log("Cannot sample statistics on " + connection.uri(), e));
    }

    /**
     * One bulk call where the driver has it; the visible running domains it sent no CPU time for
     * (the test driver sends only states) are asked one by one, as are all of them without it.
     */
    private List<DomainStats> collectStats(LibvirtConnection libvirt) {
        if (statsInterval == null) {
            return List.of(); // turned off meanwhile
        }
        List<DomainStats> stats = new ArrayList<>();
        Set<String> missing = visible();
        if (libvirt.stats().hasBulkStats()) {
            for (DomainStats s : libvirt.stats().domainStats(DomainStatistics.STATS_CPU_TOTAL | DomainStatistics.STATS_BALLOON
                    | DomainStatistics.STATS_BLOCK | DomainStatistics.STATS_INTERFACE, DomainStatistics.ALL)) {
                if (s.number("cpu.time") >= 0 || !s.state().isActive() || !missing.contains(s.uuid())) {
                    stats.add(s);
                    missing.remove(s.uuid());
                }
            }
        }
        for (String uuid : missing) {
            DomainRecord known = domains.get(uuid);
            if (known != null && known.state().isActive()) {
                stats.add(libvirt.stats().domainInfo(uuid));
            }
        }
        return stats;
    }

    /** How many domains the monitor keeps event bookkeeping for: bounded by the domains that exist. */
    public int trackedDomains() {
        return CompletableFuture.supplyAsync(lastEventFor::size, updates).join();
    }

    /** The last samples of a domain, oldest first; empty while nobody samples. */
    public List<StatsSample> history(String uuid) {
        return history.get(uuid);
    }

    // --- networks, pools, node devices, secrets, interfaces ---------------------------------

    /** Lists a kind again now: for on-demand kinds (host interfaces), or when a user asks. */
    public CompletableFuture<Void> refresh(ObjectKind kind) {
        return loadObjects(kind);
    }

    private CompletableFuture<Void> loadObjects(ObjectKind kind) {
        return connection.submit(libvirt -> libvirt.objects().list(kind)).thenApplyAsync(list -> {
            ObjectCache cache = objects.get(kind);
            Set<String> listed = new HashSet<>();
            boolean changed = false;
            List<CompletableFuture<Void>> fetches = new ArrayList<>();
            for (HostObject o : list) {
                listed.add(o.key());
                CachedObject known = cache.get(o.key());
                if (known == null || known.active() != o.active()) {
                    cache.put(new CachedObject(kind, o.key(), o.name(), o.active(), known == null ? null : known.xml()));
                    changed = true;
                }
                fetches.add(requestObjectXml(kind, o.key()));
            }
            for (String key : cache.keys()) {
                if (!listed.contains(key)) {
                    cache.remove(key);
                    changed = true;
                }
            }
            if (changed) {
                fireObjects(kind);
            }
            return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new));
        }, updates).thenCompose(xml -> xml).exceptionally(e -> {
            if (e.getCause() instanceof LibvirtCallException c && c.isUnsupported()) {
                unsupported.add(kind); // the driver has no such objects: asking again would only cost a call
                return null;
            }
            return log("Cannot list " + kind + " on " + connection.uri(), e);
        });
    }

    private CompletableFuture<Void> requestObjectXml(ObjectKind kind, String key) {
        return connection.submit(libvirt -> libvirt.objects().xml(kind, key)).thenAcceptAsync(xml -> {
            CachedObject known = objects.get(kind).get(key);
            if (known != null && !xml.equals(known.xml())) {
                objects.get(kind).put(new CachedObject(kind, key, known.name(), known.active(), xml));
                fireObjects(kind);
            }
        }, updates);
    }

    /** On the event-loop thread. */
    private void onObjectEvent(ObjectEvent event) {
        updates.execute(() -> {
            ObjectKind kind = event.kind();
            ObjectCache cache = objects.get(kind);
            CachedObject known = cache.get(event.key());
            switch (event.change()) {
                case STARTED, STOPPED -> {
                    boolean active = event.change() == ObjectKind.Change.STARTED;
                    if (known == null) {
                        // created transient (never defined): first heard of now
                        cache.put(new CachedObject(kind, event.key(), event.name(), active, null));
                        fireObjects(kind);
                        requestObjectXml(kind, event.key());
                    } else if (known.active() != active) {
                        cache.put(new CachedObject(kind, known.key(), known.name(), active, known.xml()));
                        fireObjects(kind);
                    }
                }
                case UNDEFINED -> {
                    if (known != null) {
                        cache.remove(event.key());
                        fireObjects(kind);
                    }
                }
                case DEFINED, UPDATED -> {
                    if (known == null) {
                        cache.put(new CachedObject(kind, event.key(), event.name(), !kind.hasState(), null));
                        fireObjects(kind);
                    }
                    requestObjectXml(kind, event.key());
                    if (kind == ObjectKind.STORAGE_POOL && cache.loadedVolumes(event.key()) != null) {
                        loadVolumes(event.key()); // a pool refresh: its volumes may have changed
                    }
                }
            }
        });
    }

    private CompletableFuture<List<StorageVolume>> loadVolumes(String poolKey) {
        return connection.submit(libvirt -> libvirt.storage().volumes(poolKey)).thenApplyAsync(volumes -> {
            objects.get(ObjectKind.STORAGE_POOL).putVolumes(poolKey, volumes);
            fireObjects(ObjectKind.STORAGE_POOL);
            return volumes;
        }, updates);
    }

    // --- notification ------------------------------------------------------------------------

    private void fireDomains(List<DomainChange> changes) {
        if (!changes.isEmpty()) {
            fire(l -> l.domainsChanged(this, changes));
        }
    }

    private void fireObjects(ObjectKind kind) {
        fire(l -> l.objectsChanged(this, kind));
    }

    private void fire(Consumer<CacheListener> event) {
        for (CacheListener l : listeners) {
            SafeRunner.run(() -> event.accept(l));
        }
    }

    private Void log(String message, Throwable e) {
        Log.warn(ConnectionMonitor.class, message + ": " + (e.getCause() != null ? e.getCause() : e).getMessage());
        return null;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
