package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vireo.api.CallCounter;
import dev.vireo.api.DomainState;
import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.CacheListener;
import dev.vireo.monitor.CachedObject;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainChange;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.monitor.Monitors;
import dev.vireo.monitor.spi.RefreshPolicy;
import dev.vireo.monitor.spi.RefreshStrategy;

/**
 * The monitor against libvirt's in-process test driver. {@code test:///default} is one state
 * shared by every connection of the process, so a second connection plays another client;
 * a node file gives each connection a private copy.
 */
class MonitorTest {
    private final ConnectionManager manager = new ConnectionManager();
    private final Monitors monitors = new Monitors();
    private final List<DomainChange> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() {
        manager.connections().forEach(manager::close);
    }

    private ConnectionMonitor connect(String uri, RefreshPolicy policy) {
        VirtConnection connection = manager.open(uri);
        ConnectionMonitor monitor = monitors.of(connection, policy);
        monitor.addListener(new CacheListener() {
            @Override
            public void domainsChanged(ConnectionMonitor m, List<DomainChange> batch) {
                changes.addAll(batch);
            }
        });
        Await.until("the session started: everything loaded", monitor::isReady,
                () -> connection.state() + " " + connection.failure());
        return monitor;
    }

    @Test
    void loadsTheEmbeddedHost() {
        ConnectionMonitor monitor = connect("test:///default", new RefreshPolicy());
        DomainRecord test = monitor.domains().all().stream().filter(d -> d.name().equals("test")).findFirst()
                .orElseThrow();
        assertEquals(DomainState.RUNNING, test.state());
        assertEquals(2, test.vcpus());
        assertEquals(2 * 1024 * 1024, test.memoryKiB());
        assertTrue(test.persistent());
        Await.until("the default network and pool", () -> monitor.objects(ObjectKind.NETWORK).get(key(monitor,
                ObjectKind.NETWORK, "default")) != null && monitor.objects(ObjectKind.STORAGE_POOL).all().size() == 1
                && monitor.capabilitiesXml() != null);
        assertTrue(monitor.objects(ObjectKind.INTERFACE).all().isEmpty(), "host interfaces wait until asked for");
        monitor.refresh(ObjectKind.INTERFACE);
        Await.until("the host interface", () -> sortedNames(monitor, ObjectKind.INTERFACE).equals(List.of("eth1")));
    }

    @Test
    void theFixtureHostMatchesWhatVirshReports() throws Exception {
        matchesWhatVirshReports(TestHosts.fixture(), "images");
    }

    @Test
    void theCorpusHostMatchesWhatVirshReports() throws Exception {
        matchesWhatVirshReports(Corpus.testDriverHost(), "pool-dir");
    }

    private void matchesWhatVirshReports(Path host, String aPool) throws Exception {
        String uri = "test://" + host;
        ConnectionMonitor monitor = connect(uri, new RefreshPolicy());

        Map<String, String> virshStates = new TreeMap<>();
        for (String line : Virsh.lines(uri, "list", "--all")) {
            Matcher m = Pattern.compile("^(\\d+|-)\\s+(\\S+)\\s+(.+)$").matcher(line);
            if (m.matches()) {
                virshStates.put(m.group(2), m.group(3));
            }
        }
        Map<String, String> cached = new TreeMap<>();
        monitor.domains().all().forEach(d -> cached.put(d.name(), virshLabel(d.state())));
        assertEquals(virshStates, cached);

        List<String> networks = Virsh.lines(uri, "net-list", "--all", "--name");
        Await.until("the networks", () -> sortedNames(monitor, ObjectKind.NETWORK).equals(sorted(networks)),
                () -> sortedNames(monitor, ObjectKind.NETWORK).toString());
        List<String> pools = Virsh.lines(uri, "pool-list", "--all", "--name");
        Await.until("the pools", () -> sortedNames(monitor, ObjectKind.STORAGE_POOL).equals(sorted(pools)),
                () -> sortedNames(monitor, ObjectKind.STORAGE_POOL).toString());
        // virsh cannot list the test driver's node devices (it passes a flag the driver refuses): the file can
        List<String> devices = new ArrayList<>();
        Matcher m = Pattern.compile("<device>\\s*<name>([^<]+)</name>").matcher(Files.readString(host));
        while (m.find()) {
            devices.add(m.group(1));
        }
        Await.until("the node devices", () -> sortedNames(monitor, ObjectKind.NODE_DEVICE).equals(sorted(devices)),
                () -> sortedNames(monitor, ObjectKind.NODE_DEVICE).toString());

        // volumes are loaded on demand, once; virsh lists the volumes of active pools only
        for (String pool : Virsh.lines(uri, "pool-list", "--name")) {
            List<String> virshVolumes = Virsh.lines(uri, "vol-list", pool).stream().skip(2)
                    .map(l -> l.split("\\s+")[0]).sorted().toList();
            List<StorageVolume> volumes = monitor.volumes(key(monitor, ObjectKind.STORAGE_POOL, pool))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(virshVolumes, volumes.stream().map(StorageVolume::name).sorted().toList(), pool);
        }
        long listCalls = monitor.connection().calls().get("virStoragePoolListAllVolumes");
        monitor.volumes(key(monitor, ObjectKind.STORAGE_POOL, aPool)).get(30, TimeUnit.SECONDS);
        assertEquals(listCalls, monitor.connection().calls().get("virStoragePoolListAllVolumes"), "from the cache");
    }

