package dev.vireo.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Questions asked of a domain ({@code Domain} objects of the model) all over Vireo. */
public final class DomainQueries {
    private DomainQueries() {
    }

    /**
     * Each disk's source: a path for file, block and dir disks, {@code protocol://name} for network
     * disks, {@code pool/volume} for volume disks; disks without a source (empty CD-ROMs) are left out.
     */
    public static List<String> diskSources(XmlObject domain) {
        return domain.<XmlObject>list("disks").stream().map(DomainQueries::diskSource).filter(s -> s != null).toList();
    }

    /** One disk's source, as {@link #diskSources} names it; {@code null} for an empty CD-ROM. */
    public static String diskSource(XmlObject disk) {
        String source = firstOf(disk.string("sourceFile"), disk.string("sourceDev"), disk.string("sourceDir"));
        if (source == null && disk.string("sourceProtocol") != null) {
            source = disk.string("sourceProtocol") + "://" + disk.string("sourceName");
        }
        if (source == null && disk.string("sourcePool") != null) {
            source = disk.string("sourcePool") + "/" + disk.string("sourceVolume");
        }
        return source;
    }

    /** The MAC addresses of the domain's network interfaces, in lower case. */
    public static List<String> macAddresses(XmlObject domain) {
        return domain.<XmlObject>list("interfaces").stream().map(i -> i.string("mac")).filter(m -> m != null)
                .map(m -> m.toLowerCase(Locale.ROOT)).toList();
    }

    public static List<XmlObject> graphics(XmlObject domain) {
        return domain.list("graphics");
    }

    /**
     * What the domain boots from, in order: the devices with a boot order, by that order, where
     * any has one; else the {@code <os><boot dev=.../>} list (hd, cdrom, network, fd).
     */
    public static List<String> bootOrder(XmlObject domain) {
        record Bootable(int order, String what) {
        }
        List<Bootable> devices = new ArrayList<>();
        for (String feature : List.of("disks", "interfaces", "hostdevs")) {
            for (XmlObject device : domain.<XmlObject>list(feature)) {
                Integer order = (Integer) device.get("bootOrder");
                if (order != null) {
                    String name = feature.equals("disks") ? device.string("targetDev")
                            : feature.equals("interfaces") ? device.string("mac") : device.string("type");
                    devices.add(new Bootable(order, name));
                }
            }
        }
        if (!devices.isEmpty()) {
            return devices.stream().sorted(Comparator.comparingInt(Bootable::order)).map(Bootable::what).toList();
        }
        XmlObject os = domain.object("os");
        return os == null ? List.of() : os.list("bootDevices");
    }

    /** {@code <memory>} in KiB, whatever unit the XML uses. */
    public static long memoryKiB(XmlObject domain) {
        Long value = (Long) domain.get("memory");
        return value == null ? 0 : Units.toKiB(value, domain.string("memoryUnit"));
    }

    /** {@code <currentMemory>} in KiB; where absent, libvirt takes {@code <memory>}. */
    public static long currentMemoryKiB(XmlObject domain) {
        Long value = (Long) domain.get("currentMemory");
        return value == null ? memoryKiB(domain) : Units.toKiB(value, domain.string("currentMemoryUnit"));
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
