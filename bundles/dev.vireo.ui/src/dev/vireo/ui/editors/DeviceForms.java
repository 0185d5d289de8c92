package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.emf.ecore.EAttribute;

import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.model.CapabilityChoices;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CachedObject;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.ui.editors.FieldsPanel.Field;
import dev.vireo.ui.editors.FieldsPanel.Kind;

/**
 * The typed editors of the Hardware page: for each row, its name and the fields virt-manager's details show,
 * in its words, with choices from the host's domain capabilities (or, where a host gives none, the
 * values libvirt's schema allows), networks from the cache, and sizes in human units. What a form
 * leaves out is edited on the XML page; a kind of device with no form gets every attribute.
 */
final class DeviceForms {
    /** What choices are made from: the host's domain capabilities and the connection's cache. */
    record Context(CapabilityChoices caps, ConnectionMonitor monitor) {
        List<String> names(ObjectKind kind) {
            return monitor.objects(kind).all().stream().map(CachedObject::name).sorted().toList();
        }

        /** The paths of the volumes the cache has listed (a file volume's key is its path). */
        List<String> volumePaths() {
            return monitor.objects(ObjectKind.STORAGE_POOL).all().stream()
                    .map(pool -> monitor.objects(ObjectKind.STORAGE_POOL).loadedVolumes(pool.key()))
                    .filter(Objects::nonNull).flatMap(List::stream).map(StorageVolume::key)
                    .filter(key -> key.startsWith("/")).sorted().toList();
        }
    }

    /** One field of a form, before it is bound to an object. */
    private record Spec(String under, String name, String label, Kind kind, Function<Context, List<String>> choices) {
        Spec under(String object) {
            return new Spec(object, name, label, kind, choices);
        }
    }

