package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vireo.libvirt.DomainLifecycleEvent;
import dev.vireo.libvirt.DomainLifecycleEvent.Type;
import dev.vireo.api.DomainState;
import dev.vireo.libvirt.DomainEventId;
import dev.vireo.libvirt.DomainStats;
import dev.vireo.libvirt.HostObject;
import dev.vireo.api.LibvirtCallException;
import dev.vireo.libvirt.DomainStatistics;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.api.LibvirtThreadGuard;
import dev.vireo.libvirt.ObjectEvent;
import dev.vireo.api.ObjectKind;

/** The libvirt facade and Vireo's own JNA bindings against libvirt's in-process test driver. */
class LibvirtConnectionTest {
    private LibvirtConnection libvirt;

    @BeforeEach
    void open() {
        libvirt = LibvirtConnection.open("test:///default");
    }

    @AfterEach
    void close() {
        libvirt.close();
    }

    @Test
    void listsDomainsWithStateInOneBulkCall() {
        List<DomainStats> domains = libvirt.stats().domainStats(DomainStatistics.STATS_VCPU, DomainStatistics.ALL);
        DomainStats test = domains.stream().filter(d -> d.name().equals("test")).findFirst().orElseThrow();
        assertEquals(DomainState.RUNNING, test.state());
        assertEquals(36, test.uuid().length());
        assertEquals(1, libvirt.calls().get("virConnectGetAllDomainStats"));
        assertEquals(1, libvirt.calls().total() - libvirt.calls().get("virConnectOpenAuth"));
    }

    @Test
    void fetchesDomainXmlAndCountsItsBytes() {
        String uuid = libvirt.stats().domainStats(0, DomainStatistics.ALL).get(0).uuid();
        String xml = libvirt.domains().domainXml(uuid);
        assertTrue(xml.contains("<name>test</name>"), xml);
        assertEquals(xml.length(), libvirt.calls().totalBytes());
        assertEquals(0, libvirt.calls().get("virDomainLookupByUUIDString"), "the listed handle is reused");
    }

    @Test
    void readsOneDomainsInfoForDriversWithoutBulkStatistics() {
        String uuid = libvirt.stats().domainStats(0, DomainStatistics.ALL).get(0).uuid();
        DomainStats info = libvirt.stats().domainInfo(uuid);
        assertEquals(DomainState.RUNNING, info.state());
        assertEquals(2, info.number("vcpu.current"));
        assertEquals(8L * 1024 * 1024, info.number("balloon.maximum"));
        assertEquals(2L * 1024 * 1024, info.number("balloon.current"));
        assertTrue(info.number("cpu.time") > 0);
        assertTrue(libvirt.stats().hasBulkStats(), "the test driver has bulk statistics");
    }

    @Test
    void listsTheOtherKindsOfObject() {
        List<HostObject> networks = libvirt.objects().list(ObjectKind.NETWORK);
        assertEquals(List.of("default"), names(networks));
        assertTrue(networks.get(0).active());
        assertEquals(2, libvirt.calls().get("virConnectListAllNetworks"), "active and inactive listed apart");
        List<HostObject> pools = libvirt.objects().list(ObjectKind.STORAGE_POOL);
        assertEquals(List.of("default-pool"), names(pools));
        assertEquals(List.of("eth1"), names(libvirt.objects().list(ObjectKind.INTERFACE)));
        String pool = pools.get(0).key();
        assertTrue(libvirt.objects().xml(ObjectKind.STORAGE_POOL, pool).contains("<name>default-pool</name>"));
        assertTrue(libvirt.capabilitiesXml().contains("<capabilities>"));
    }

    @Test
    void deliversDomainAndNetworkEvents() {
        List<DomainLifecycleEvent> events = new CopyOnWriteArrayList<>();
        List<ObjectEvent> networkEvents = new CopyOnWriteArrayList<>();
        libvirt.events().subscribeDomainLifecycle(events::add);
        libvirt.events().subscribeDomainEvent(DomainEventId.DEVICE_ADDED, uuid -> { });
        assertEquals(2, libvirt.calls().get("virConnectDomainEventRegisterAny"));
        assertTrue(libvirt.events().subscribe(ObjectKind.NETWORK, networkEvents::add));
        assertFalse(libvirt.events().subscribe(ObjectKind.INTERFACE, e -> { }), "libvirt has no interface events");

        try (LibvirtConnection other = LibvirtConnection.open("test:///default")) {
            String uuid = other.domains().defineDomain(TestDomains.xml("vireo-events"));
            other.domains().start(uuid);
            other.domains().destroy(uuid);
            other.domains().undefine(uuid);
            Await.until("DEFINED, STARTED, STOPPED and UNDEFINED",
                    () -> events.stream().filter(e -> e.uuid().equals(uuid)).map(DomainLifecycleEvent::type).toList()
                            .equals(List.of(Type.DEFINED, Type.STARTED, Type.STOPPED, Type.UNDEFINED)),
                    events::toString);
            assertEquals("vireo-events", events.get(events.size() - 1).name());
        }
    }

    @Test
    void listsADomainsSnapshotsAsVirshDoes() throws Exception {
        listsSnapshotsAsVirshDoes(TestHosts.fixture(), "snapshot-tree");
    }

    @Test
    void listsADomainsSnapshotsOfTheCorpusHostAsVirshDoes() throws Exception {
        listsSnapshotsAsVirshDoes(Corpus.testDriverHost(), "test-snapshots");
    }

    private static void listsSnapshotsAsVirshDoes(Path file, String domain) throws Exception {
        String uri = "test://" + file;
        try (LibvirtConnection host = LibvirtConnection.open(uri)) {
            String uuid = host.stats().domainStats(0, DomainStatistics.ALL).stream()
                    .filter(d -> d.name().equals(domain)).findFirst().orElseThrow().uuid();
            List<String> names = host.snapshots().snapshotNames(uuid).stream().sorted().toList();
            assertEquals(Virsh.lines(uri, "snapshot-list", domain, "--name").stream().sorted().toList(), names);
            assertTrue(names.size() > 5, names.toString());
        }
    }

    @Test
    void refusesCallsOnAForbiddenThreadAndCountsThem() {
        long before = LibvirtThreadGuard.violations();
        LibvirtThreadGuard.forbid(Thread.currentThread());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> libvirt.stats().domainStats(0, DomainStatistics.ALL));
            assertTrue(e.getMessage().contains("virConnectGetAllDomainStats"), e.getMessage());
        } finally {
            LibvirtThreadGuard.allow(Thread.currentThread());
        }
        assertEquals(before + 1, LibvirtThreadGuard.violations());
        assertEquals(0, libvirt.calls().get("virConnectGetAllDomainStats"), "a refused call is not made");
    }

    @Test
    void reportsLibvirtsOwnErrorMessage() {
        LibvirtCallException e = assertThrows(LibvirtCallException.class,
                () -> libvirt.domains().defineDomain("<domain type='test'><name>broken"));
        assertEquals("virDomainDefineXML", e.api());
        assertTrue(e.getMessage().contains("Premature end of data"), e.getMessage());
    }

    private static List<String> names(List<HostObject> objects) {
        return objects.stream().map(HostObject::name).sorted().toList();
    }
}
