package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vireo.api.ChangeScope;
import dev.vireo.api.ConsoleChannel;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.operations.DomainOperations;
import dev.vireo.operations.HostOperations;
import dev.vireo.operations.Lifecycle;

/**
 * Live changes on a running QEMU guest (the tests' small Linux guest, under TCG on the session
 * daemon), seen from inside it: its serial line reports its online CPUs and block devices every
 * 2 s. A hot-plugged disk appears in the guest and in the cache by the device-added event; a vCPU
 * added live comes online; a hot-plug QEMU refuses fails with its reason and changes nothing; a
 * CD-ROM is ejected in place.
 */
class HotplugTest {
    private static final Duration GUEST = Duration.ofSeconds(90);
    private static QemuSessionHost host;
    private static ConnectionMonitor monitor;
    private static Path images;

    @BeforeAll
    static void start() throws Exception {
        host = QemuSessionHost.start();
        images = host.images();
        host.guestIso("guest.iso", "VIREO GUEST");
        host.image("root.img", 8);
        host.image("extra.img", 8);
        monitor = host.monitor();
    }

    @AfterAll
    static void stop() throws Exception {
        host.close();
    }

    @Test
    void aDiskAndAVcpuPluggedInLiveAreSeenByTheGuestAndARefusalChangesNothing() throws Exception {
        DomainOperations domains = new DomainOperations(monitor);
        String uuid = domains.define("""
                <domain type='qemu'>
                  <name>hotplug</name>
                  <memory unit='MiB'>512</memory>
                  <vcpu current='1'>2</vcpu>
                  <os><type arch='x86_64' machine='q35'>hvm</type><boot dev='cdrom'/></os>
                  <features><acpi/><apic/></features>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='%s'/><target dev='vda' bus='virtio'/></disk>
                    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='%s'/><target dev='sda' bus='sata'/><readonly/></disk>
                    <controller type='pci' model='pcie-root'/>
%s                    <console type='pty'/>
                  </devices>
                </domain>
                """.formatted(images.resolve("root.img"), images.resolve("guest.iso"),
                // free PCIe root ports to plug into, as virt-install leaves them
                "<controller type='pci' model='pcie-root-port'/>\n".repeat(8))).get(30, TimeUnit.SECONDS);
        domains.run(uuid, Lifecycle.START).get(30, TimeUnit.SECONDS);
        ConsoleChannel console = new HostOperations(monitor).openSerialConsole(uuid).get(30, TimeUnit.SECONDS);
        GuestLine guest = new GuestLine(console);
        try {
            guest.await("the guest up with one CPU and one disk", "cpus=1 disks=vda ");

            String extra = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='"
                    + images.resolve("extra.img") + "'/><target dev='vdb' bus='virtio'/></disk>";
            domains.attachDevice(uuid, extra, ChangeScope.NOW_AND_NEXT_BOOT).get(30, TimeUnit.SECONDS);
            guest.await("the hot-plugged disk in the guest", "disks=vda vdb ");
            Await.until("the hot-plugged disk in the cache (device-added event)",
                    () -> monitor.domains().get(uuid).definition().diskSources().contains(images.resolve("extra.img").toString()),
                    () -> monitor.domains().get(uuid).definition().diskSources().toString());
            assertTrue(domains.nextBootXml(uuid).get(30, TimeUnit.SECONDS).contains("extra.img"), "kept for the next boot");

            domains.setVcpus(uuid, 2, ChangeScope.NOW_AND_NEXT_BOOT).get(30, TimeUnit.SECONDS);
            guest.await("the second vCPU online in the guest", "cpus=2 ");

            String sata = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='"
                    + images.resolve("extra.img") + "'/><target dev='sdc' bus='sata'/></disk>";
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> domains.attachDevice(uuid, sata, ChangeScope.NOW).get(30, TimeUnit.SECONDS));
            System.out.println("hotplug: refused as it should be: " + refused.getCause().getMessage());
            assertTrue(refused.getCause().getMessage().contains("does not support hotplugging"), refused.getCause().getMessage());
            assertFalse(monitor.connection().submit(l -> l.domains().domainXml(uuid)).get(30, TimeUnit.SECONDS)
                    .contains("dev='sdc'"), "nothing changed");

            domains.updateDevice(uuid, "<disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk>",
                    ChangeScope.NOW).get(30, TimeUnit.SECONDS);
            Await.until("the CD-ROM ejected in the cache (tray or media event)",
                    () -> !monitor.domains().get(uuid).xml().contains("guest.iso"), () -> monitor.domains().get(uuid).xml());
            System.out.println("hotplug: disk and vCPU plugged in live and seen by the guest; CD-ROM ejected; "
                    + monitor.connection().calls().snapshot());
        } finally {
            guest.close();
            domains.run(uuid, Lifecycle.FORCE_OFF).get(30, TimeUnit.SECONDS);
        }
    }

    /** The guest's serial output, read on a thread of its own; nudged with NUL while it says nothing (see SerialConsoleTest). */
    private static final class GuestLine {
        private final ConsoleChannel console;
        private final StringBuffer text = new StringBuffer();
        private final Thread reader;

        GuestLine(ConsoleChannel console) {
            this.console = console;
            reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                for (int n; (n = console.read(buffer)) > 0;) {
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }, "hotplug-console");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits until a line the guest writes after now contains {@code wanted}. */
        void await(String what, String wanted) {
            int from = text.length();
            long[] lastNudge = { System.nanoTime() };
            Await.until(what, GUEST, () -> {
                if (System.nanoTime() - lastNudge[0] > TimeUnit.SECONDS.toNanos(2)) {
                    console.write(new byte[1]);
                    lastNudge[0] = System.nanoTime();
                }
                return text.indexOf(wanted, from) >= 0;
            }, () -> text.substring(Math.max(0, text.length() - 300)));
        }

        void close() {
            console.close();
        }
    }
}
