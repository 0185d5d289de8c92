package dev.vireo.core.tests;

import static dev.vireo.model.Elements.child;
import static dev.vireo.model.Elements.children;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import dev.vireo.api.ObjectKind;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.operations.HostOperations;
import dev.vireo.operations.NewVmXml;
import dev.vireo.osinfo.OsDatabase;
import dev.vireo.osinfo.OsInfo;

/**
 * The new-VM XML Vireo makes against what Debian's virt-install makes for the same choices on the
 * same host (QEMU as an unprivileged session daemon, TCG), for 22 operating systems of libosinfo's
 * database: the devices and settings that decide whether and how the guest runs must be the same.
 * Graphics differ on purpose: Vireo makes VNC, its console; virt-install is run with
 * {@code --graphics vnc} so that what SPICE brings along (sound, vmport off, SPICE channels) is
 * compared like for like.
 */
class NewVmXmlTest {
    /** Linux, BSD, Solaris, Windows and DOS, old and new: q35 and i440FX, virtio and not. */
    private static final List<String> OS_IDS = List.of("debian11", "debian10", "ubuntu22.04", "ubuntu20.04", "fedora36",
            "rhel9.0", "rhel8.6", "rhel6.10", "centos7.0", "centos-stream9", "opensuse15.4", "archlinux",
            "alpinelinux3.16", "freebsd13.1", "netbsd9.0", "solaris11", "win11", "win10", "win2k22", "win7", "winxp",
            "msdos6.22");
    private static QemuSessionHost host;
    private static ConnectionMonitor monitor;
    private static Path disk;
    private static Path iso;

    @BeforeAll
    static void start() throws Exception {
        host = QemuSessionHost.start();
        disk = host.image("disk.img", 1);
        iso = host.image("install.iso", 1);
        // virt-install makes a pool for the images' folder if none has it: made here once, so that
        // the parallel runs below do not race to make it
        try (LibvirtConnection c = LibvirtConnection.open(host.uri())) {
            String pool = c.objects().define(ObjectKind.STORAGE_POOL, "<pool type='dir'><name>images</name><target><path>"
                    + host.images() + "</path></target></pool>");
            c.objects().start(ObjectKind.STORAGE_POOL, pool);
        }
        monitor = host.monitor();
    }

    @AfterAll
    static void stop() throws Exception {
        host.close();
    }

    @Test
    void theDevicesAndSettingsAreVirtInstallsForTwentyTwoOperatingSystems() throws Exception {
        OsDatabase db = OsDatabase.load(OsDatabase.SYSTEM);
        Map<String, Future<String>> virtInstall = new LinkedHashMap<>();
        ExecutorService runs = Executors.newFixedThreadPool(4);
        try {
            for (String id : OS_IDS) {
                virtInstall.put(id, runs.submit(() -> virtInstall(id)));
            }
            List<String> differences = new ArrayList<>();
            for (String id : OS_IDS) {
                OsInfo os = db.byShortId(id).orElseThrow(() -> new AssertionError(id + " is not in osinfo-db"));
                String ours = new HostOperations(monitor).newVmXml(new NewVmXml.Choices("vm-" + id, os, 1024, 2,
                        disk.toString(), "raw", iso.toString(), null, NewVmXml.Boot.CDROM), "x86_64").get(60, TimeUnit.SECONDS);
                Map<String, String> mine = summary(ours);
                Map<String, String> theirs = summary(virtInstall.get(id).get(5, TimeUnit.MINUTES));
                System.out.println("newvm: " + id + " " + mine);
                if (!mine.equals(theirs)) {
                    differences.add(id + ":\n  vireo        " + mine + "\n  virt-install " + theirs);
                }
            }
            assertEquals(List.of(), differences);
        } finally {
            runs.shutdownNow();
        }
    }

