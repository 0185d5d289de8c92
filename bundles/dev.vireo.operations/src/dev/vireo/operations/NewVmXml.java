package dev.vireo.operations;

import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.eclipse.osgi.util.NLS;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.osinfo.OsInfo;

/**
 * A new VM's domain XML, chosen as virt-install 4.1 chooses for the same OS on the same host
 * ({@code virtinst/guest.py} and its devices' defaults): machine, features, clock, power
 * management, firmware, disk and NIC buses and models, USB controller, tablet, console, guest
 * agent channel, RNG, balloon, TPM. Graphics are VNC, which Vireo's console shows (virt-install
 * picks SPICE where QEMU has it, and with it sound, vmport off and SPICE channels).
 */
public final class NewVmXml {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How the OS gets installed: what is attached and what boots first. */
    public enum Boot {
        CDROM, NETWORK, DISK
    }

    /**
     * What the user chose.
     *
     * @param disk the disk image's path, or {@code null} for none
     * @param diskFormat {@code qcow2} or {@code raw}
     * @param cdrom the install ISO's path, "" for an empty CD-ROM drive, or {@code null} for none
     * @param network a libvirt network's name; {@code null} for user-mode networking (a session host's default)
     * @param machine a machine type the user picked; {@code null} for the one virt-install would pick
     */
    public record Choices(String name, OsInfo os, long memoryMiB, int vcpus, String disk, String diskFormat,
            String cdrom,
            String network, Boot boot, String machine) {

        public Choices(String name, OsInfo os, long memoryMiB, int vcpus, String disk, String diskFormat, String cdrom,
                String network, Boot boot) {
            this(name, os, memoryMiB, vcpus, disk, diskFormat, cdrom, network, boot, null);
        }
    }

    /** The format of a disk image named {@code path}: {@code qcow2} for {@code *.qcow2}, else {@code raw}. */
    public static String diskFormat(String path) {
        return path != null && path.endsWith(".qcow2") ? "qcow2" : "raw";
    }

