package dev.vireo.monitor;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.LibvirtConnection;

/**
 * A connection's host capabilities and domain capabilities, each fetched once per session and
 * kept: they change only when the host's hypervisor does (a reconnect may be to an upgraded one).
 */
final class CapabilityCache {
    private final VirtConnection connection;
    private volatile String host;
    private final Map<String, CompletableFuture<String>> domain = new ConcurrentHashMap<>();

    CapabilityCache(VirtConnection connection) {
        this.connection = connection;
    }

    /** A new session: everything is asked again. */
    CompletableFuture<Void> reload() {
        domain.clear();
        return connection.submit(LibvirtConnection::capabilitiesXml).thenAccept(xml -> host = xml);
    }

    String hostXml() {
        return host;
    }

    CompletableFuture<String> host() {
        String cached = host;
        return cached != null ? CompletableFuture.completedFuture(cached)
                : connection.submit(LibvirtConnection::capabilitiesXml).thenApply(xml -> host = xml);
    }

    CompletableFuture<String> domain(String arch, String machine, String virtType) {
        String key = arch + "/" + machine + "/" + virtType;
        CompletableFuture<String> xml = domain.computeIfAbsent(key,
                k -> connection.submit(libvirt -> libvirt.domainCapabilitiesXml(arch, machine, virtType)));
        xml.whenComplete((x, e) -> {
            if (e != null) {
                domain.remove(key, xml); // asked again next time
            }
        });
        return xml;
    }
}
