package dev.vireo.ui.properties;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.views.properties.IPropertySource;

import dev.vireo.api.CallCounter;
import dev.vireo.api.ObjectKind;
import dev.vireo.connection.VirtConnection;
import dev.vireo.model.DomainDefinition;
import dev.vireo.monitor.CachedObject;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Messages;
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
        CacheProperties p = new CacheProperties().add(Messages.VIRTUAL_MACHINE, Messages.HOST_2,
                node.connection().uri())
                .add(Messages.VIRTUAL_MACHINE, Messages.UUID, node.uuid());
        if (d == null) {
            return p;
        }
        p.add(Messages.VIRTUAL_MACHINE, Messages.NAME_2, d.name()).add(Messages.VIRTUAL_MACHINE, Messages.STATE,
                d.state().label())
                .add(Messages.VIRTUAL_MACHINE, Messages.PERSISTENT, d.persistent() ? "yes" : Messages.NO_TRANSIENT)
                .add(Messages.RESOURCES, Messages.VCPUS_2, d.vcpus() > 0 ? d.vcpus() : null)
                .add(Messages.RESOURCES, Messages.MEMORY, d.memoryKiB() > 0 ? NLS.bind(Messages.MIB_3,
                        d.memoryKiB() / 1024) : null);
        DomainDefinition def = d.definition();
        if (def != null) {
            p.add(Messages.VIRTUAL_MACHINE, Messages.TITLE, def.title()).add(Messages.RESOURCES,
                    Messages.MAXIMUM_MEMORY, NLS.bind(Messages.MIB_3, def.memoryKiB() / 1024))
                    .add(Messages.DEVICES, Messages.DISKS, String.join(", ", def.diskSources()))
                    .add(Messages.DEVICES, Messages.MAC_ADDRESSES, String.join(", ", def.macAddresses()));
        }
        return p;
    }

    private static CacheProperties host(VirtConnection host) {
        CallCounter calls = host.calls();
        return new CacheProperties().add(Messages.HOST_2, Messages.URI_2, host.uri()).add(Messages.HOST_2,
                Messages.LIBVIRT_URI, host.libvirtUri())
                .add(Messages.HOST_2, Messages.STATE, host.state().label()).add(Messages.HOST_2, Messages.FAILURE,
                        host.failure())
                .add(Messages.COST, Messages.LIBVIRT_CALLS, calls.total()).add(Messages.COST, Messages.BYTES_RECEIVED,
                        calls.totalBytes())
                .add(Messages.CACHE, Messages.VIRTUAL_MACHINES, Services.monitor(host).domains().size());
    }

    private static CacheProperties object(CachedObject o) {
        if (o == null) {
            return new CacheProperties();
        }
        String kind = o.kind() == ObjectKind.NETWORK ? Messages.VIRTUAL_NETWORK : Messages.STORAGE_POOL;
        return new CacheProperties().add(kind, Messages.NAME_2, o.name()).add(kind, Messages.KEY, o.key())
                .add(kind, Messages.ACTIVE, o.active() ? "yes" : "no");
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] { IPropertySource.class };
    }
}
