package dev.vireo.operations;

import java.util.concurrent.CompletableFuture;

import dev.vireo.api.ObjectKind;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.ConnectionMonitor;

/** A connection's virtual networks: create, start, stop, autostart, delete. The cache follows their events. */
public final class NetworkOperations extends Operations {
    public NetworkOperations(ConnectionMonitor monitor) {
        super(monitor);
    }

    /**
     * Defines, starts and autostarts a network; {@code mode} nat, route or isolated; for a /24, DHCP
     * hands out the rest of it. Returns its key.
     */
    public CompletableFuture<String> create(String name, String mode, String addressSlashPrefix) {
        XmlObject network = LibvirtModel.create("Network");
        network.set("name", name);
        if (!"isolated".equals(mode)) {
            network.set("forwardMode", mode);
        }
        String[] parts = addressSlashPrefix.split("/");
        XmlObject ip = network.add("ips");
        ip.set("address", parts[0]);
        ip.set("prefix", Integer.valueOf(parts.length > 1 ? parts[1] : "24"));
        if (parts.length < 2 || "24".equals(parts[1])) {
            String base = parts[0].substring(0, parts[0].lastIndexOf('.') + 1);
            ip.set("dhcpStart", base + "2").set("dhcpEnd", base + "254");
        }
        String xml = LibvirtModel.save(network);
        return call(libvirt -> {
            String key = libvirt.objects().define(ObjectKind.NETWORK, xml);
            libvirt.objects().start(ObjectKind.NETWORK, key);
            libvirt.objects().setAutostart(ObjectKind.NETWORK, key, true);
            return key;
        });
    }

    public CompletableFuture<Void> start(String key) {
        return start(ObjectKind.NETWORK, key);
    }

    public CompletableFuture<Void> stop(String key) {
        return stop(ObjectKind.NETWORK, key);
    }

    public CompletableFuture<Boolean> autostart(String key) {
        return call(libvirt -> libvirt.objects().autostart(ObjectKind.NETWORK, key));
    }

    public CompletableFuture<Void> setAutostart(String key, boolean on) {
        return run(libvirt -> libvirt.objects().setAutostart(ObjectKind.NETWORK, key, on));
    }

    /** Stops the network if the cache says it runs, then undefines it. */
    public CompletableFuture<Void> delete(String key) {
        return delete(ObjectKind.NETWORK, key);
    }
}