    @Test
    void answersWhoUsesADiskPathFromTheCacheWithNoCall() throws Exception {
        answersWhoUsesADiskPath(TestHosts.fixture(), "/images/clone-source.img", "devices-galore");
    }

    @Test
    void answersWhoUsesADiskPathOfTheCorpusHostFromTheCacheWithNoCall() throws Exception {
        answersWhoUsesADiskPath(Corpus.testDriverHost(), "/pool-dir/test-clone-simple.img", "test-many-devices");
    }

    private void answersWhoUsesADiskPath(Path host, String path, String aName) throws Exception {
        String uri = "test://" + host;
        ConnectionMonitor monitor = connect(uri, new RefreshPolicy());
        List<String> expected = new ArrayList<>();
        for (String domain : Virsh.lines(uri, "list", "--all", "--name")) {
            if (Virsh.lines(uri, "domblklist", domain).stream().anyMatch(l -> l.endsWith(" " + path))) {
                expected.add(domain);
            }
        }
        assertTrue(!expected.isEmpty(), "the host has domains using " + path);

        CallCounter calls = monitor.connection().calls();
        long before = calls.total();
        List<String> users = monitor.domains().usingDisk(path).stream().map(DomainRecord::name).sorted().toList();
        assertEquals(expected.stream().sorted().toList(), users);
        assertTrue(monitor.domains().usingDisk("/nowhere/at/all.img").isEmpty());
        assertTrue(monitor.domains().isNameInUse(aName));
        assertEquals(before, calls.total(), "queries cost no libvirt call: " + calls.snapshot());
    }

    @Test
    void followsAnotherClientFromEventsAndAStateChangeCostsNoCall() {
        ConnectionMonitor monitor = connect("test:///default", new RefreshPolicy());
        CallCounter calls = monitor.connection().calls();
        try (LibvirtConnection other = LibvirtConnection.open("test:///default")) {
            long beforeDefine = calls.total();
            String uuid = other.domains().defineDomain(TestDomains.xml("vireo-cache"));
            Await.until("the defined domain's XML", () -> record(monitor, uuid) != null && record(monitor, uuid).xml() != null,
                    changes::toString);
            assertEquals(DomainState.SHUTOFF, record(monitor, uuid).state());
            assertEquals(256 * 1024, record(monitor, uuid).memoryKiB());
            assertEquals(beforeDefine + 1, calls.total(), "a definition costs one XML fetch: " + calls.snapshot());

            long before = calls.total();
            other.domains().start(uuid);
            Await.until("running", () -> record(monitor, uuid).state() == DomainState.RUNNING, changes::toString);
            other.domains().destroy(uuid);
            Await.until("shut off", () -> record(monitor, uuid).state() == DomainState.SHUTOFF, changes::toString);
            other.domains().undefine(uuid);
            Await.until("gone", () -> record(monitor, uuid) == null, changes::toString);
            assertEquals(before, calls.total(), "state changes and undefine come from events alone: " + calls.snapshot());

            long beforeNetwork = calls.total();
            String net = other.objects().define(ObjectKind.NETWORK, TestDomains.network("vireo-net"));
            Await.until("the defined network's XML", () -> network(monitor, net) != null && network(monitor, net).xml() != null);
            assertEquals(beforeNetwork + 1, calls.total(), "a network definition costs one XML fetch");
            other.objects().start(ObjectKind.NETWORK, net);
            Await.until("the network active", () -> network(monitor, net).active());
            other.objects().stop(ObjectKind.NETWORK, net);
            Await.until("the network inactive", () -> !network(monitor, net).active());
            other.objects().undefine(ObjectKind.NETWORK, net);
            Await.until("the network gone", () -> network(monitor, net) == null);
            assertEquals(beforeNetwork + 1, calls.total(), "network state changes cost nothing: " + calls.snapshot());
        }
    }

