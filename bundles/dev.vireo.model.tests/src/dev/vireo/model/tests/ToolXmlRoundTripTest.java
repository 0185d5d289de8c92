package dev.vireo.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * XML the project owns or real tools make at test time, read into the model and written back,
 * comes out the same: every object of Vireo's fixture host; what {@code virsh} dumps of it (each
 * domain live and inactive, networks, pools, volumes, snapshots, host interface, capabilities);
 * and what {@code virt-install --print-xml} makes for typical choices.
 */
class ToolXmlRoundTripTest {
    private static final Path FIXTURE = Path.of(System.getProperty("vireo.root", "../.."))
            .resolve("bundles/dev.vireo.core.tests/fixtures/vireo-host.xml").normalize().toAbsolutePath();
    private static final String HOST = "test://" + FIXTURE;

    @TestFactory
    Stream<DynamicTest> everyObjectOfTheFixtureHostRoundTrips() throws Exception {
        return CorpusRoundTripTest.eachObjectRoundTrips(FIXTURE).stream();
    }

    @TestFactory
    Stream<DynamicTest> whatVirshDumpsOfTheFixtureHostRoundTrips() throws Exception {
        List<List<String>> dumps = new ArrayList<>();
        for (String domain : run("virsh", "-c", HOST, "list", "--all", "--name")) {
            dumps.add(List.of("dumpxml", domain));
            dumps.add(List.of("dumpxml", "--inactive", domain));
            for (String snapshot : run("virsh", "-c", HOST, "snapshot-list", domain, "--name")) {
                dumps.add(List.of("snapshot-dumpxml", domain, snapshot));
            }
        }
        for (String network : run("virsh", "-c", HOST, "net-list", "--all", "--name")) {
            dumps.add(List.of("net-dumpxml", network));
        }
        for (String pool : run("virsh", "-c", HOST, "pool-list", "--all", "--name")) {
            dumps.add(List.of("pool-dumpxml", pool));
            for (String line : run("virsh", "-c", HOST, "vol-list", pool).stream().skip(2).toList()) {
                dumps.add(List.of("vol-dumpxml", "--pool", pool, line.split("\\s+")[0]));
            }
        }
        dumps.add(List.of("iface-dumpxml", "eth0"));
        dumps.add(List.of("capabilities"));
        assertTrue(dumps.size() > 40, "the fixture host is varied: " + dumps.size() + " documents");
        return dumps.stream().map(args -> DynamicTest.dynamicTest("virsh " + String.join(" ", args), () -> {
            List<String> command = new ArrayList<>(List.of("virsh", "-c", HOST));
            command.addAll(args);
            CorpusRoundTripTest.assertRoundTrips(String.join(" ", args), output(command.toArray(String[]::new)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> whatVirtInstallMakesRoundTrips() {
        List<List<String>> choices = List.of(
                List.of("--osinfo", "detect=off,require=off", "--disk", "size=8", "--network", "network=default"),
                List.of("--osinfo", "detect=off,require=off", "--disk", "none", "--cdrom", "/images/installer.iso",
                        "--graphics", "vnc", "--video", "qxl", "--sound", "ich9"),
                List.of("--osinfo", "detect=off,require=off", "--import", "--disk", "/images/spare.qcow2,bus=virtio",
                        "--network", "bridge=br0,model=e1000", "--serial", "pty", "--channel",
                        "unix,target.type=virtio,name=org.qemu.guest_agent.0"),
                List.of("--osinfo", "detect=off,require=off", "--pxe", "--disk", "none", "--network", "network=default",
                        "--boot", "network,hd", "--vcpus", "4,sockets=1,cores=2,threads=2"));
        return choices.stream().map(args -> DynamicTest.dynamicTest("virt-install " + String.join(" ", args), () -> {
            List<String> command = new ArrayList<>(List.of("virt-install", "--connect", HOST, "--print-xml",
                    "--name", "vireo-made", "--memory", "1024", "--noautoconsole"));
            command.addAll(args);
            String xml = output(command.toArray(String[]::new));
            // virt-install prints one document per install phase; each is a domain of its own
            for (String document : xml.split("(?=<domain)")) {
                if (!document.isBlank()) {
                    CorpusRoundTripTest.assertRoundTrips(String.join(" ", args), document.strip());
                }
            }
        }));
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        return Arrays.stream(output(command).split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
