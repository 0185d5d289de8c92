package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.CallCounter;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainChange;

/**
 * The cache follows another client's changes from events alone. {@code test:///default} is one
 * state shared by every connection of the process, so a second connection plays the other client.
 */
class DomainCacheTest {
    private final ConnectionManager manager = new ConnectionManager();
    private VirtConnection connection;
    private DomainCache cache;
    private LibvirtConnection otherClient;
    private final List<DomainChange> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() {
        connection = manager.open("test:///default");
        cache = DomainCache.of(connection);
        cache.addListener((c, batch) -> changes.addAll(batch));
        Await.until("the first domain list", cache::isLoaded, () -> connection.state() + " " + connection.failure());
        otherClient = LibvirtConnection.open("test:///default");
    }

    @AfterEach
    void disconnect() {
        otherClient.close();
        manager.close(connection);
    }

    @Test
    void loadsTheDomainListOnConnect() {
        assertEquals(ConnectionState.CONNECTED, connection.state());
        assertEquals(List.of("test"), cache.domains().stream().map(d -> d.name()).toList());
        assertEquals(DomainState.RUNNING, cache.domains().iterator().next().state());
    }

    @Test
    void followsAnotherClientsChangesWithoutPollingAndStateChangesCostNoCall() {
        String uuid = otherClient.defineDomain(TestDomains.xml("vireo-cache"));
        Await.until("the defined domain in the cache", () -> cache.get(uuid) != null, changes::toString);
        assertEquals(DomainState.SHUTOFF, cache.get(uuid).state());
        assertEquals(256 * 1024, cache.get(uuid).memoryKiB());

        CallCounter calls = connection.calls();
        long before = calls.total();
        otherClient.start(uuid);
        Await.until("running in the cache", () -> cache.get(uuid).state() == DomainState.RUNNING, changes::toString);
        otherClient.destroy(uuid);
        Await.until("shut off in the cache", () -> cache.get(uuid).state() == DomainState.SHUTOFF, changes::toString);
        assertEquals(before, calls.total(), "state changes come from events alone: " + calls.snapshot());

        otherClient.undefine(uuid);
        Await.until("the undefined domain gone", () -> cache.get(uuid) == null, changes::toString);
        assertNull(cache.get(uuid));
        assertEquals(before, calls.total(), "an undefine costs no call: " + calls.snapshot());
    }

    @Test
    void showsWhyAConnectionFailed() {
        VirtConnection bad = manager.open("test:///no/such/file.xml");
        Await.until("the connection to fail", () -> bad.state() == ConnectionState.DISCONNECTED);
        assertTrue(bad.failure().contains("no/such/file.xml"), bad.failure());
        manager.close(bad);
    }
}