    @Test
    void aPollingStrategyFindsChangesAndReportsEachOnce() {
        Duration interval = Duration.ofMillis(200);
        ConnectionMonitor monitor = connect("test:///default",
                new RefreshPolicy().domains(RefreshStrategy.poll(interval)));
        CallCounter calls = monitor.connection().calls();
        try (LibvirtConnection other = LibvirtConnection.open("test:///default")) {
            String uuid = other.domains().defineDomain(TestDomains.xml("vireo-polled"));
            Await.until("the polled domain", () -> record(monitor, uuid) != null && record(monitor, uuid).xml() != null);
            other.domains().start(uuid);
            Await.until("running", () -> record(monitor, uuid).state() == DomainState.RUNNING);

            // starting changes the live XML too (an id, runtime details): one more definition change
            Await.until("the live XML", () -> record(monitor, uuid).xml().contains("id="));
            List<DomainChange.Kind> settled = kindsFor(uuid);
            assertEquals(List.of(DomainChange.Kind.ADDED, DomainChange.Kind.DEFINITION_CHANGED,
                    DomainChange.Kind.STATE_CHANGED, DomainChange.Kind.DEFINITION_CHANGED), settled);
            long polls = calls.get("virConnectGetAllDomainStats");
            Await.until("three more polls", () -> calls.get("virConnectGetAllDomainStats") >= polls + 6);
            assertEquals(settled, kindsFor(uuid), "nothing reported again, however often polled");

            other.domains().destroy(uuid);
            other.domains().undefine(uuid);
            Await.until("gone", () -> record(monitor, uuid) == null);
        }
    }

    @Test
    void samplesOnlyWhatIsShownWithinItsBudgetAndStopsWhenAskedTo() {
        ConnectionMonitor monitor = connect("test:///default", new RefreshPolicy().statsCallsPerMinute(60));
        CallCounter calls = monitor.connection().calls();
        long before = calls.total();
        monitor.sampleStats(Duration.ofMillis(100));
        Await.holdsFor(Duration.ofMillis(500), "no call while nobody looks", () -> calls.total() == before,
                () -> calls.snapshot().toString());

        // the test driver's bulk statistics carry no CPU time: the domain someone looks at is asked alone
        String uuid = monitor.domains().all().iterator().next().uuid();
        monitor.setVisible(this, Set.of(uuid));
        Await.until("a CPU figure for the visible domain",
                () -> monitor.history(uuid).stream().anyMatch(s -> s.cpuPercent() >= 0), changes::toString);
        assertTrue(monitor.samplingNote().startsWith("sampled every 1 s: this host's statistics in bulk have no CPU time"),
                monitor.samplingNote());
        long from = calls.total();
        // ticks every 100 ms, but 60 calls a minute: about 2 in 2 s, never 20
        Await.holdsFor(Duration.ofSeconds(2), "within the budget", () -> calls.total() - from <= 3,
                () -> calls.snapshot().toString());
        assertTrue(calls.get("virDomainGetInfo") >= 2, calls.snapshot().toString());

        monitor.sampleStats(null);
        long after = calls.total();
        Await.holdsFor(Duration.ofMillis(500), "silence once sampling is off (but for a sample already under way)",
                () -> calls.total() <= after + 1, () -> calls.snapshot().toString());
        monitor.setVisible(this, null);
        assertNull(monitor.samplingNote());
    }

    @Test
    void showsWhyAConnectionFailed() {
        VirtConnection bad = manager.open("test:///no/such/file.xml");
        Await.until("the connection to fail", () -> bad.state() == ConnectionState.DISCONNECTED);
        assertTrue(bad.failure().contains("no/such/file.xml"), bad.failure());
    }

    private List<DomainChange.Kind> kindsFor(String uuid) {
        return changes.stream().filter(c -> c.domain().uuid().equals(uuid)).map(DomainChange::kind).toList();
    }

    private static DomainRecord record(ConnectionMonitor monitor, String uuid) {
        return monitor.domains().get(uuid);
    }

    private static CachedObject network(ConnectionMonitor monitor, String key) {
        return monitor.objects(ObjectKind.NETWORK).get(key);
    }

    private static String key(ConnectionMonitor monitor, ObjectKind kind, String name) {
        return monitor.objects(kind).all().stream().filter(o -> o.name().equals(name)).map(CachedObject::key)
                .findFirst().orElse(null);
    }

    private static List<String> sortedNames(ConnectionMonitor monitor, ObjectKind kind) {
        return monitor.objects(kind).all().stream().map(CachedObject::name).sorted().toList();
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    private static String virshLabel(DomainState state) {
        return switch (state) {
            case RUNNING -> "running";
            case PAUSED -> "paused";
            case SHUTOFF -> "shut off";
            case CRASHED -> "crashed";
            case PMSUSPENDED -> "pmsuspended";
            case BLOCKED -> "idle";
            case SHUTDOWN -> "in shutdown";
            case NOSTATE -> "no state";
        };
    }
}
