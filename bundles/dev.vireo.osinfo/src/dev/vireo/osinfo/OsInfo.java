package dev.vireo.osinfo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * One operating system as libosinfo's database describes it, with the answers virt-install reads
 * from it when it chooses devices (its {@code virtinst/osdict.py}). Devices and firmware include
 * what the OS inherits from those it derives from or clones, as libosinfo resolves them.
 *
 * @param id the database's URI, e.g. {@code http://debian.org/debian/12}
 * @param shortIds every short id, the first the canonical one ({@code debian12}, {@code debianbookworm})
 * @param devices the ids of the devices the OS supports (PCI and USB ids, chipsets)
 * @param firmware by architecture and firmware type ({@code efi}, {@code bios}): supported or not
 * @param resources by architecture ({@code all} for any): minimum and recommended
 */
public record OsInfo(String id, List<String> shortIds, String name, String vendor, String family, String distro,
        String version, String releaseDate, String eolDate, Set<String> devices, Map<String, Map<String, Boolean>> firmware,
        Map<String, Resources> resources, List<IsoMatch> media) {

    /** What virt-install uses where the user names no OS, or one the database does not know. */
    public static final OsInfo GENERIC = new OsInfo("http://libosinfo.org/generic", List.of("generic"),
            Messages.GENERIC_OR_UNKNOWN_OS, "", "", "", "", "", "", Set.of(), Map.of(), Map.of(), List.of());

    /**
     * Minimum and recommended resources; 0 where the database says nothing.
     */
    public record Resources(long minRamBytes, int minCpus, long minStorageBytes, long ramBytes, int cpus, long storageBytes) {
    }

    /** One install medium's identity: regular expressions for the ISO's ids, as libosinfo matches them. */
    public record IsoMatch(String arch, String volumeId, String systemId, String publisherId, String applicationId,
            long volumeSize) {
    }

    public String shortId() {
        return shortIds.get(0);
    }

    public boolean isGeneric() {
        return this == GENERIC;
    }

    public boolean isWindows() {
        return Set.of("win9x", "winnt", "win16").contains(family);
    }

    /** {@code localtime} for Windows and Solaris, else {@code utc}. */
    public String clockOffset() {
        return isWindows() || family.equals("solaris") ? "localtime" : "utc";
    }

    public boolean supportsVirtioDisk() {
        return supportsAny("http://pcisig.com/pci/1af4/1001", "http://pcisig.com/pci/1af4/1042");
    }

    public boolean supportsVirtioNet() {
        return supportsAny("http://pcisig.com/pci/1af4/1000", "http://pcisig.com/pci/1af4/1041");
    }

    public boolean supportsVirtioRng() {
        return supportsAny("http://pcisig.com/pci/1af4/1005", "http://pcisig.com/pci/1af4/1044");
    }

    public boolean supportsVirtioGpu() {
        return supportsAny("http://pcisig.com/pci/1af4/1050");
    }

    public boolean supportsVirtioBalloon() {
        return supportsAny("http://pcisig.com/pci/1af4/1002", "http://pcisig.com/pci/1af4/1045");
    }

    public boolean supportsVirtioSerial() {
        return supportsAny("http://pcisig.com/pci/1af4/1003", "http://pcisig.com/pci/1af4/1043");
    }

    /** USB 3 through QEMU's XHCI controller. */
    public boolean supportsUsb3() {
        return supportsAny("http://pcisig.com/pci/1b36/0004");
    }

    /** The Q35 chipset; an OS with virtio but not virtio 1.0 is kept on i440FX, as virt-install does. */
    public boolean supportsQ35() {
        if (supportsVirtioNet() && !supportsAny("http://pcisig.com/pci/1af4/1041")) {
            return false;
        }
        return supportsAny("http://qemu.org/chipset/x86/q35");
    }

    /** Whether the OS boots only with UEFI on {@code arch}: it supports EFI and not BIOS. */
    public boolean requiresEfi(String arch) {
        Map<String, Boolean> types = firmware.getOrDefault(arch, Map.of());
        return "win11".equals(shortId()) || types.getOrDefault("efi", false) && !types.getOrDefault("bios", true);
    }

    /** Recommended memory in MiB for {@code arch}: the recommendation, else twice the minimum, else 0. */
    public long recommendedRamMiB(String arch) {
        return recommended(arch, Resources::ramBytes, Resources::minRamBytes) / (1024 * 1024);
    }

    public int recommendedCpus(String arch) {
        return (int) recommended(arch, Resources::cpus, Resources::minCpus);
    }

    public long recommendedStorageGiB(String arch) {
        return recommended(arch, Resources::storageBytes, Resources::minStorageBytes) / (1024L * 1024 * 1024);
    }

    private long recommended(String arch, ToLongFunction<Resources> value,
            ToLongFunction<Resources> minimum) {
        for (String a : List.of(arch, "all")) {
            Resources r = resources.get(a);
            if (r != null && value.applyAsLong(r) > 0) {
                return value.applyAsLong(r);
            }
        }
        for (String a : List.of(arch, "all")) {
            Resources r = resources.get(a);
            if (r != null && minimum.applyAsLong(r) > 0) {
                return 2 * minimum.applyAsLong(r);
            }
        }
        return 0;
    }

    private boolean supportsAny(String... ids) {
        for (String id : ids) {
            if (devices.contains(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name + " (" + shortId() + ")";
    }
}
