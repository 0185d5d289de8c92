package dev.vireo.model;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

/**
 * What a host's domain capabilities ({@code virConnectGetDomainCapabilities}) offer for one
 * emulator, architecture, machine and domain type: the values the device editors choose from.
 * Empty where a host has none (the test driver has no domain capabilities at all).
 */
public final class CapabilityChoices {
    /** Offers nothing: editors fall back to the values libvirt's schema allows. */
    public static final CapabilityChoices NONE = new CapabilityChoices(null);
    private final Element root;

    private CapabilityChoices(Element root) {
        this.root = root;
    }

    /** Reads a {@code <domainCapabilities>} document. */
    public static CapabilityChoices of(String xml) throws ModelException {
        return new CapabilityChoices(LibvirtModel.load(xml).element());
    }

    /**
     * The values of a supported element's {@code <enum name=...>}, e.g. ("devices/disk", "bus") or
     * ("os", "firmware"); empty if the element is missing or says {@code supported='no'}.
     */
    public List<String> values(String path, String enumName) {
        Element e = element(path);
        List<String> result = new ArrayList<>();
        if (e != null && !"no".equals(e.getAttribute("supported"))) {
            for (Element en : Elements.children(e, "enum")) {
                if (en.getAttribute("name").equals(enumName)) {
                    Elements.children(en, "value").forEach(v -> result.add(v.getTextContent().strip()));
                }
            }
        }
        return result;
    }

    /** The CPU modes the host supports ({@code host-passthrough}, {@code host-model}, {@code custom}...). */
    public List<String> cpuModes() {
        Element cpu = element("cpu");
        return cpu == null ? List.of() : Elements.children(cpu, "mode").stream()
                .filter(m -> "yes".equals(m.getAttribute("supported"))).map(m -> m.getAttribute("name")).toList();
    }

    /** The named CPU models usable on this host, for the {@code custom} mode. */
    public List<String> cpuModels() {
        Element cpu = element("cpu");
        List<String> result = new ArrayList<>();
        for (Element mode : cpu == null ? List.<Element>of() : Elements.children(cpu, "mode")) {
            if (mode.getAttribute("name").equals("custom")) {
                Elements.children(mode, "model").stream().filter(m -> !"no".equals(m.getAttribute("usable")))
                        .forEach(m -> result.add(m.getTextContent().strip()));
            }
        }
        return result;
    }

    private Element element(String path) {
        Element e = root;
        for (String step : path.split("/")) {
            e = e == null ? null : Elements.child(e, step);
        }
        return e;
    }
}
