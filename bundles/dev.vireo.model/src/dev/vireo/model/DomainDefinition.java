package dev.vireo.model;

import java.util.List;

/**
 * What the monitor's cache and its queries read of a domain, taken once from its model so that
 * "already in use?" checks over hundreds of domains need no walk of their XML.
 *
 * @param model the parsed domain; shared by everyone who reads the cache, so never edited in
 *        place: edit a {@link LibvirtModel#copy copy}
 */
public record DomainDefinition(XmlObject model, String name, String uuid, String title, long memoryKiB,
        long currentMemoryKiB, int vcpus, List<String> diskSources, List<String> macAddresses) {

    public static DomainDefinition parse(String xml) throws ModelException {
        XmlObject domain = LibvirtModel.load(xml);
        if (!domain.eClass().getName().equals("Domain")) {
            throw new ModelException("Expected a <domain> document, not <" + domain.element().getTagName() + ">", null);
        }
        Integer vcpus = (Integer) domain.get("vcpu");
        return new DomainDefinition(domain, domain.string("name"), domain.string("uuid"), domain.string("title"),
                DomainQueries.memoryKiB(domain), DomainQueries.currentMemoryKiB(domain), vcpus == null ? 1 : vcpus,
                List.copyOf(DomainQueries.diskSources(domain)), List.copyOf(DomainQueries.macAddresses(domain)));
    }
}