    private static final Map<String, List<Spec>> FORMS = Map.ofEntries(
            Map.entry("CPUs", List.of(number("vcpu", "Maximum vCPUs"), number("vcpuCurrent", "Current vCPUs"),
                    choice("mode", "CPU mode", c -> c.caps().cpuModes(), "host-passthrough", "host-model", "maximum",
                            "custom").under("cpu"),
                    choice("model", "CPU model", c -> c.caps().cpuModels()).under("cpu"),
                    number("sockets", "Sockets").under("cpu"), number("cores", "Cores").under("cpu"),
                    number("threads", "Threads").under("cpu"))),
            Map.entry("Memory", List.of(size("currentMemory", "Current allocation"), size("memory", "Maximum allocation"))),
            Map.entry("Boot Options", List.of(
                    choice("firmware", "Firmware", c -> c.caps().values("os", "firmware"), "bios", "efi").under("os"),
                    choice("bootMenu", "Boot menu", null, "yes", "no").under("os"),
                    text("machine", "Machine type").under("os"),
                    text("kernel", "Direct kernel boot: kernel").under("os"), text("initrd", "Initrd").under("os"),
                    text("cmdline", "Kernel arguments").under("os"))),
            Map.entry("Disk", List.of(
                    choice("device", "Device type", caps("devices/disk", "diskDevice"), "disk", "cdrom", "floppy", "lun"),
                    choice("sourceFile", "Source path", Context::volumePaths),
                    choice("targetBus", "Bus", caps("devices/disk", "bus"), "virtio", "sata", "scsi", "usb", "ide", "fdc"),
                    text("targetDev", "Target"),
                    choice("driverType", "Format", null, "raw", "qcow2"),
                    choice("driverCache", "Cache mode", null, "none", "writethrough", "writeback", "directsync", "unsafe"),
                    choice("driverIo", "IO mode", null, "native", "threads", "io_uring"),
                    choice("driverDiscard", "Discard", null, "ignore", "unmap"),
                    flag("readonly", "Read-only"), flag("shareable", "Shareable"), number("bootOrder", "Boot order"),
                    text("serial", "Serial number"))),
            Map.entry("Interface", List.of(
                    choice("type", "Network source", null, "network", "bridge", "direct", "user"),
                    choice("sourceNetwork", "Network", c -> c.names(ObjectKind.NETWORK)),
                    text("sourceBridge", "Bridge"),
                    choice("sourceDev", "Host device", c -> c.names(ObjectKind.INTERFACE)),
                    choice("sourceMode", "Source mode", null, "vepa", "bridge", "private", "passthrough"),
                    choice("model", "Device model", null, "virtio", "e1000e", "e1000", "rtl8139"),
                    new Spec(null, "mac", "MAC address", Kind.MAC, null),
                    choice("linkState", "Link state", null, "up", "down"), number("bootOrder", "Boot order"))),
            Map.entry("Graphics", List.of(choice("type", "Type", caps("devices/graphics", "type"), "vnc", "spice"),
                    text("listenAddress", "Listen address"), number("port", "Port (-1: automatic)"),
                    new Spec(null, "passwd", "Password", Kind.SECRET, null), text("keymap", "Keymap"))),
            Map.entry("Video", List.of(
                    choice("model", "Model", caps("devices/video", "modelType"), "virtio", "qxl", "vga", "bochs", "ramfb",
                            "cirrus", "none"),
                    number("vram", "Video memory (KiB)"), number("heads", "Heads"),
                    choice("accel3d", "3D acceleration", null, "yes", "no"))),
            Map.entry("Sound", List.of(choice("model", "Model", null, "ich9", "ich6", "ac97", "es1370", "sb16", "usb"))),
            Map.entry("Controller", List.of(
                    choice("type", "Type", null, "usb", "pci", "sata", "scsi", "virtio-serial", "ide", "ccid"),
                    text("model", "Model"), number("index", "Index"), number("ports", "Ports"))),
            Map.entry("Input", List.of(choice("type", "Type", null, "tablet", "mouse", "keyboard", "evdev"),
                    choice("bus", "Bus", null, "usb", "virtio", "ps2"))),
            Map.entry("CharDevice", List.of(
                    choice("type", "Device type", null, "pty", "file", "unix", "tcp", "udp", "spicevmc", "dev", "null"),
                    text("sourcePath", "Path"), choice("sourceMode", "Mode", null, "bind", "connect"),
                    text("sourceHost", "Host"), text("sourceService", "Port"),
                    choice("targetType", "Target type", null, "isa-serial", "pci-serial", "usb-serial", "serial",
                            "virtio", "guestfwd"),
                    text("targetName", "Target name"), number("targetPort", "Target port"))),
            Map.entry("Hostdev", List.of(choice("type", "Type", caps("devices/hostdev", "subsysType"), "usb", "pci"),
                    text("vendorId", "Vendor ID"), text("productId", "Product ID"),
                    text("sourceDomain", "PCI domain"), text("sourceBus", "Bus"), text("sourceSlot", "PCI slot"),
                    text("sourceFunction", "PCI function"), text("sourceDevice", "USB device"),
                    number("bootOrder", "Boot order"))),
            Map.entry("Filesystem", List.of(
                    choice("driverType", "Driver", caps("devices/filesystem", "driverType"), "virtiofs", "path"),
                    text("sourceDir", "Source path"), text("targetDir", "Target path (mount tag)"),
                    choice("accessmode", "Access mode", null, "passthrough", "mapped", "squash"))),
            Map.entry("Rng", List.of(choice("model", "Model", caps("devices/rng", "model"), "virtio"),
                    choice("backendModel", "Backend", caps("devices/rng", "backendModel"), "random", "egd", "builtin"),
                    text("backend", "Host device"))),
            Map.entry("Tpm", List.of(choice("model", "Model", caps("devices/tpm", "model"), "tpm-crb", "tpm-tis"),
                    choice("backendType", "Backend", caps("devices/tpm", "backendModel"), "emulator", "passthrough"),
                    choice("backendVersion", "Version", caps("devices/tpm", "backendVersion"), "2.0", "1.2"))),
            Map.entry("Watchdog", List.of(choice("model", "Model", null, "i6300esb", "itco", "ib700", "diag288"),
                    choice("action", "Action", null, "reset", "shutdown", "poweroff", "pause", "none", "dump",
                            "inject-nmi"))));

