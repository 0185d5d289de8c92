package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.osgi.util.NLS;

import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.model.CapabilityChoices;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CachedObject;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.ui.Messages;
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
            Map.entry(Messages.CPUS, List.of(number("vcpu", Messages.MAXIMUM_VCPUS), number("vcpuCurrent",
                    Messages.CURRENT_VCPUS),
                    choice("mode", Messages.CPU_MODE, c -> c.caps().cpuModes(), "host-passthrough", "host-model",
                            "maximum",
                            "custom").under("cpu"),
                    choice("model", Messages.CPU_MODEL, c -> c.caps().cpuModels()).under("cpu"),
                    number("sockets", Messages.SOCKETS).under("cpu"), number("cores", Messages.CORES).under("cpu"),
                    number("threads", Messages.THREADS).under("cpu"))),
            Map.entry(Messages.MEMORY, List.of(size("currentMemory", Messages.CURRENT_ALLOCATION), size("memory",
                    Messages.MAXIMUM_ALLOCATION))),
            Map.entry(Messages.BOOT_OPTIONS, List.of(
                    choice("firmware", Messages.FIRMWARE, c -> c.caps().values("os", "firmware"), "bios",
                            "efi").under("os"),
                    choice("bootMenu", Messages.BOOT_MENU, null, "yes", "no").under("os"),
                    text("machine", Messages.MACHINE_TYPE).under("os"),
                    text("kernel", Messages.DIRECT_KERNEL_BOOT_KERNEL).under("os"), text("initrd",
                            Messages.INITRD).under("os"),
                    text("cmdline", Messages.KERNEL_ARGUMENTS).under("os"))),
            Map.entry("Disk", List.of(
                    choice("device", Messages.DEVICE_TYPE, caps("devices/disk", "diskDevice"), "disk", "cdrom",
                            "floppy", "lun"),
                    choice("sourceFile", Messages.SOURCE_PATH, Context::volumePaths),
                    choice("targetBus", Messages.BUS, caps("devices/disk", "bus"), "virtio", "sata", "scsi", "usb",
                            "ide", "fdc"),
                    text("targetDev", Messages.TARGET),
                    choice("driverType", Messages.FORMAT, null, "raw", "qcow2"),
                    choice("driverCache", Messages.CACHE_MODE, null, "none", "writethrough", "writeback", "directsync",
                            "unsafe"),
                    choice("driverIo", Messages.IO_MODE, null, "native", "threads", "io_uring"),
                    choice("driverDiscard", Messages.DISCARD, null, "ignore", "unmap"),
                    flag("readonly", Messages.READ_ONLY), flag("shareable", Messages.SHAREABLE), number("bootOrder",
                            Messages.BOOT_ORDER_2),
                    text("serial", Messages.SERIAL_NUMBER))),
            Map.entry("Interface", List.of(
                    choice("type", Messages.NETWORK_SOURCE, null, "network", "bridge", "direct", "user"),
                    choice("sourceNetwork", Messages.NETWORK, c -> c.names(ObjectKind.NETWORK)),
                    text("sourceBridge", Messages.BRIDGE),
                    choice("sourceDev", Messages.HOST_DEVICE, c -> c.names(ObjectKind.INTERFACE)),
                    choice("sourceMode", Messages.SOURCE_MODE, null, "vepa", "bridge", "private", "passthrough"),
                    choice("model", Messages.DEVICE_MODEL, null, "virtio", "e1000e", "e1000", "rtl8139"),
                    new Spec(null, "mac", Messages.MAC_ADDRESS, Kind.MAC, null),
                    choice("linkState", Messages.LINK_STATE, null, "up", "down"), number("bootOrder",
                            Messages.BOOT_ORDER_2))),
            Map.entry("Graphics", List.of(choice("type", Messages.TYPE, caps("devices/graphics", "type"), "vnc",
                    "spice"),
                    text("listenAddress", Messages.LISTEN_ADDRESS), number("port", Messages.PORT_1_AUTOMATIC),
                    new Spec(null, "passwd", Messages.PASSWORD_2, Kind.SECRET, null), text("keymap", Messages.KEYMAP))),
            Map.entry("Video", List.of(
                    choice("model", Messages.MODEL, caps("devices/video", "modelType"), "virtio", "qxl", "vga", "bochs",
                            "ramfb",
                            "cirrus", "none"),
                    number("vram", Messages.VIDEO_MEMORY_KIB), number("heads", Messages.HEADS),
                    choice("accel3d", Messages.N3D_ACCELERATION, null, "yes", "no"))),
            Map.entry("Sound", List.of(choice("model", Messages.MODEL, null, "ich9", "ich6", "ac97", "es1370",
                    "sb16", "usb"))),
            Map.entry("Controller", List.of(
                    choice("type", Messages.TYPE, null, "usb", "pci", "sata", "scsi", "virtio-serial", "ide", "ccid"),
                    text("model", Messages.MODEL), number("index", Messages.INDEX), number("ports", Messages.PORTS))),
            Map.entry("Input", List.of(choice("type", Messages.TYPE, null, "tablet", "mouse", "keyboard",
                    "evdev"),
                    choice("bus", Messages.BUS, null, "usb", "virtio", "ps2"))),
            Map.entry("CharDevice", List.of(
                    choice("type", Messages.DEVICE_TYPE, null, "pty", "file", "unix", "tcp", "udp", "spicevmc", "dev",
                            "null"),
                    text("sourcePath", Messages.PATH_3), choice("sourceMode", Messages.MODE, null, "bind", "connect"),
                    text("sourceHost", Messages.HOST_2), text("sourceService", Messages.PORT),
                    choice("targetType", Messages.TARGET_TYPE, null, "isa-serial", "pci-serial", "usb-serial", "serial",
                            "virtio", "guestfwd"),
                    text("targetName", Messages.TARGET_NAME), number("targetPort", Messages.TARGET_PORT))),
            Map.entry("Hostdev", List.of(choice("type", Messages.TYPE, caps("devices/hostdev", "subsysType"),
                    "usb", "pci"),
                    text("vendorId", Messages.VENDOR_ID), text("productId", Messages.PRODUCT_ID),
                    text("sourceDomain", Messages.PCI_DOMAIN), text("sourceBus", Messages.BUS), text("sourceSlot",
                            Messages.PCI_SLOT),
                    text("sourceFunction", Messages.PCI_FUNCTION), text("sourceDevice", Messages.USB_DEVICE),
                    number("bootOrder", Messages.BOOT_ORDER_2))),
            Map.entry("Filesystem", List.of(
                    choice("driverType", Messages.DRIVER, caps("devices/filesystem", "driverType"), "virtiofs", "path"),
                    text("sourceDir", Messages.SOURCE_PATH), text("targetDir", Messages.TARGET_PATH_MOUNT_TAG),
                    choice("accessmode", Messages.ACCESS_MODE, null, "passthrough", "mapped", "squash"))),
            Map.entry("Rng", List.of(choice("model", Messages.MODEL, caps("devices/rng", "model"), "virtio"),
                    choice("backendModel", Messages.BACKEND, caps("devices/rng", "backendModel"), "random", "egd",
                            "builtin"),
                    text("backend", Messages.HOST_DEVICE))),
            Map.entry("Tpm", List.of(choice("model", Messages.MODEL, caps("devices/tpm", "model"), "tpm-crb",
                    "tpm-tis"),
                    choice("backendType", Messages.BACKEND, caps("devices/tpm", "backendModel"), "emulator",
                            "passthrough"),
                    choice("backendVersion", Messages.VERSION, caps("devices/tpm", "backendVersion"), "2.0", "1.2"))),
            Map.entry("Watchdog", List.of(choice("model", Messages.MODEL, null, "i6300esb", "itco", "ib700",
                    "diag288"),
                    choice("action", Messages.ACTION, null, "reset", "shutdown", "poweroff", "pause", "none", "dump",
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
                case "cdrom" -> Messages.CD_ROM;
                case "floppy" -> Messages.FLOPPY;
                case "lun" -> Messages.LUN;
                default -> Messages.DISK;
            } + " " + d.string("targetDev");
            case "interfaces" -> NLS.bind(Messages.NIC, d.string("mac"));
            case "graphics" -> NLS.bind(Messages.DISPLAY, String.valueOf(d.string("type")).toUpperCase());
            case "controllers" -> NLS.bind(Messages.CONTROLLER_3, d.string("type"), d.get("index"));
            case "channels" -> NLS.bind(Messages.CHANNEL, (d.string("targetName") != null ? d.string("targetName")
                    : d.string("type")));
            case "inputs" -> FieldsPanel.label(String.valueOf(d.string("type"))) + " " + d.string("bus");
            case "hostdevs" -> NLS.bind(Messages.HOST_DEVICE_5, String.valueOf(d.string("type")).toUpperCase(),
                    ("usb".equals(d.string("type"))
                    ? d.string("vendorId") + ":" + d.string("productId")
                    : d.string("sourceBus") + ":" + d.string("sourceSlot") + "." + d.string("sourceFunction")));
            case "serials" -> NLS.bind(Messages.SERIAL, Objects.toString(d.get("targetPort"), d.string("type")));
            case "consoles" -> NLS.bind(Messages.CONSOLE, Objects.toString(d.string("targetType"), d.string("type")));
            case "rngs" -> NLS.bind(Messages.RNG_3, Objects.toString(d.string("backend"), d.string("model")));
            case "tpms" -> NLS.bind(Messages.TPM_3, Objects.toString(d.string("backendVersion"), d.string("model")));
            case "filesystems" -> NLS.bind(Messages.FILESYSTEM_3, d.string("targetDir"));
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
