package dev.vireo.operations;

import java.util.concurrent.CompletableFuture;

import dev.vireo.api.ConsoleChannel;
import dev.vireo.api.NodeInfo;
import dev.vireo.monitor.ConnectionMonitor;

/** What a host tells about itself, and the consoles of its machines. */
public final class HostOperations extends Operations {
    public HostOperations(ConnectionMonitor monitor) {
        super(monitor);
    }

    /** The host's CPU model, memory and topology. */
    public CompletableFuture<NodeInfo> nodeInfo() {
        return call(libvirt -> libvirt.nodeInfo());
    }

    /** Opens a domain's serial console, taking it over from any other client; works over any transport. */
    public CompletableFuture<ConsoleChannel> openSerialConsole(String uuid) {
        return call(libvirt -> libvirt.domains().openConsole(uuid));
    }
}
