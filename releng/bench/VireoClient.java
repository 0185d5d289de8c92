import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.vireo.api.CallCounter;
import dev.vireo.api.DomainState;
import dev.vireo.api.ObjectKind;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.DomainStatistics;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.CacheListener;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainChange;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.monitor.Monitors;
import dev.vireo.monitor.spi.RefreshPolicy;
import dev.vireo.monitor.spi.RefreshStrategy;

/**
 * The benchmark's Vireo client: the monitor the workbench uses, without the UI.
 *
 *   VireoClient URI events|poll
 *   VireoClient URI populate N
 *
 * "events" is Vireo as shipped; "poll" is the pre-1.0 way (list, state and XML of everything every
 * second) as a refresh strategy of the same monitor. Prints "first-list MS" and "all-xml MS"
 * (from the start of connecting), then obeys commands on stdin, one per line:
 *   stats on|off        sample statistics every 3 s, or stop
 *   changes N URI        another client (its own connection to URI) starts or stops N domains in
 *                        turn; prints "change MS CALLS" per change: from the other client's call
 *                        to the change in this client's cache (the moment the cache's listener
 *                        hears it: libvirt's client returns from virDomainCreate only after one
 *                        more round trip, a lookup for the new ID), and the calls this client made
 *   watch                prints "seen UUID EPOCH_US" for each state change the cache hears, until
 *                        the next command (unwatch)
 *   heap                 prints "heap MB" after a full GC
 * and exits at the end of its input.
 *
 * "populate" defines N domains on URI (a shared {@code /default}), each with two disks, a CD-ROM,
 * two NICs, VNC, video, a serial console and an agent channel, starts the even ones, prints
 * "populated N" and holds the connection (which keeps {@code /default}) until its input ends.
 * Run on the host, it makes changes there: "toggle I" starts or stops its I-th domain and prints
 * "called UUID EPOCH_US", the moment it made the call.
 */
public class VireoClient {
    public static void main(String[] args) throws Exception {
        if (args[1].equals("populate")) {
            populate(args[0], Integer.parseInt(args[2]));
            return;
        }
        // as the test driver's plugin declares for tcp: the first load fetches over two more connections
        RefreshPolicy policy = new RefreshPolicy().loadConnections(2);
        if (args[1].equals("poll")) {
            policy.loadConnections(0);
            RefreshStrategy everySecond = RefreshStrategy.poll(Duration.ofSeconds(1));
            policy.domains(everySecond);
            for (ObjectKind kind : List.of(ObjectKind.NETWORK, ObjectKind.STORAGE_POOL)) {
                policy.objects(kind, everySecond);
            }
        }
        long start = System.nanoTime();
        VirtConnection connection = new ConnectionManager().open(args[0]);
        ConnectionMonitor monitor = new Monitors().of(connection, policy);
        waitFor(monitor::isLoaded);
        System.out.println("first-list " + ms(start));
        waitFor(monitor::isXmlLoaded);
        System.out.println("all-xml " + ms(start) + " domains " + monitor.domains().size());
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        CacheListener watcher = null;
        for (String line; (line = in.readLine()) != null;) {
            String[] command = line.trim().split("\\s+");
            if (watcher != null) {
                monitor.removeListener(watcher);
                watcher = null;
            }
            switch (command[0]) {
                case "stats" -> monitor.sampleStats(command[1].equals("on") ? ConnectionMonitor.DEFAULT_STATS_INTERVAL : null);
                case "changes" -> changes(monitor, Integer.parseInt(command[1]), command[2]);
                case "watch" -> {
                    watcher = onDomains(changes -> changes.stream().filter(c -> c.kind() == DomainChange.Kind.STATE_CHANGED)
                            .forEach(c -> System.out.println("seen " + c.domain().uuid() + " " + epochMicros())));
                    monitor.addListener(watcher);
                }
                case "unwatch" -> {
                    // the watch ends with any command
                }
                case "heap" -> {
                    System.gc();
                    Runtime r = Runtime.getRuntime();
                    System.out.println("heap " + (r.totalMemory() - r.freeMemory()) / (1024 * 1024));
                }
                default -> System.out.println("unknown command " + line);
            }
            System.out.println("done " + command[0]);
            System.out.flush();
        }
        System.exit(0);
    }

