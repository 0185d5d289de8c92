package dev.vireo.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.vireo.api.ObjectKind;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CachedObject;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainRecord;

/**
 * The host's USB and PCI devices a VM can be given, from the node-device cache, with the VMs whose
 * definitions already name each (from the domain cache): no call to list them.
 */
public final class HostDevices {
    /**
     * A device of the host: {@code type} is {@code usb} or {@code pci}, as a hostdev says it;
     * {@code hostdev} the features of the {@code <hostdev>} that gives it to a VM.
     */
    public record HostDevice(String name, String type, String description, String address, List<String> usedBy,
            Map<String, String> hostdev) {
    }

    private HostDevices() {
    }

    /** The devices of a type ({@code usb} or {@code pci}), by node-device name. */
    public static List<HostDevice> of(ConnectionMonitor monitor, String type) {
        List<HostDevice> result = new ArrayList<>();
        for (CachedObject o : monitor.objects(ObjectKind.NODE_DEVICE).all()) {
            XmlObject d = parse(o.xml());
            if (d == null || !d.<String>list("capabilityTypes").contains(type.equals("usb") ? "usb_device" : "pci")) {
                continue;
            }
            String description = Objects.toString(d.string("vendor"), "") + " " + Objects.toString(d.string("product"), "");
            String address = type.equals("usb") ? "bus " + d.string("bus") + " device " + d.string("device")
                    : "%04x:%02x:%02x.%x".formatted(number(d.string("pciDomain")), number(d.string("bus")),
                            number(d.string("pciSlot")), number(d.string("pciFunction")));
            List<String> usedBy = monitor.domains().all().stream().filter(vm -> uses(vm, type, d)).map(DomainRecord::name)
                    .sorted().toList();
            result.add(new HostDevice(o.name(), type, description.strip(), address, usedBy, hostdev(type, d)));
        }
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return result;
    }

    private static boolean uses(DomainRecord vm, String type, XmlObject device) {
        if (vm.definition() == null) {
            return false;
        }
        for (XmlObject h : vm.definition().model().<XmlObject>list("hostdevs")) {
            if (!type.equals(h.string("type"))) {
                continue;
            }
            boolean same = type.equals("usb")
                    ? same(h.string("vendorId"), device.string("vendorId")) && same(h.string("productId"), device.string("productId"))
                    : same(h.string("sourceDomain"), device.string("pciDomain")) && same(h.string("sourceBus"), device.string("bus"))
                            && same(h.string("sourceSlot"), device.string("pciSlot"))
                            && same(h.string("sourceFunction"), device.string("pciFunction"));
            if (same) {
                return true;
            }
        }
        return false;
    }

    /** What virt-manager writes for a device it passes through: USB by vendor and product, PCI by address. */
    private static Map<String, String> hostdev(String type, XmlObject d) {
        Map<String, String> h = new LinkedHashMap<>(Map.of("mode", "subsystem", "type", type, "managed", "yes"));
        if (type.equals("usb")) {
            h.put("vendorId", d.string("vendorId"));
            h.put("productId", d.string("productId"));
        } else {
            h.put("sourceDomain", "0x%04x".formatted(number(d.string("pciDomain"))));
            h.put("sourceBus", "0x%02x".formatted(number(d.string("bus"))));
            h.put("sourceSlot", "0x%02x".formatted(number(d.string("pciSlot"))));
            h.put("sourceFunction", "0x%x".formatted(number(d.string("pciFunction"))));
        }
        return h;
    }

    /** Node devices write PCI numbers in decimal, hostdevs in hex ("0x19"): both are compared as numbers. */
    private static boolean same(String a, String b) {
        return a != null && b != null && number(a) == number(b);
    }

    private static int number(String text) {
        try {
            return text == null ? 0 : Integer.decode(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static XmlObject parse(String xml) {
        try {
            return xml == null ? null : LibvirtModel.load(xml);
        } catch (ModelException e) {
            return null; // a device the model cannot read is not offered
        }
    }
}