    /** The first {@code <domain>} virt-install prints for the same choices, changing nothing. */
    private static String virtInstall(String id) throws IOException, InterruptedException {
        ProcessBuilder run = new ProcessBuilder("virt-install", "--connect", host.uri(), "--print-xml",
                "--dry-run", "--name", "vm-" + id, "--osinfo", id, "--memory", "1024", "--vcpus", "2", "--disk",
                disk.toString(), "--cdrom", iso.toString(), "--graphics", "vnc").redirectErrorStream(true);
        // a log of its own: runs at once rotate one shared log under each other and say so on stderr
        Path cache = Files.createDirectories(disk.getParent().resolveSibling("virt-install-cache-" + id));
        run.environment().put("XDG_CACHE_HOME", cache.toString());
        Process p = run.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "virt-install: " + out);
        int end = out.indexOf("</domain>");
        assertTrue(out.startsWith("<domain") && end > 0, out);
        return out.substring(0, end + "</domain>".length());
    }

    /** What decides how the guest runs, by name: the same for both or a difference to report. */
    private static Map<String, String> summary(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element d = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        Map<String, String> s = new TreeMap<>();
        s.put("type", d.getAttribute("type"));
        Element os = child(d, "os");
        s.put("machine", child(os, "type").getAttribute("machine"));
        s.put("firmware", os.getAttribute("firmware").isEmpty() && child(os, "loader") == null ? "bios" : "efi");
        s.put("features", names(child(d, "features")));
        Element hyperv = child(child(d, "features"), "hyperv");
        s.put("hyperv", hyperv == null ? "" : names(hyperv));
        s.put("cpu", child(d, "cpu") == null ? "" : child(d, "cpu").getAttribute("mode"));
        Element clock = child(d, "clock");
        s.put("clock", clock.getAttribute("offset") + " " + attributes(clock, "timer", "name"));
        s.put("pm", names(child(d, "pm")));
        Element devices = child(d, "devices");
        List<String> disks = new ArrayList<>();
        for (Element disk : children(devices, "disk")) {
            disks.add(disk.getAttribute("device") + ":" + child(disk, "target").getAttribute("bus"));
        }
        s.put("disks", String.join(",", disks));
        Element nic = child(devices, "interface");
        s.put("nic", nic.getAttribute("type") + ":" + child(nic, "model").getAttribute("type"));
        List<String> usb = new ArrayList<>();
        for (Element c : children(devices, "controller")) {
            if (c.getAttribute("type").equals("usb")) {
                usb.add(c.getAttribute("model"));
            }
        }
        s.put("usb", String.join(",", usb));
        s.put("pcie-root-ports", Long.toString(children(devices, "controller").stream()
                .filter(c -> c.getAttribute("model").equals("pcie-root-port")).count()));
        s.put("input", attributes(devices, "input", "type") + "/" + attributes(devices, "input", "bus"));
        s.put("sound", attributes(devices, "sound", "model"));
        s.put("console", attributes(devices, "console", "type"));
        List<String> channels = new ArrayList<>();
        for (Element c : children(devices, "channel")) {
            channels.add(child(c, "target").getAttribute("name"));
        }
        s.put("channels", String.join(",", channels));
        Element video = child(devices, "video");
        s.put("video", video == null ? "" : child(video, "model").getAttribute("type"));
        s.put("balloon", attributes(devices, "memballoon", "model"));
        s.put("rng", attributes(devices, "rng", "model"));
        s.put("tpm", attributes(devices, "tpm", "model"));
        s.put("graphics", attributes(devices, "graphics", "type"));
        return s;
    }

    private static String names(Element parent) {
        if (parent == null) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getTagName() + (e.hasAttribute("state") ? "=" + e.getAttribute("state") : "")
                        + (e.hasAttribute("enabled") ? "=" + e.getAttribute("enabled") : ""));
            }
        }
        return String.join(",", names);
    }

    private static String attributes(Element parent, String name, String attribute) {
        List<String> values = new ArrayList<>();
        for (Element e : children(parent, name)) {
            values.add(e.getAttribute(attribute));
        }
        return String.join(",", values);
    }

    @Test
    void theDatabaseIsReadWithInheritedDevices() throws Exception {
        OsDatabase db = OsDatabase.load(OsDatabase.SYSTEM);
        assertTrue(db.all().size() > 500, db.all().size() + " OSes");
        OsInfo debian = db.byShortId("debian11").orElseThrow();
        assertEquals("Debian 11", debian.name());
        assertTrue(debian.supportsVirtioDisk(), "virtio-blk comes from the releases Debian 11 derives from");
        assertEquals(1024, debian.recommendedRamMiB("x86_64"));
        assertNotNull(db.byShortId("debianbullseye").orElse(null), "every short id finds it");
        assertTrue(db.byShortId("win11").orElseThrow().requiresEfi("x86_64"));
        assertEquals("Debian 11", db.search("debian 11", "2026-11-27").get(0).name());
    }
}
