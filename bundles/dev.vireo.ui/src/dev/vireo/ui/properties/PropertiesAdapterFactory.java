package dev.vireo.ui.properties;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.IPropertySource;

import dev.vireo.api.CallCounter;
import dev.vireo.api.ObjectKind;
import dev.vireo.connection.VirtConnection;
import dev.vireo.model.DomainDefinition;
import dev.vireo.monitor.CachedObject;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Services;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.views.HostSection;

/**
 * The Properties view's source for the manager's rows: a host, a virtual machine, a network or a
 * storage pool, from the cache. Registered for those types in plugin.xml.
 */
public class PropertiesAdapterFactory implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> type) {
        if (type != IPropertySource.class) {
            return null;
        }
        CacheProperties p = switch (adaptable) {
            case DomainNode vm -> domain(vm);
            case VirtConnection host -> host(host);
            case HostSection.ObjectNode object -> object(object.object());
            default -> null;
        };
        return type.cast(p);
    }

    private static CacheProperties domain(DomainNode node) {
        DomainRecord d = node.record();
        CacheProperties p = new CacheProperties().add("Virtual machine", "Host", node.connection().uri())
                .add("Virtual machine", "UUID", node.uuid());
        if (d == null) {
            return p;
        }
        p.add("Virtual machine", "Name", d.name()).add("Virtual machine", "State", d.state().label())
                .add("Virtual machine", "Persistent", d.persistent() ? "yes" : "no (transient)")
                .add("Resources", "vCPUs", d.vcpus() > 0 ? d.vcpus() : null)
                .add("Resources", "Memory", d.memoryKiB() > 0 ? d.memoryKiB() / 1024 + " MiB" : null);
        DomainDefinition def = d.definition();
        if (def != null) {
            p.add("Virtual machine", "Title", def.title()).add("Resources", "Maximum memory", def.memoryKiB() / 1024 + " MiB")
                    .add("Devices", "Disks", String.join(", ", def.diskSources()))
                    .add("Devices", "MAC addresses", String.join(", ", def.macAddresses()));
        }
        return p;
    }

    private static CacheProperties host(VirtConnection host) {
        CallCounter calls = host.calls();
        return new CacheProperties().add("Host", "URI", host.uri()).add("Host", "libvirt URI", host.libvirtUri())
                .add("Host", "State", host.state().label()).add("Host", "Failure", host.failure())
                .add("Cost", "libvirt calls", calls.total()).add("Cost", "Bytes received", calls.totalBytes())
                .add("Cache", "Virtual machines", Services.monitor(host).domains().size());
    }

    private static CacheProperties object(CachedObject o) {
        if (o == null) {
            return new CacheProperties();
        }
        String kind = o.kind() == ObjectKind.NETWORK ? "Virtual network" : "Storage pool";
        return new CacheProperties().add(kind, "Name", o.name()).add(kind, "Key", o.key())
                .add(kind, "Active", o.active() ? "yes" : "no");
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] { IPropertySource.class };
    }
}
