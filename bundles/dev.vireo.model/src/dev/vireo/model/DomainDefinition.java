package dev.vireo.model;

import static dev.vireo.model.LibvirtXml.attribute;
import static dev.vireo.model.LibvirtXml.child;
import static dev.vireo.model.LibvirtXml.children;
import static dev.vireo.model.LibvirtXml.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.w3c.dom.Element;

/**
 * What the monitor and its queries read from a domain's XML: identity, sizing, and the disk
 * sources and MAC addresses that "already in use?" checks compare.
 *
 * @param diskSources each disk's source: a path for file, block and dir disks,
 *        {@code protocol://name} for network disks, {@code pool/volume} for volume disks
 */
public record DomainDefinition(String name, String uuid, String title, long memoryKiB, long currentMemoryKiB,
        int vcpus, List<String> diskSources, List<String> macAddresses) {

    public static DomainDefinition parse(String xml) throws ModelException {
        Element domain = LibvirtXml.parse(xml, "domain");
        Element devices = child(domain, "devices");
        List<String> disks = new ArrayList<>();
        for (Element disk : children(devices, "disk")) {
            String source = diskSource(child(disk, "source"));
            if (source != null) {
                disks.add(source);
            }
        }
        List<String> macs = new ArrayList<>();
        for (Element nic : children(devices, "interface")) {
            String mac = attribute(child(nic, "mac"), "address");
            if (mac != null) {
                macs.add(mac.toLowerCase(Locale.ROOT));
            }
        }
        long memory = memoryKiB(domain, "memory");
        long current = child(domain, "currentMemory") == null ? memory : memoryKiB(domain, "currentMemory");
        String vcpu = text(domain, "vcpu");
        try {
            return new DomainDefinition(text(domain, "name"), text(domain, "uuid"), text(domain, "title"), memory,
                    current, vcpu == null ? 1 : Integer.parseInt(vcpu), List.copyOf(disks), List.copyOf(macs));
        } catch (NumberFormatException e) {
            throw new ModelException("<vcpu> is not a number: " + vcpu, e);
        }
    }

    private static String diskSource(Element source) {
        if (source == null) {
            return null;
        }
        for (String attribute : new String[] { "file", "dev", "dir" }) {
            if (source.hasAttribute(attribute)) {
                return source.getAttribute(attribute);
            }
        }
        if (source.hasAttribute("protocol")) {
            return source.getAttribute("protocol") + "://" + source.getAttribute("name");
        }
        if (source.hasAttribute("pool")) {
            return source.getAttribute("pool") + "/" + source.getAttribute("volume");
        }
        return null;
    }

    private static long memoryKiB(Element domain, String element) throws ModelException {
        Element e = child(domain, element);
        if (e == null) {
            return 0;
        }
        String value = e.getTextContent().trim();
        try {
            return Units.toKiB(Long.parseLong(value), attribute(e, "unit"));
        } catch (IllegalArgumentException ex) {
            throw new ModelException("<" + element + "> is not a size: '" + value + "' " + ex.getMessage(), ex);
        }
    }
}
