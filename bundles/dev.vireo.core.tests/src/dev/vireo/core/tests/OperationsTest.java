package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vireo.api.DomainState;
import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.monitor.Monitors;
import dev.vireo.monitor.spi.RefreshPolicy;
import dev.vireo.operations.DomainOperations;
import dev.vireo.operations.HostDevices;
import dev.vireo.operations.HostDevices.HostDevice;
import dev.vireo.operations.HostOperations;
import dev.vireo.operations.Lifecycle;
import dev.vireo.operations.NetworkOperations;
import dev.vireo.operations.SnapshotOperations;
import dev.vireo.operations.StorageOperations;

/**
 * The host workflows the UI starts, headless, on Vireo's fixture host: each returns a future, and
 * the cache shows the result, through the event libvirt sends or, where it sends none, the reload
 * the operation does.
 */
class OperationsTest {
    private final ConnectionManager manager = new ConnectionManager();
    private final Monitors monitors = new Monitors();
    private ConnectionMonitor monitor;

    @BeforeEach
    void open() {
        monitor = monitors.of(manager.open("test://" + TestHosts.fixture()), new RefreshPolicy());
        Await.until("the fixture host loaded", monitor::isReady, () -> monitor.connection().state().label());
    }

    @AfterEach
    void closeAll() {
        manager.connections().forEach(manager::close);
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private DomainRecord domain(String name) {
        return monitor.domains().all().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    private String key(ObjectKind kind, String name) {
        return monitor.objects(kind).all().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().key();
    }

    @Test
    void renameKeepsTheUuidAndIsRefusedFromTheCacheForATakenNameOrARunningVm() throws Exception {
        DomainOperations domains = new DomainOperations(monitor);
        String uuid = domain("state-shutoff").uuid();
        long calls = monitor.connection().calls().total();
        ExecutionException taken = assertThrows(ExecutionException.class, () -> done(domains.rename(uuid, "test")));
        assertTrue(taken.getCause().getMessage().contains("exists"), taken.getCause().getMessage());
        ExecutionException running = assertThrows(ExecutionException.class,
                () -> done(domains.rename(domain("test").uuid(), "renamed-running")));
        assertTrue(running.getCause().getMessage().startsWith("Shut 'test' down"), running.getCause().getMessage());
        assertEquals(calls, monitor.connection().calls().total(), "both refused from the cache, with no call");

        done(domains.rename(uuid, "state-renamed"));
        Await.until("the new name in the cache, same UUID", () -> monitor.domains().get(uuid) != null
                && "state-renamed".equals(monitor.domains().get(uuid).name()), () -> String.valueOf(monitor.domains().get(uuid)));
        assertNull(domain("state-shutoff"));
    }

    @Test
    void hostDevicesComeFromTheCacheWithTheVmsAlreadyGivenEach() throws Exception {
        long calls = monitor.connection().calls().total();
        HostDevice usb = HostDevices.of(monitor, "usb").get(0);
        assertEquals("usb_1_2", usb.name());
        assertEquals("Vireo Vireo Test Token", usb.description());
        assertEquals("bus 1 device 2", usb.address());
        assertEquals(List.of(), usb.usedBy());
        HostDevice pci = HostDevices.of(monitor, "pci").get(0);
        assertEquals("0000:00:19.0", pci.address());
        assertEquals("0x19", pci.hostdev().get("sourceSlot"), "hostdevs name PCI numbers in hex");
        assertEquals(calls, monitor.connection().calls().total(), "listed from the cache, with no call");

        XmlObject vm = LibvirtModel.copy(domain("state-shutoff").definition().model());
        XmlObject hostdev = vm.add("hostdevs");
        pci.hostdev().forEach(hostdev::setText);
        done(new DomainOperations(monitor).define(LibvirtModel.save(vm)));
        Await.until("the PCI device given to state-shutoff, by the cache",
                () -> HostDevices.of(monitor, "pci").get(0).usedBy().equals(List.of("state-shutoff")),
                () -> HostDevices.of(monitor, "pci").toString());
        assertEquals(List.of(), HostDevices.of(monitor, "usb").get(0).usedBy());
    }

    @Test
    void lifecycleOperationsMoveTheCachedStateByTheirEvents() throws Exception {
        DomainOperations domains = new DomainOperations(monitor);
        String uuid = domain("test").uuid();
        // START_PAUSED is for QEMU (the serial console test); the test driver refuses its flag
        for (Lifecycle action : List.of(Lifecycle.PAUSE, Lifecycle.RESUME, Lifecycle.FORCE_OFF, Lifecycle.START,
                Lifecycle.SAVE, Lifecycle.START, Lifecycle.REBOOT, Lifecycle.SHUT_DOWN)) {
            done(domains.run(uuid, action));
            DomainState expected = switch (action) {
                case PAUSE -> DomainState.PAUSED;
                case FORCE_OFF, SAVE, SHUT_DOWN -> DomainState.SHUTOFF;
                default -> DomainState.RUNNING;
            };
            Await.until("'test' " + expected + " after " + action, () -> domain("test").state() == expected,
                    () -> domain("test").state().toString());
        }
    }

    @Test
    void deleteRemovesTheDomainAndTheChosenStorageAndListsThePoolAgain() throws Exception {
        String pool = key(ObjectKind.STORAGE_POOL, "images");
        assertTrue(names(done(monitor.volumes(pool))).contains("clone-sibling.qcow2"));
        done(new DomainOperations(monitor).delete(domain("clone-sibling"), List.of("/images/clone-sibling.qcow2")));
        Await.until("the domain gone from the cache", () -> domain("clone-sibling") == null);
        Await.until("the volume gone from the cached pool",
                () -> !names(monitor.objects(ObjectKind.STORAGE_POOL).loadedVolumes(pool)).contains("clone-sibling.qcow2"));
    }

    @Test
    void aFailedStorageDeleteIsNamedAfterEverythingElseIsDone() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> done(new DomainOperations(monitor)
                .delete(domain("state-shutoff"), List.of("/images/no-such-volume.qcow2"))));
        assertTrue(e.getCause().getMessage().contains("/images/no-such-volume.qcow2"), e.getCause().getMessage());
        Await.until("the domain deleted all the same", () -> domain("state-shutoff") == null);
    }

