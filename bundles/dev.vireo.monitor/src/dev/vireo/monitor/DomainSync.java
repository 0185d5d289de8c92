package dev.vireo.monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.eclipse.osgi.util.NLS;

import dev.vireo.api.DomainState;
import dev.vireo.connection.LoadFanOut;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.DomainLifecycleEvent;
import dev.vireo.libvirt.DomainStatistics;
import dev.vireo.libvirt.DomainStats;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.model.DomainDefinition;
import dev.vireo.model.ModelException;
import dev.vireo.monitor.DomainChange.Kind;

/**
 * Keeps a monitor's {@link DomainCache} current: the list (persistent and transient apart, with
 * states, in bulk), lifecycle events applied in order, and each domain's XML fetched once per
 * change. Everything but {@link #loadDomains} and the event counter runs on the update thread.
 */
final class DomainSync {
    /** What the list asks besides the state: enough for the vCPU and memory columns. */
    private static final int LIST_STATS = DomainStatistics.STATS_VCPU | DomainStatistics.STATS_BALLOON;
    /**
     * Fewer domains are fetched by the connection alone in the time extra sessions take to open
     * (TCP, libvirt's handshake and the domain list: about 6 round trips, 30 fetches).
     */
    private static final int FAN_OUT_FROM = 50;

    private final ConnectionMonitor monitor;
    private final VirtConnection connection;
    private final ExecutorService updates;
    private final DomainCache domains;
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicInteger listsInFlight = new AtomicInteger();
    private volatile boolean loaded;
    // the fields below are touched only on the update thread
    /** For each domain, the number of the last event about it. */
    private final Map<String, Long> lastEventFor = new HashMap<>();
    private final OneFetchPerKey<String> xmlFetches;

    DomainSync(ConnectionMonitor monitor, ExecutorService updates) {
        this.monitor = monitor;
        this.connection = monitor.connection();
        this.updates = updates;
        this.domains = monitor.domains();
        this.xmlFetches = new OneFetchPerKey<>(updates);
    }

    /** On the event-loop thread: numbers the event and queues it. */
    void onEvent(DomainLifecycleEvent event) {
        long number = eventsReceived.incrementAndGet();
        monitor.queueEvent(() -> apply(event, number));
    }

    /** Whether the domain list of the current session has arrived. */
    boolean isLoaded() {
        return loaded;
    }

    void sessionStarting() {
        loaded = false;
    }

    /** How many domains the sync keeps event bookkeeping for: bounded by the domains that exist. */
    int trackedDomains() {
        return CompletableFuture.supplyAsync(lastEventFor::size, updates).join();
    }

    /** Lists all domains and fetches their XML on the connection alone (polling). */
    CompletableFuture<Void> loadDomains() {
        return loadDomains(0);
    }

    /**
     * Lists all domains, persistent and transient apart (so each is known for what it is; the two
     * calls go at once), publishes the list, then fetches every domain's XML concurrently, over
     * {@code extraConnections} more sessions if there are enough domains to be worth opening them.
     */
    CompletableFuture<Void> loadDomains(int extraConnections) {
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
            LoadFanOut fanOut = connection.fanOut(domains.size() > FAN_OUT_FROM ? extraConnections : 0,
                    libvirt -> libvirt.stats().domainStats(0, DomainStatistics.ALL));
            CompletableFuture<Void> all = CompletableFuture.allOf(domains.uuids().stream()
                    .map(uuid -> requestXml(uuid, fanOut::submit)).toArray(CompletableFuture[]::new));
            all.whenComplete((v, e) -> fanOut.close());
            return all;
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
        monitor.fireDomains(changes);
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
                    monitor.fireDomains(List.of(new DomainChange(Kind.REMOVED, removeDomain(uuid))));
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
                    monitor.fireDomains(List.of(new DomainChange(Kind.REMOVED, removeDomain(uuid))));
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
    CompletableFuture<Void> requestXml(String uuid) {
        return requestXml(uuid, connection::submit);
    }

    private CompletableFuture<Void> requestXml(String uuid,
            Function<Function<LibvirtConnection, String>, CompletableFuture<String>> on) {
        // a failed fetch means the domain went away; its UNDEFINED event or the next list removes it
        return xmlFetches.request(uuid, () -> on.apply(libvirt -> libvirt.domains().domainXml(uuid)),
                (xml, failure) -> {
                    if (failure == null) {
                        applyXml(uuid, xml);
                    }
                });
    }

    private void applyXml(String uuid, String xml) {
        DomainRecord known = domains.get(uuid);
        if (known == null || xml.equals(known.xml())) {
            return;
        }
        DomainDefinition definition = null;
        try {
            definition = DomainDefinition.parse(xml);
        } catch (ModelException | RuntimeException | StackOverflowError e) {
            // whatever the host sent, this domain is shown without its details and the session goes on
            monitor.log(NLS.bind(Messages.CANNOT_READ_THE_XML_OF_DOMAIN, known.name(), connection.uri()), e);
        }
        changed(Kind.DEFINITION_CHANGED, known.withXml(xml, definition));
    }

    private void changed(Kind kind, DomainRecord record) {
        domains.put(record);
        monitor.fireDomains(List.of(new DomainChange(kind, record)));
    }

    private DomainRecord removeDomain(String uuid) {
        connection.submit(libvirt -> {
            libvirt.forget(null, uuid);
            return null;
        });
        monitor.sampler().forget(uuid);
        xmlFetches.forget(uuid);
        if (listsInFlight.get() == 0) {
            lastEventFor.remove(uuid); // kept while a list is under way: it tells whether the list is older
        }
        return domains.remove(uuid);
    }
}