    private DeviceForms() {
    }

    /**
     * The fields of a row: the form of {@code form} (a row name such as "CPUs", or a device's
     * class name) over {@code row}, or every attribute of {@code row} where there is no form.
     */
    static List<Field> fields(String form, XmlObject row, Context context) {
        List<Spec> specs = FORMS.get(form);
        List<Field> fields = new ArrayList<>();
        if (specs == null) {
            for (EAttribute a : row.eClass().getEAllAttributes()) {
                fields.add(Field.of(row, a));
            }
            return fields;
        }
        for (Spec s : specs) {
            List<String> offered = s.choices() == null ? List.of() : s.choices().apply(context);
            fields.add(new Field(row, s.under(), s.name(), s.label(), s.kind(), offered));
        }
        return fields;
    }

    /** Names a device as virt-manager's list does, e.g. "Disk vda", "NIC 52:54:00:8a:2c:11", "Controller usb 0". */
    static String rowLabel(String feature, XmlObject d) {
        return switch (feature) {
            case "disks" -> switch (String.valueOf(d.string("device"))) {
                case "cdrom" -> "CD-ROM";
                case "floppy" -> "Floppy";
                case "lun" -> "LUN";
                default -> "Disk";
            } + " " + d.string("targetDev");
            case "interfaces" -> "NIC " + d.string("mac");
            case "graphics" -> "Display " + String.valueOf(d.string("type")).toUpperCase();
            case "controllers" -> "Controller " + d.string("type") + " " + d.get("index");
            case "channels" -> "Channel " + (d.string("targetName") != null ? d.string("targetName") : d.string("type"));
            case "inputs" -> FieldsPanel.label(String.valueOf(d.string("type"))) + " " + d.string("bus");
            case "hostdevs" -> String.valueOf(d.string("type")).toUpperCase() + " host device " + ("usb".equals(d.string("type"))
                    ? d.string("vendorId") + ":" + d.string("productId")
                    : d.string("sourceBus") + ":" + d.string("sourceSlot") + "." + d.string("sourceFunction"));
            case "serials" -> "Serial " + Objects.toString(d.get("targetPort"), d.string("type"));
            case "consoles" -> "Console " + Objects.toString(d.string("targetType"), d.string("type"));
            case "rngs" -> "RNG " + Objects.toString(d.string("backend"), d.string("model"));
            case "tpms" -> "TPM " + Objects.toString(d.string("backendVersion"), d.string("model"));
            case "filesystems" -> "Filesystem " + d.string("targetDir");
            default -> FieldsPanel.label(d.eClass().getName()) + " " + firstOf(d, "model", "type", "targetPort");
        };
    }

    private static String firstOf(XmlObject d, String... names) {
        for (String name : names) {
            if (d.eClass().getEStructuralFeature(name) != null && d.get(name) != null) {
                return String.valueOf(d.get(name));
            }
        }
        return "";
    }

    private static Spec text(String name, String label) {
        return new Spec(null, name, label, Kind.TEXT, null);
    }

    private static Spec number(String name, String label) {
        return new Spec(null, name, label, Kind.NUMBER, null);
    }

    private static Spec flag(String name, String label) {
        return new Spec(null, name, label, Kind.FLAG, null);
    }

    private static Spec size(String name, String label) {
        return new Spec(null, name, label, Kind.SIZE, null);
    }

    /** A choice among what {@code offered} gives (the host's), or {@code schema} where it gives nothing. */
    private static Spec choice(String name, String label, Function<Context, List<String>> offered, String... schema) {
        return new Spec(null, name, label, Kind.CHOICE, c -> {
            List<String> host = offered == null ? List.of() : offered.apply(c);
            return List.copyOf(new LinkedHashSet<>(host.isEmpty() ? List.of(schema) : host));
        });
    }

    private static Function<Context, List<String>> caps(String path, String enumName) {
        return c -> c.caps().values(path, enumName);
    }
}