    @Test
    void aCloneHasItsOwnNameUuidMacsAndACopyOfTheChosenDisk() throws Exception {
        DomainRecord source = domain("clone-source");
        String uuid = done(new DomainOperations(monitor).clone(source, "clone-copy", Set.of("/images/clone-source.img")));
        Await.until("the clone's XML in the cache", () -> monitor.domains().get(uuid) != null
                && monitor.domains().get(uuid).definition() != null);
        DomainRecord clone = monitor.domains().get(uuid);
        assertNotEquals(source.uuid(), uuid);
        assertEquals(List.of("/images/clone-copy-vda.img"), clone.definition().diskSources());
        assertEquals(source.definition().macAddresses().size(), clone.definition().macAddresses().size());
        assertFalse(clone.definition().macAddresses().stream().anyMatch(source.definition().macAddresses()::contains));
    }

    @Test
    void migrationOnTheTestDriverFailsWithLibvirtsMessage() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> done(new DomainOperations(monitor)
                .migrate(domain("test").uuid(), monitor.connection(), true)));
        assertTrue(e.getCause().getMessage() != null && !e.getCause().getMessage().isBlank());
    }

    @Test
    void aNetworkIsCreatedStartedAutostartedAndDeleted() throws Exception {
        NetworkOperations networks = new NetworkOperations(monitor);
        String key = done(networks.create("ops-net", "route", "10.99.0.1/24"));
        Await.until("the network active in the cache", () -> monitor.objects(ObjectKind.NETWORK).get(key) != null
                && monitor.objects(ObjectKind.NETWORK).get(key).active() && monitor.objects(ObjectKind.NETWORK).get(key).xml() != null);
        assertTrue(monitor.objects(ObjectKind.NETWORK).get(key).xml().contains("<forward mode='route'"));
        assertTrue(done(networks.autostart(key)));
        done(networks.delete(key));
        Await.until("the network gone", () -> monitor.objects(ObjectKind.NETWORK).get(key) == null);
    }

    @Test
    void aPoolAndItsVolumesAreCreatedResizedAndDeleted() throws Exception {
        StorageOperations storage = new StorageOperations(monitor);
        String pool = done(storage.createPool("ops-pool", "dir", "/ops-pool", "", ""));
        Await.until("the pool active in the cache", () -> monitor.objects(ObjectKind.STORAGE_POOL).get(pool) != null
                && monitor.objects(ObjectKind.STORAGE_POOL).get(pool).active());
        List<StorageVolume> volumes = done(storage.createVolume(pool, "disk.qcow2", 2, "qcow2"));
        assertEquals(List.of("disk.qcow2"), names(volumes));
        assertEquals(volumes, monitor.objects(ObjectKind.STORAGE_POOL).loadedVolumes(pool), "the cache has the new list");
        // the test driver cannot resize: libvirt's refusal comes back, after the volumes were listed again
        long lists = monitor.connection().calls().get("virStoragePoolListAllVolumes");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> done(storage.resizeVolume(pool, "/ops-pool/disk.qcow2", 3L << 30)));
        assertTrue(refused.getCause().getMessage().contains("not supported"), refused.getCause().getMessage());
        assertEquals(lists + 1, monitor.connection().calls().get("virStoragePoolListAllVolumes"));
        assertTrue(done(storage.deleteVolume(pool, "/ops-pool/disk.qcow2")).isEmpty());
        done(storage.deletePool(pool));
        Await.until("the pool gone", () -> monitor.objects(ObjectKind.STORAGE_POOL).get(pool) == null);
    }

    @Test
    void snapshotsAreTakenListedRevertedToAndDeleted() throws Exception {
        SnapshotOperations snapshots = new SnapshotOperations(monitor);
        String uuid = domain("snapshot-tree").uuid();
        int before = done(snapshots.list(uuid)).size();
        done(snapshots.create(uuid, "ops-snap", "taken headless"));
        assertTrue(done(snapshots.names(uuid)).contains("ops-snap"));
        assertTrue(done(snapshots.list(uuid)).stream().anyMatch(x -> x.contains("<description>taken headless</description>")));
        long reverts = monitor.connection().calls().get("virDomainRevertToSnapshot");
        done(snapshots.revert(uuid, "ops-snap"));
        assertEquals(reverts + 1, monitor.connection().calls().get("virDomainRevertToSnapshot"));
        done(snapshots.delete(uuid, "ops-snap"));
        assertEquals(before, done(snapshots.list(uuid)).size());
    }

    @Test
    void theHostDescribesItself() throws Exception {
        var info = done(new HostOperations(monitor).nodeInfo());
        assertEquals(16, info.cpus());
        assertEquals(2900, info.mhz());
    }

    private static List<String> names(List<StorageVolume> volumes) {
        return volumes == null ? List.of() : volumes.stream().map(StorageVolume::name).toList();
    }
}
