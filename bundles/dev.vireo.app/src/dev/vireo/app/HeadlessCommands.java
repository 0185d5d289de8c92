package dev.vireo.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.osgi.util.NLS;

import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.driver.DriverRegistry;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.operations.HostOperations;
import dev.vireo.operations.NewVmXml;
import dev.vireo.osinfo.IsoVolume;
import dev.vireo.osinfo.OsDatabase;
import dev.vireo.osinfo.OsInfo;
import dev.vireo.plugins.InstalledPlugin;
import dev.vireo.plugins.PluginInstallation;
import dev.vireo.ui.Services;

/**
 * Answers for scripts, without a window: {@code vireo --list-drivers} prints the installed drivers,
 * {@code vireo --list-domains URI [--details]} the domains of a host and their states as soon as the
 * list has them (with {@code --details}, once every XML is in: vCPUs and memory), and
 * {@code vireo --print-new-vm-xml URI --name NAME [--os ID] [--memory MIB] [--vcpus N] [--disk PATH]
 * [--iso PATH] [--network NAME] [--arch ARCH]} the domain XML the New VM wizard would define for those choices,
 * changing nothing on the host (the analogue of {@code virt-install --print-xml}). Without
 * {@code --os} the OS is detected from the ISO; without memory or vCPUs, the OS's recommendation.
 * {@code vireo --vnc-capture HOST:PORT FILE.png [--password-file F]}: see {@link VncCapture}.
 */
final class HeadlessCommands {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The architecture of new VMs unless {@code --arch} says otherwise. */
    private static final String DEFAULT_ARCH = "x86_64";

    private HeadlessCommands() {
    }

    /** The plugins a user installed into this Vireo: feature, version, name, its units, where from. */
    private static int listPlugins() {
        try {
            for (InstalledPlugin p : PluginInstallation.running().plugins()) {
                System.out.println(String.join("\t", p.id(), p.version(), p.name(), String.join(",", p.units()),
                        p.source() == null ? "" : p.source()));
            }
            return 0;
        } catch (CoreException e) {
            System.err.println(PluginInstallation.explain(e.getStatus()));
            return 1;
        }
    }

    /** Runs the command among {@code args}; returns the exit code, or {@code null} if there is none. */
    static Integer run(List<String> args) {
        if (args.contains("--list-drivers")) {
            DriverRegistry registry = Services.drivers();
            for (HypervisorDriver d : registry.drivers()) {
                System.out.println(d.id() + "\t" + String.join(",", d.schemes()) + "\t" + d.name() + "\t"
                        + d.contributor());
            }
            registry.rejected().forEach(reason -> System.err.println(reason));
            return 0;
        }
        if (args.contains("--list-plugins")) {
            return listPlugins();
        }
        int i = args.indexOf("--list-domains");
        if (i >= 0 && i + 1 < args.size()) {
            return listDomains(args.get(i + 1), args.contains("--details"));
        }
        i = args.indexOf("--print-new-vm-xml");
        if (i >= 0 && i + 1 < args.size()) {
            return printNewVmXml(args.get(i + 1), args);
        }
        i = args.indexOf("--vnc-capture");
        if (i >= 0 && i + 2 < args.size()) {
            return VncCapture.capture(args.get(i + 1), args.get(i + 2), option(args, "--password-file", null));
        }
        return null;
    }

    private static int printNewVmXml(String uri, List<String> args) {
        String name = option(args, "--name", null);
        String disk = option(args, "--disk", null);
        String iso = option(args, "--iso", null);
        String arch = option(args, "--arch", DEFAULT_ARCH);
        if (name == null) {
            System.err.println(Messages.PRINT_NEW_VM_XML_NEEDS_NAME);
            return 2;
        }
        ConnectionManager manager = new ConnectionManager();
        try {
            OsDatabase db = OsDatabase.system();
            String osId = option(args, "--os", null);
            OsInfo os = osId != null ? db.byShortId(osId).orElse(null)
                    : iso != null ? db.detect(IsoVolume.read(Path.of(iso))).orElse(OsInfo.GENERIC) : OsInfo.GENERIC;
            if (os == null) {
                System.err.println(NLS.bind(Messages.OSINFO_DB_KNOWS_NO_OS_SEE, osId));
                return 2;
            }
            long memory = Long.parseLong(option(args, "--memory", Long.toString(Math.max(1024,
                    os.recommendedRamMiB(arch)))));
            int vcpus = Integer.parseInt(option(args, "--vcpus", Integer.toString(Math.max(1,
                    os.recommendedCpus(arch)))));
            VirtConnection connection = Services.drivers().open(manager, uri);
            if (!waitFor(connection, () -> connection.state() == ConnectionState.CONNECTED)) {
                return 1;
            }
            NewVmXml.Choices choices = new NewVmXml.Choices(name, os, memory, vcpus, disk,
                    NewVmXml.diskFormat(disk), iso, option(args, "--network", null),
                    iso != null ? NewVmXml.Boot.CDROM : NewVmXml.Boot.DISK);
            System.out.print(new HostOperations(Services.monitor(connection)).newVmXml(choices, arch)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            return 0;
        } catch (IOException | NumberFormatException | ExecutionException | TimeoutException e) {
            System.err.println(uri + ": " + (e instanceof ExecutionException ? e.getCause().getMessage()
                    : e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            manager.connections().forEach(manager::close);
        }
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    /** Waits until {@code done}; prints why not and returns false if the connection fails or time runs out. */
    private static boolean waitFor(VirtConnection connection, BooleanSupplier done) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (connection.failure() != null || System.nanoTime() > deadline) {
                System.err.println(connection.uri() + ": " + (connection.failure() != null ? connection.failure()
                        : NLS.bind(Messages.NO_ANSWER_WITHIN_S, TIMEOUT.toSeconds())));
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return true;
    }

    /** Names and states as soon as the list has them; with {@code details}, once every XML is in (vCPUs, memory). */
    private static int listDomains(String uri, boolean details) {
        ConnectionManager manager = new ConnectionManager();
        VirtConnection connection = Services.drivers().open(manager, uri); // a failing driver shows as its failure
        ConnectionMonitor monitor = Services.monitor(connection);
        if (!waitFor(connection, details ? monitor::isXmlLoaded : monitor::isLoaded)) {
            return 1;
        }
        monitor.domains().all().stream().sorted(Comparator.comparing(DomainRecord::name))
                .forEach(d -> System.out.println(d.name() + "\t" + d.state().label()
                        + (details ? NLS.bind(Messages.VCPUS_MIB, d.vcpus(), d.memoryKiB() / 1024) : "")));
        manager.close(connection);
        return 0;
    }
}