    /**
     * What the host offers, from its capabilities and the domain capabilities of the machine type
     * chosen: see {@link HostCapabilities}.
     */
    public static String build(Choices c, HostCapabilities host) {
        OsInfo os = c.os();
        String machine = c.machine() != null ? c.machine() : host.machineFor(os);
        boolean q35 = machine != null && (machine.equals("q35") || machine.startsWith("pc-q35"));
        boolean efi = os.requiresEfi(host.arch()) && host.efi();
        Document doc = document();
        Element d = doc.createElement("domain");
        doc.appendChild(d);
        d.setAttribute("type", host.domainType());
        text(d, "name", c.name());
        text(d, "uuid", UUID.randomUUID().toString());
        if (!os.isGeneric()) {
            Element meta = add(d, "metadata");
            Element info = doc.createElementNS("http://libosinfo.org/xmlns/libvirt/domain/1.0", "libosinfo:libosinfo");
            meta.appendChild(info);
            Element id = doc.createElementNS("http://libosinfo.org/xmlns/libvirt/domain/1.0", "libosinfo:os");
            id.setAttribute("id", os.id());
            info.appendChild(id);
        }
        text(d, "memory", Long.toString(c.memoryMiB() * 1024));
        text(d, "currentMemory", Long.toString(c.memoryMiB() * 1024));
        text(d, "vcpu", Integer.toString(c.vcpus()));
        Element o = add(d, "os");
        if (efi) {
            o.setAttribute("firmware", "efi");
        }
        Element type = text(o, "type", "hvm");
        type.setAttribute("arch", host.arch());
        if (machine != null) {
            type.setAttribute("machine", machine);
        }
        for (String dev : switch (c.boot()) {
            case CDROM -> List.of("cdrom", "hd");
            case NETWORK -> List.of("network", "hd");
            case DISK -> List.of("hd");
        }) {
            add(o, "boot").setAttribute("dev", dev);
        }
        Element features = add(d, "features");
        add(features, "acpi");
        add(features, "apic");
        if (os.isWindows()) {
            Element hyperv = add(features, "hyperv");
            add(hyperv, "relaxed").setAttribute("state", "on");
            add(hyperv, "vapic").setAttribute("state", "on");
            Element spinlocks = add(hyperv, "spinlocks");
            spinlocks.setAttribute("state", "on");
            spinlocks.setAttribute("retries", "8191");
        }
        if (host.domainType().equals("kvm")) {
            add(d, "cpu").setAttribute("mode", "host-passthrough");
        }
        Element clock = add(d, "clock");
        clock.setAttribute("offset", os.clockOffset());
        timer(clock, "rtc", "tickpolicy", "catchup");
        timer(clock, "pit", "tickpolicy", "delay");
        timer(clock, "hpet", "present", "no");
        if (os.isWindows()) {
            timer(clock, "hypervclock", "present", "yes");
        }
        Element pm = add(d, "pm");
        add(pm, "suspend-to-mem").setAttribute("enabled", "no");
        add(pm, "suspend-to-disk").setAttribute("enabled", "no");

        Element devices = add(d, "devices");
        if (!host.emulator().isEmpty()) {
            text(devices, "emulator", host.emulator());
        }
        List<String> used = new ArrayList<>();
        if (c.disk() != null) {
            String bus = os.supportsVirtioDisk() ? "virtio" : q35 ? "sata" : "ide";
            disk(devices, "disk", c.disk(), c.diskFormat(), bus, used);
        }
        if (c.cdrom() != null) {
            disk(devices, "cdrom", c.cdrom(), "raw", q35 ? "sata" : "ide", used);
        }
        if (os.supportsUsb3()) {
            Element xhci = controller(devices, "usb", "qemu-xhci");
            xhci.setAttribute("ports", "15");
        } else {
            controller(devices, "usb", "ich9-ehci1");
            for (int i = 1; i <= 3; i++) {
                Element uhci = controller(devices, "usb", "ich9-uhci" + i);
                add(uhci, "master").setAttribute("startport", Integer.toString(2 * (i - 1)));
            }
        }
        if (q35) {
            controller(devices, "pci", "pcie-root");
            for (int i = 0; i < 14; i++) {
                controller(devices, "pci", "pcie-root-port");
            }
        }
        Element nic = add(devices, "interface");
        if (c.network() == null) {
            nic.setAttribute("type", "user");
        } else {
            nic.setAttribute("type", "network");
            add(nic, "source").setAttribute("network", c.network());
        }
        add(nic, "mac").setAttribute("address", String.format("52:54:00:%02x:%02x:%02x", RANDOM.nextInt(256),
                RANDOM.nextInt(256), RANDOM.nextInt(256)));
        add(nic, "model").setAttribute("type", os.supportsVirtioNet() ? "virtio" : q35 ? "e1000e" : "e1000");
        add(devices, "console").setAttribute("type", "pty");
        if (os.supportsVirtioSerial()) {
            Element channel = add(devices, "channel");
            channel.setAttribute("type", "unix");
            add(channel, "source").setAttribute("mode", "bind");
            Element target = add(channel, "target");
            target.setAttribute("type", "virtio");
            target.setAttribute("name", "org.qemu.guest_agent.0");
        }
        Element tablet = add(devices, "input");
        tablet.setAttribute("type", "tablet");
        tablet.setAttribute("bus", "usb");
        Element graphics = add(devices, "graphics");
        graphics.setAttribute("type", "vnc");
        graphics.setAttribute("port", "-1");
        Element video = add(devices, "video");
        add(video, "model").setAttribute("type", host.virtioVideo() && os.supportsVirtioGpu() ? "virtio"
                : efi && host.bochsVideo() ? "bochs" : "vga");
        if (os.supportsVirtioBalloon()) {
            add(devices, "memballoon").setAttribute("model", "virtio");
        }
        if (os.supportsVirtioRng()) {
            Element rng = add(devices, "rng");
            rng.setAttribute("model", "virtio");
            text(rng, "backend", "/dev/urandom").setAttribute("model", "random");
        }
        if (efi && host.tpmEmulator()) {
            // virt-install takes UEFI as the sign of a modern platform, which wants a TPM too
            Element tpm = add(devices, "tpm");
            tpm.setAttribute("model", "tpm-crb");
            Element backend = add(tpm, "backend");
            backend.setAttribute("type", "emulator");
            backend.setAttribute("version", "2.0");
        }
        String xml = write(doc);
        try {
            LibvirtModel.load(xml); // what is defined must be a document the model reads
        } catch (ModelException e) {
            throw new IllegalStateException(NLS.bind(Messages.THE_NEW_VM_S_XML_DOES, e.getMessage()), e);
        }
        return xml;
    }

    private static void disk(Element devices, String device, String path, String format, String bus,
            List<String> used) {
        Element disk = add(devices, "disk");
        disk.setAttribute("type", "file");
        disk.setAttribute("device", device);
        Element driver = add(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", format);
        if (!path.isEmpty()) {
            add(disk, "source").setAttribute("file", path);
        }
        Element target = add(disk, "target");
        String prefix = bus.equals("virtio") ? "vd" : bus.equals("ide") ? "hd" : "sd";
        String dev = prefix + (char) ('a' + used.stream().filter(u -> u.startsWith(prefix)).count());
        used.add(dev);
        target.setAttribute("dev", dev);
        target.setAttribute("bus", bus);
        if (device.equals("cdrom")) {
            add(disk, "readonly");
        }
    }

    private static Element controller(Element devices, String type, String model) {
        Element c = add(devices, "controller");
        c.setAttribute("type", type);
        c.setAttribute("model", model);
        return c;
    }

    private static void timer(Element clock, String name, String attribute, String value) {
        Element t = add(clock, "timer");
        t.setAttribute("name", name);
        t.setAttribute(attribute, value);
    }

    private static Element add(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }

    private static Element text(Element parent, String name, String value) {
        Element e = add(parent, name);
        e.setTextContent(value);
        return e;
    }

    private static Document document() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Node doc) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
