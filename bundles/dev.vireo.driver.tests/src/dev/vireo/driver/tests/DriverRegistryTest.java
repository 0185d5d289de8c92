package dev.vireo.driver.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vireo.api.CallCounter;
import dev.vireo.api.ObjectKind;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.driver.DeviceTemplate;
import dev.vireo.driver.DriverRegistry;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.Monitors;
import dev.vireo.monitor.spi.RefreshPolicy;
import dev.vireo.monitor.spi.RefreshStrategy;

/** Driver plugins through the extension point, and the monitor following what they declare. */
class DriverRegistryTest {
    private final ConnectionManager manager = new ConnectionManager();
    private final DriverRegistry registry = new DriverRegistry();
    private final Monitors monitors = new Monitors();

    DriverRegistryTest() {
        monitors.setPolicies(registry);
    }

    @AfterEach
    void closeAll() {
        manager.connections().forEach(manager::close);
    }

    @Test
    void findsTheBuiltInDriversWithTheirCapabilities() {
        Set<String> ids = Set.copyOf(registry.drivers().stream().map(HypervisorDriver::id).toList());
        assertTrue(ids.containsAll(Set.of("test", "qemu", "lxc", "esx", "pollable")), ids.toString());
        HypervisorDriver qemu = registry.forUri("qemu+ssh://root@host/system").orElseThrow();
        assertEquals("qemu", qemu.id());
        assertTrue(qemu.capabilities().migration() && qemu.capabilities().hasEvents("secret"));
        assertTrue(qemu.transports().containsAll(Set.of("ssh", "tls", "local")));
        HypervisorDriver test = registry.forUri("test:///default").orElseThrow();
        assertFalse(test.capabilities().migration());
        assertFalse(test.capabilities().hasEvents("secret"));
        assertTrue(registry.forUri("esx://host/").orElseThrow().capabilities().events().isEmpty());
        assertTrue(registry.forUri("nobody:///").isEmpty());
    }

    @Test
    void everyDeclaredDeviceTemplateMakesADeviceTheModelWritesAndReadsBack() throws Exception {
        assertEquals(List.of("Disk", "Network interface", "Graphics", "Video", "Sound", "Controller", "Input", "Serial",
                "Console", "Channel", "Random number generator", "TPM", "Filesystem (virtiofs)", "Watchdog"),
                registry.forUri("qemu:///system").orElseThrow().devices().stream().map(DeviceTemplate::label).toList());
        for (HypervisorDriver driver : registry.drivers()) {
            for (DeviceTemplate template : driver.devices()) {
                XmlObject domain = LibvirtModel.create("Domain");
                XmlObject device = domain.add(template.list());
                template.values().forEach(device::setText);
                template.domainValues().forEach(domain::setText);
                String xml = LibvirtModel.save(domain);
                assertEquals(xml, LibvirtModel.save(LibvirtModel.load(xml)), driver.id() + " " + template.label());
                for (var value : template.values().entrySet()) {
                    assertEquals(value.getValue(), String.valueOf(device.get(value.getKey())),
                            driver.id() + " " + template.label() + " " + value.getKey());
                }
            }
        }
    }

    @Test
    void aDriverWhoseCodeThrowsHangsOrAnswersGarbageFailsOnlyItsOwnConnection() {
        List<VirtConnection> failed = new ArrayList<>();
        for (String uri : List.of("throws:///x", "garbage:///x", "hangs:///x")) {
            long start = System.nanoTime();
            VirtConnection c = registry.open(manager, uri); // the plugin's code runs on the connection's worker
            long returnedMs = (System.nanoTime() - start) / 1_000_000;
            waitFor(uri + " failed", () -> c.state() == ConnectionState.DISCONNECTED && c.failure() != null);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("reliability: driver plugin " + uri + " isolated in " + ms + " ms (open returned in "
                    + returnedMs + " ms): " + c.failure());
            assertTrue(returnedMs < 1000, "open waits for no plugin code: " + returnedMs + " ms");
            assertTrue(c.failure().contains("Misbehaving driver"), c.failure());
            assertTrue(ms < HypervisorDriver.CODE_TIMEOUT.toMillis() + 2000, ms + " ms");
            failed.add(c);
        }
        assertTrue(registry.disabledReason("misbehaving").contains("did not answer"), "a driver that hung is disabled");
        VirtConnection again = registry.open(manager, "throws:///x");
        waitFor("the disabled driver refused at once", () -> again.failure() != null);
        assertTrue(again.failure().contains("disabled for this session"), again.failure());
        VirtConnection good = registry.open(manager, "pollable:///");
        waitFor("the other drivers still connect", () -> good.state() == ConnectionState.CONNECTED);
        assertTrue(failed.stream().noneMatch(c -> c.state() == ConnectionState.CONNECTED));
    }

