package dev.vireo.operations;

import static dev.vireo.model.Elements.child;
import static dev.vireo.model.Elements.children;
import static dev.vireo.model.Elements.text;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.osgi.util.NLS;
import org.w3c.dom.Element;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.osinfo.OsInfo;

/**
 * What a host offers a new VM of one architecture: from its capabilities (domain type, emulator,
 * machine types) and, once a machine is chosen, its domain capabilities (firmware, TPM, video).
 *
 * @param domainType {@code kvm} where the host has it for the architecture, else {@code qemu} (TCG), else
 *     the one the host offers (libvirt's test driver: {@code test})
 * @param machines the machine types in the order libvirt lists them; the first is the default
 */
public record HostCapabilities(String domainType, String arch, String emulator, List<String> machines, boolean efi,
        boolean tpmEmulator, boolean virtioVideo, boolean bochsVideo) {

    /** Reads the host capabilities for {@code arch}; domain capabilities still unknown (none assumed). */
    public static HostCapabilities of(String capabilitiesXml, String arch) throws ModelException {
        Element caps = LibvirtModel.load(capabilitiesXml).element();
        for (Element guest : children(caps, "guest")) {
            for (Element a : children(guest, "arch")) {
                if (!arch.equals(a.getAttribute("name")) || !"hvm".equals(text(guest, "os_type"))) {
                    continue;
                }
                List<String> types = children(a, "domain").stream().map(d -> d.getAttribute("type")).toList();
                String type = types.contains("kvm") ? "kvm" : types.contains("qemu") || types.isEmpty() ? "qemu"
                        : types.get(0);
                List<String> machines = new ArrayList<>();
                children(a, "machine").forEach(m -> machines.add(m.getTextContent().strip()));
                return new HostCapabilities(type, arch, text(a, "emulator"), List.copyOf(machines), false, false, false,
                        false);
            }
        }
        throw new ModelException(NLS.bind(Messages.LINE_THE_HOST_RUNS_NO_GUESTS, arch),
                null);
    }

    /** The host's own architecture ({@code <host><cpu><arch>}): new VMs get it unless the user picks another, as with virt-install. */
    public static String hostArch(String capabilitiesXml) throws ModelException {
        Element host = child(LibvirtModel.load(capabilitiesXml).element(), "host");
        Element cpu = host == null ? null : child(host, "cpu");
        return cpu == null ? "" : text(cpu, "arch");
    }

    /** The machine virt-install picks: Q35 where the OS supports it and the host has it, else the host's default. */
    public String machineFor(OsInfo os) {
        boolean x86 = arch.equals("x86_64") || arch.equals("i686");
        if (x86 && machines.contains("q35") && os.supportsQ35()) {
            return "q35";
        }
        return machines.isEmpty() ? null : machines.get(0);
    }

    /** The same host, for another of its domain types (the user's choice). */
    public HostCapabilities withDomainType(String type) {
        return new HostCapabilities(type, arch, emulator, machines, efi, tpmEmulator, virtioVideo, bochsVideo);
    }

    /** With what the domain capabilities of the chosen machine say. */
    public HostCapabilities with(String domainCapabilitiesXml) throws ModelException {
        Element caps = LibvirtModel.load(domainCapabilitiesXml).element();
        Element os = child(caps, "os");
        boolean efi = os != null && (enumHas(os, "firmware", "efi") || hasEfiLoader(os));
        Element devices = child(caps, "devices");
        Element tpm = devices == null ? null : child(devices, "tpm");
        Element video = devices == null ? null : child(devices, "video");
        return new HostCapabilities(domainType, arch, emulator, machines, efi,
                tpm != null && "yes".equals(tpm.getAttribute("supported")) && enumHas(tpm, "backendModel", "emulator"),
                video != null && enumHas(video, "modelType", "virtio"), video != null && enumHas(video, "modelType",
                        "bochs"));
    }

    private static boolean hasEfiLoader(Element os) {
        Element loader = child(os, "loader");
        return loader != null && children(loader, "value").stream().anyMatch(v -> v.getTextContent().contains("OVMF")
                || v.getTextContent().contains("edk2"));
    }

    private static boolean enumHas(Element parent, String name, String value) {
        for (Element e : children(parent, "enum")) {
            if (name.equals(e.getAttribute("name"))
                    && children(e, "value").stream().anyMatch(v -> value.equals(v.getTextContent().strip()))) {
                return true;
            }
        }
        return false;
    }
}
