package dev.vireo.driver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vireo.libvirt.ObjectKind;
import dev.vireo.monitor.RefreshPolicy;
import dev.vireo.monitor.RefreshStrategy;

/**
 * A hypervisor driver contributed through {@code dev.vireo.driver.drivers}.
 *
 * @param schemes URI schemes without transport ("qemu" handles qemu+ssh://...)
 * @param fields the connection dialog's fields (host, user, transport, path), each with its
 *        default value ("" where none is declared), in declaration order
 * @param refresh declared strategies by object class (domain, network, storage-pool, ...)
 */
public record HypervisorDriver(String id, String name, String contributor, List<String> schemes,
        Set<String> transports, Map<String, String> fields, Capabilities capabilities, Map<String, RefreshStrategy> refresh,
        Duration statsInterval, DriverCode code) {

    /** Object classes as the extension point names them, for each kind of host object. */
    static final Map<ObjectKind, String> CLASSES = Map.of(ObjectKind.NETWORK, "network", ObjectKind.STORAGE_POOL,
            "storage-pool", ObjectKind.NODE_DEVICE, "node-device", ObjectKind.SECRET, "secret", ObjectKind.INTERFACE,
            "interface");

    public boolean handles(String uri) {
        return schemes.contains(scheme(uri));
    }

    /** The libvirt URI to open for one of this driver's URIs. */
    public String libvirtUri(String uri) {
        return code == null ? uri : code.libvirtUri(uri);
    }

    /**
     * How the monitor keeps a connection of this driver current: what the driver declares, else
     * events where it has them and polling where it has not (host interfaces: on demand).
     */
    public RefreshPolicy refreshPolicy() {
        RefreshPolicy policy = new RefreshPolicy();
        policy.domains(strategy("domain", true));
        CLASSES.forEach((kind, name) -> policy.objects(kind, strategy(name, kind != ObjectKind.INTERFACE)));
        return policy;
    }

    private RefreshStrategy strategy(String objects, boolean polledWithoutEvents) {
        RefreshStrategy declared = refresh.get(objects);
        if (declared != null) {
            return declared;
        }
        if (capabilities.hasEvents(objects)) {
            return RefreshStrategy.EVENTS;
        }
        return polledWithoutEvents ? RefreshStrategy.poll(RefreshPolicy.DEFAULT_POLL) : RefreshStrategy.ON_DEMAND;
    }

    /** "qemu" for qemu+ssh://host/system. */
    static String scheme(String uri) {
        int end = uri.indexOf(':');
        String scheme = end < 0 ? uri : uri.substring(0, end);
        int plus = scheme.indexOf('+');
        return plus < 0 ? scheme : scheme.substring(0, plus);
    }
}
