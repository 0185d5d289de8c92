package dev.vireo.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.vireo.model.DomainDefinition;
import dev.vireo.model.Elements;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;

/**
 * A user's edits to a definition (the one an editor started from, and the one it applies), as the
 * calls that make them on the running VM too, as virt-manager's "apply now" does: vCPUs and memory
 * set, devices detached and attached, and a device kept under its identity (a disk's target, a
 * NIC's MAC) but changed updated in place, which is how a CD-ROM's media is changed or ejected.
 *
 * @param vcpus the new count of vCPUs online, or {@code null} if unchanged
 * @param memoryKiB the new current memory, or {@code null} if unchanged
 */
public record LiveChanges(Integer vcpus, Long memoryKiB, List<String> detach, List<String> attach,
        List<String> update) {

    public static LiveChanges between(String before, String after) throws ModelException {
        DomainDefinition was = DomainDefinition.parse(before);
        DomainDefinition now = DomainDefinition.parse(after);
        Map<String, Element> old = devices(was);
        Map<String, Element> wanted = devices(now);
        List<String> detach = new ArrayList<>();
        List<String> update = new ArrayList<>();
        old.forEach((key, device) -> {
            Element replacement = wanted.get(key);
            if (replacement == null) {
                detach.add(LibvirtModel.save(device));
            } else if (!withoutBootOrder(replacement).equals(withoutBootOrder(device))) {
                update.add(LibvirtModel.save(replacement));
            }
        });
        List<String> attach = wanted.entrySet().stream().filter(e -> !old.containsKey(e.getKey()))
                .map(e -> LibvirtModel.save(e.getValue())).toList();
        int vcpus = onlineVcpus(now);
        return new LiveChanges(vcpus == onlineVcpus(was) ? null : vcpus,
                now.currentMemoryKiB() == was.currentMemoryKiB() ? null : now.currentMemoryKiB(), List.copyOf(detach),
                attach, List.copyOf(update));
    }

    /** The vCPUs a domain runs with: {@code <vcpu current=...>}, else all of them. */
    private static int onlineVcpus(DomainDefinition domain) {
        Integer current = (Integer) domain.model().get("vcpuCurrent");
        return current != null ? current : domain.vcpus();
    }

    public boolean isEmpty() {
        return vcpus == null && memoryKiB == null && detach.isEmpty() && attach.isEmpty() && update.isEmpty();
    }

    /** A device as it is compared: a changed boot order matters only at the next boot, which the definition has. */
    private static String withoutBootOrder(Element device) {
        Element copy = (Element) device.cloneNode(true);
        Elements.children(copy, "boot").forEach(copy::removeChild);
        return LibvirtModel.save(copy);
    }

    /** Each device by its identity; devices without one are known by their XML, with a count for twins. */
    private static Map<String, Element> devices(DomainDefinition domain) {
        Map<String, Element> result = new LinkedHashMap<>();
        Element devices = Elements.child(domain.model().element(), "devices");
        for (Node n = devices == null ? null : devices.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element device) {
                String key = identity(device);
                int twin = 1;
                while (result.containsKey(key + "#" + twin)) {
                    twin++;
                }
                result.put(key + "#" + twin, device);
            }
        }
        return result;
    }

    /** A disk's target, a NIC's MAC; else the device's XML but for its boot order, which is no identity. */
    private static String identity(Element device) {
        Element target = Elements.child(device, "target");
        Element mac = Elements.child(device, "mac");
        return device.getTagName().equals("disk") && target != null ? "disk " + target.getAttribute("dev")
                : device.getTagName().equals("interface") && mac != null
                        ? "interface " + mac.getAttribute("address").toLowerCase()
                        : withoutBootOrder(device);
    }
}
