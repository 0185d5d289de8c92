package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vireo.libvirt.DomainLifecycleEvent;
import dev.vireo.libvirt.DomainLifecycleEvent.Type;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.LibvirtCallException;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.libvirt.LibvirtThreadGuard;

/** The libvirt facade against libvirt's in-process test driver. */
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
    void listsTheDefaultTestDomain() {
        List<DomainSummary> domains = libvirt.listAllDomains();
        DomainSummary test = domains.stream().filter(d -> d.name().equals("test")).findFirst().orElseThrow();
        assertEquals(DomainState.RUNNING, test.state());
        assertEquals(2, test.vcpus());
        assertEquals(8 * 1024 * 1024, test.maxMemoryKiB());
        assertEquals(1, libvirt.calls().get("virConnectListAllDomains"));
    }

    @Test
    void deliversLifecycleEventsForStartAndDestroy() {
        List<DomainLifecycleEvent> events = new CopyOnWriteArrayList<>();
        libvirt.addDomainLifecycleListener(events::add);
        String uuid = libvirt.defineDomain(TestDomains.xml("vireo-events"));
        try {
            libvirt.start(uuid);
            libvirt.destroy(uuid);
            Await.until("DEFINED, STARTED and STOPPED events",
                    () -> events.stream().filter(e -> e.uuid().equals(uuid)).map(DomainLifecycleEvent::type)
                            .toList().containsAll(List.of(Type.DEFINED, Type.STARTED, Type.STOPPED)),
                    events::toString);
            assertEquals("vireo-events", events.get(events.size() - 1).name());
        } finally {
            libvirt.undefine(uuid);
        }
    }

    @Test
    void refusesCallsOnAForbiddenThreadAndCountsThem() {
        long before = LibvirtThreadGuard.violations();
        LibvirtThreadGuard.forbid(Thread.currentThread());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, libvirt::listAllDomains);
            assertTrue(e.getMessage().contains("virConnectListAllDomains"), e.getMessage());
        } finally {
            LibvirtThreadGuard.allow(Thread.currentThread());
        }
        assertEquals(before + 1, LibvirtThreadGuard.violations());
        assertEquals(0, libvirt.calls().get("virConnectListAllDomains"), "a refused call is not made");
    }

    @Test
    void reportsLibvirtsOwnErrorMessage() {
        LibvirtCallException e = assertThrows(LibvirtCallException.class,
                () -> libvirt.defineDomain("<domain type='test'><name>broken"));
        assertEquals("virDomainDefineXML", e.api());
        assertTrue(e.getMessage().contains("Premature end of data"), e.getMessage());
    }
}