    private static void changes(ConnectionMonitor monitor, int n, String uri) {
        List<DomainRecord> domains = new ArrayList<>(monitor.domains().all());
        CallCounter calls = monitor.connection().calls();
        Map<String, Long> heard = new ConcurrentHashMap<>();
        CacheListener listener = onDomains(changes -> changes.stream().filter(c -> c.kind() == DomainChange.Kind.STATE_CHANGED)
                .forEach(c -> heard.putIfAbsent(c.domain().uuid(), System.nanoTime())));
        monitor.addListener(listener);
        try (LibvirtConnection other = LibvirtConnection.open(uri)) {
            other.stats().domainStats(0, DomainStatistics.ALL); // the other client holds its handles: no lookups timed
            for (int i = 0; i < n; i++) {
                DomainRecord d = domains.get(i % domains.size());
                boolean running = monitor.domains().get(d.uuid()).state().isActive();
                DomainState wanted = running ? DomainState.SHUTOFF : DomainState.RUNNING;
                long before = calls.total();
                heard.remove(d.uuid());
                long start = System.nanoTime();
                if (running) {
                    other.domains().destroy(d.uuid());
                } else {
                    other.domains().start(d.uuid());
                }
                waitFor(() -> monitor.domains().get(d.uuid()).state() == wanted && heard.containsKey(d.uuid()));
                System.out.printf(Locale.ROOT, "change %.1f %d%n", (heard.get(d.uuid()) - start) / 1e6,
                        calls.total() - before);
            }
        } finally {
            monitor.removeListener(listener);
        }
    }

    private static CacheListener onDomains(java.util.function.Consumer<List<DomainChange>> action) {
        return new CacheListener() {
            @Override
            public void domainsChanged(ConnectionMonitor monitor, List<DomainChange> changes) {
                action.accept(changes);
            }
        };
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static void populate(String uri, int n) throws Exception {
        try (LibvirtConnection holder = LibvirtConnection.open(uri)) {
            for (int i = 0; i < n; i++) {
                String uuid = holder.domains().defineDomain(DOMAIN.formatted("vm%04d".formatted(i), i, (1 + i % 4) * 1048576L,
                        1 + i % 4, "vm%04d".formatted(i), "vm%04d".formatted(i), i / 256, i % 256, i / 256, i % 256));
                if (i % 2 == 0) {
                    holder.domains().start(uuid);
                }
            }
            System.out.println("populated " + n);
            System.out.flush();
            List<String> uuids = holder.stats().domainStats(0, DomainStatistics.ALL).stream().map(s -> s.uuid()).sorted().toList();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            for (String line; (line = in.readLine()) != null;) { // holds /default until the benchmark closes our input
                String uuid = uuids.get(Integer.parseInt(line.split(" ")[1]) % uuids.size());
                boolean running = holder.domains().domainState(uuid)[0] == 1;
                long called = epochMicros();
                if (running) {
                    holder.domains().destroy(uuid);
                } else {
                    holder.domains().start(uuid);
                }
                System.out.println("called " + uuid + " " + called);
                System.out.flush();
            }
        }
        System.exit(0);
    }

    private static final String DOMAIN = """
            <domain type='test'>
              <name>%s</name>
              <description>benchmark domain %d</description>
              <memory unit='KiB'>%d</memory>
              <vcpu placement='static'>%d</vcpu>
              <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type><boot dev='hd'/></os>
              <features><acpi/><apic/></features>
              <cpu mode='host-passthrough'/>
              <clock offset='utc'/>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/var/lib/libvirt/images/%s-root.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='/var/lib/libvirt/images/%s-data.img'/>
                  <target dev='vdb' bus='virtio'/>
                </disk>
                <disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk>
                <interface type='network'>
                  <mac address='52:54:00:%02x:%02x:01'/><source network='default'/><model type='virtio'/>
                </interface>
                <interface type='bridge'>
                  <mac address='52:54:00:%02x:%02x:02'/><source bridge='br0'/><model type='virtio'/>
                </interface>
                <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
                <video><model type='virtio' heads='1'/></video>
                <serial type='pty'><target port='0'/></serial>
                <console type='pty'><target type='serial' port='0'/></console>
                <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
                <memballoon model='virtio'/>
              </devices>
            </domain>
            """;

    private static String ms(long start) {
        return String.format(Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e6);
    }

    /** A benchmark, not a test: waits with a short park and no deadline (the caller has one). */
    private static void waitFor(java.util.function.BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
