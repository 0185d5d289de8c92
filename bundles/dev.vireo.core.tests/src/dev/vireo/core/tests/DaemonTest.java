package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vireo.api.CallCounter;
import dev.vireo.api.DomainState;
import dev.vireo.connection.ConnectionListener;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.monitor.Monitors;
import dev.vireo.monitor.spi.RefreshPolicy;

/**
 * The monitor against a real libvirtd over TCP on loopback. {@code /default} on the daemon is
 * shared by all its clients: a second connection ("the other client") makes the changes, and
 * keeps {@code /default} alive, which resets when its last client leaves.
 */
class DaemonTest {
    /** Domains the other client defines for the load and idle figures. */
    private static final int DOMAINS = Integer.getInteger("vireo.test.domains", 200);
    private static final Duration IDLE = Duration.ofSeconds(Integer.getInteger("vireo.test.idleSeconds", 10));

    private LibvirtDaemon daemon;
    private LibvirtConnection other;
    private final ConnectionManager manager = new ConnectionManager();
    private final Monitors monitors = new Monitors();

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = LibvirtDaemon.start();
        other = LibvirtConnection.open(daemon.uri("/default"));
    }

    @AfterEach
    void stopDaemon() throws Exception {
        manager.connections().forEach(manager::close);
        try {
            other.close();
        } catch (RuntimeException e) {
            // the daemon may be gone on purpose
        }
        daemon.close();
    }

    private ConnectionMonitor connect() {
        // a short fallback poll, so that any class polled for want of events shows within the idle window
        ConnectionMonitor monitor = monitors.of(manager.open(daemon.uri("/default")),
                new RefreshPolicy().fallbackPoll(Duration.ofSeconds(2)));
        Await.until("the session started: everything loaded", monitor::isReady, () -> monitor.connection().state() + " "
                + monitor.connection().failure());
        return monitor;
    }

    @Test
    void loadsManyDomainsThenCostsNothingWhileIdle() {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < DOMAINS; i++) {
            uuids.add(other.domains().defineDomain(TestDomains.xml(String.format("vm%03d", i))));
            if (i % 2 == 0) {
                other.domains().start(uuids.get(i));
            }
        }
        long started = System.nanoTime();
        ConnectionMonitor monitor = connect();
        long loadedMs = (System.nanoTime() - started) / 1_000_000;
        CallCounter calls = monitor.connection().calls();
        assertEquals(DOMAINS + 1, monitor.domains().size());
        assertEquals(DOMAINS / 2 + 1, monitor.domains().all().stream().filter(d -> d.state() == DomainState.RUNNING).count());
        System.out.printf("connect to %d domains: %d calls, %d KiB of XML, %d ms to all XML; %s%n", DOMAINS + 1,
                calls.total(), calls.totalBytes() / 1024, loadedMs, calls.snapshot());
        assertEquals(2, calls.get("virConnectGetAllDomainStats"), "the list: persistent and transient domains");
        assertEquals(DOMAINS + 1, calls.get("virDomainGetXMLDesc"), "one XML fetch per domain");
        assertEquals(0, calls.get("virDomainLookupByUUIDString"), "handles come with the list");

        long before = calls.total();
        Await.holdsFor(IDLE, "no call while idle", () -> calls.total() == before, () -> calls.snapshot().toString());
        System.out.printf("idle %d s with %d domains, events on, stats off: %d calls%n", IDLE.toSeconds(),
                DOMAINS + 1, calls.total() - before);
    }

    @Test
    void aFirstLoadFetchesOverTwoMoreConnectionsAndClosesThem() {
        for (int i = 0; i < 120; i++) {
            other.domains().defineDomain(TestDomains.xml(String.format("fan%03d", i)));
        }
        ConnectionMonitor monitor = monitors.of(manager.open(daemon.uri("/default")), new RefreshPolicy().loadConnections(2));
        Await.until("all XML", monitor::isXmlLoaded, () -> monitor.connection().state() + " "
                + monitor.connection().failure());
        CallCounter calls = monitor.connection().calls();
        assertEquals(3, calls.get("virConnectOpenAuth"), "the connection and two read-only ones: " + calls.snapshot());
        assertEquals(121, calls.get("virDomainGetXMLDesc"), "one fetch per domain, wherever it ran");
        assertEquals(0, calls.get("virDomainLookupByUUIDString"), "each extra session listed once for its handles");
        for (DomainRecord d : monitor.domains().all()) {
            assertEquals(other.domains().domainXml(d.uuid()), d.xml(), d.name());
        }
        Await.until("the extra connections closed: the other client and the monitor's remain",
                () -> daemon.clients() == 2, () -> daemon.clients() + " clients");
    }

    @Test
    void followsAnotherClientWithAtMostOneCallPerEvent() {
        ConnectionMonitor monitor = connect();
        CallCounter calls = monitor.connection().calls();

        long before = calls.total();
        String uuid = other.domains().defineDomain(TestDomains.xml("vireo-remote"));
        Await.until("the new domain's XML", () -> xmlOf(monitor, uuid) != null);
        assertEquals(before + 1, calls.total(), "DEFINED costs one XML fetch: " + calls.snapshot());

        before = calls.total();
        other.domains().start(uuid);
        Await.until("running", () -> monitor.domains().get(uuid).state() == DomainState.RUNNING);
        other.domains().destroy(uuid);
        Await.until("shut off", () -> monitor.domains().get(uuid).state() == DomainState.SHUTOFF);
        other.domains().undefine(uuid);
        Await.until("gone", () -> monitor.domains().get(uuid) == null);
        assertEquals(before, calls.total(), "state changes and undefine cost nothing: " + calls.snapshot());
    }

    @Test
    void reconnectsAfterTheDaemonDiesAndResyncs() throws Exception {
        String doomed = other.domains().defineDomain(TestDomains.xml("vireo-before-crash"));
        ConnectionMonitor monitor = connect();
        VirtConnection connection = monitor.connection();
        assertTrue(names(monitor).contains("vireo-before-crash"));
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        manager.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionStateChanged(VirtConnection c) {
                states.add(c.state());
            }
        });

        long killedAt = System.nanoTime();
        daemon.kill();
        Await.until("the loss noticed", () -> connection.state() == ConnectionState.RECONNECTING, states::toString);
        long noticedMs = (System.nanoTime() - killedAt) / 1_000_000;
        assertTrue(connection.failure().startsWith("connection lost"), connection.failure());

        daemon.restart(); // the test driver starts afresh: the old domains are gone
        other = LibvirtConnection.open(daemon.uri("/default"));
        String born = other.domains().defineDomain(TestDomains.xml("vireo-after-restart"));
        long restartedAt = System.nanoTime();
        Await.until("connected again", () -> connection.state() == ConnectionState.CONNECTED, states::toString);
        Await.until("resynced", () -> names(monitor).contains("vireo-after-restart") && monitor.isXmlLoaded(),
                () -> names(monitor).toString());
        System.out.printf("daemon killed: loss noticed in %d ms, reconnected and resynced %d ms after restart%n",
                noticedMs, (System.nanoTime() - restartedAt) / 1_000_000);
        assertNull(monitor.domains().get(doomed), "no stale domain");
        assertEquals(Set.of("test", "vireo-after-restart"), names(monitor));
        assertEquals(2, connection.generation());

        // events flow again on the new session
        other.domains().start(born);
        Await.until("running after reconnect", () -> monitor.domains().get(born).state() == DomainState.RUNNING);
    }

    private static String xmlOf(ConnectionMonitor monitor, String uuid) {
        DomainRecord d = monitor.domains().get(uuid);
        return d == null ? null : d.xml();
    }

    private static Set<String> names(ConnectionMonitor monitor) {
        return monitor.domains().all().stream().map(DomainRecord::name).collect(Collectors.toSet());
    }
}