    @Test
    void aDriverWhoseCodeCannotBeMadeIsReadWithoutRunningItAndDisabledOnFirstUse() {
        long start = System.nanoTime();
        DriverRegistry fresh = new DriverRegistry(Platform.getExtensionRegistry());
        long readMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(fresh.forUri("slowstart:///").isPresent() && fresh.forUri("broken3:///").isPresent(),
                "declarations are read; their code is not made yet");
        assertTrue(readMs < 1000, "reading the registry runs no plugin constructor: " + readMs + " ms");

        VirtConnection throwing = fresh.open(manager, "broken3:///");
        waitFor("the throwing constructor's connection failed", () -> throwing.failure() != null);
        assertTrue(throwing.failure().contains("could not make its code")
                && throwing.failure().contains("broken on purpose"), throwing.failure());
        assertTrue(fresh.disabledReason("broken-code").contains("broken on purpose"));

        VirtConnection hanging = fresh.open(manager, "slowstart:///");
        waitFor("the hanging constructor's connection failed", () -> hanging.failure() != null);
        assertTrue(hanging.failure().contains("did not answer within"), hanging.failure());
        assertTrue(fresh.disabledReason("hanging-constructor").contains("did not answer"));
        System.out.println("reliability: plugin constructors isolated: registry read in " + readMs
                + " ms; a throwing one: " + throwing.failure() + "; a hanging one: " + hanging.failure());
    }

    @Test
    void skipsBrokenContributionsWithTheReasonInTheErrorLog() {
        List<IStatus> logged = new CopyOnWriteArrayList<>();
        ILogListener listener = (status, plugin) -> logged.add(status);
        Platform.addLogListener(listener);
        DriverRegistry registry;
        try {
            registry = new DriverRegistry(Platform.getExtensionRegistry());
        } finally {
            Platform.removeLogListener(listener);
        }
        List<String> rejected = registry.rejected();
        assertEquals(3, rejected.size(), rejected.toString());
        assertTrue(has(rejected, "broken-no-scheme", "names no URI scheme"), rejected.toString());
        assertTrue(has(rejected, "broken-interval", "not 'soon'"), rejected.toString());
        assertTrue(has(rejected, "broken-events", "telepathy"), rejected.toString());
        assertEquals(3, logged.stream().filter(s -> s.getSeverity() == IStatus.ERROR
                && s.getMessage().contains("skipped")).count(), logged.toString());
        assertTrue(registry.forUri("broken1:///").isEmpty() && registry.forUri("broken2:///").isEmpty());
        assertTrue(registry.forUri("pollable:///").isPresent(), "the good ones are kept");
    }

    @Test
    void refreshPoliciesFollowTheDeclarations() {
        RefreshPolicy test = registry.forUri("test:///default").orElseThrow().refreshPolicy("test:///default");
        assertEquals(RefreshStrategy.EVENTS, test.domains());
        assertEquals(RefreshStrategy.EVENTS, test.objects(ObjectKind.NETWORK));
        assertEquals(RefreshStrategy.poll(RefreshPolicy.DEFAULT_POLL), test.objects(ObjectKind.SECRET));
        assertEquals(RefreshStrategy.ON_DEMAND, test.objects(ObjectKind.INTERFACE));
        assertEquals(0, test.loadConnections(), "in-process: nothing to gain from more connections");
        assertEquals(2, registry.forUri("test+tcp://h/default").orElseThrow().refreshPolicy("test+tcp://h/default")
                .loadConnections());
        assertEquals(0, registry.forUri("qemu+ssh://h/system").orElseThrow().refreshPolicy("qemu+ssh://h/system")
                .loadConnections(), "ssh: each connection another login");
        assertEquals(2, registry.forUri("qemu://h/system").orElseThrow().refreshPolicy("qemu://h/system")
                .loadConnections(), "no transport named: TLS");
        for (String local : List.of("test+tcp://127.0.0.1:16509/default", "qemu+tcp://user@localhost/system",
                "qemu+tls://[::1]/system")) {
            assertEquals(0, registry.forUri(local).orElseThrow().refreshPolicy(local).loadConnections(), local);
        }
        RefreshPolicy esx = registry.forUri("esx://host/").orElseThrow().refreshPolicy("esx://host/");
        assertEquals(RefreshStrategy.poll(Duration.ofSeconds(10)), esx.domains());
        assertEquals(RefreshStrategy.poll(RefreshPolicy.DEFAULT_POLL), esx.objects(ObjectKind.STORAGE_POOL));
    }

    @Test
    void theMonitorPollsForAPollingDriverAndFollowsEventsForTheTestDriver() {
        VirtConnection polled = registry.open(manager, "pollable:///");
        VirtConnection evented = registry.open(manager, "test:///default");
        ConnectionMonitor pollMonitor = monitors.of(polled);
        ConnectionMonitor eventMonitor = monitors.of(evented);
        waitFor("both loaded", () -> pollMonitor.isReady() && eventMonitor.isReady());
        assertEquals("test:///default", polled.libvirtUri(), "the driver's mapping, asked on the connection's worker");
        assertTrue(pollMonitor.domains().isNameInUse("test"), "pollable:/// shows the test driver's domains");

        CallCounter pollCalls = polled.calls();
        CallCounter eventCalls = evented.calls();
        long polls = pollCalls.get("virConnectGetAllDomainStats");
        long eventsBefore = eventCalls.total();
        waitFor("two more polls", () -> pollCalls.get("virConnectGetAllDomainStats") >= polls + 4);
        assertEquals(eventsBefore, eventCalls.total(), "the event-driven connection made no call meanwhile: "
                + eventCalls.snapshot());
    }

    private static boolean has(List<String> reasons, String id, String why) {
        return reasons.stream().anyMatch(r -> r.contains(id) && r.contains(why));
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
