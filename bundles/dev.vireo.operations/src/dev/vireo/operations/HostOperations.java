package dev.vireo.operations;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.vireo.api.ConsoleChannel;
import dev.vireo.api.LibvirtCallException;
import dev.vireo.api.NodeInfo;
import dev.vireo.libvirt.Versions;
import dev.vireo.model.ModelException;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.osinfo.IsoVolume;

/** What a host tells about itself, and the consoles of its machines. */
public final class HostOperations extends Operations {
    public HostOperations(ConnectionMonitor monitor) {
        super(monitor);
    }

    /** The host's CPU model, memory and topology. */
    /** The version of the libvirt client library Vireo loaded. */
    public static String libvirtClientVersion() {
        return Versions.library();
    }

    /** The version of the libvirt that serves this connection. */
    public CompletableFuture<String> libvirtVersion() {
        return call(Versions::daemon);
    }

    public CompletableFuture<NodeInfo> nodeInfo() {
        return call(libvirt -> libvirt.nodeInfo());
    }

    /**
     * The domain XML a new VM with these choices gets on this host ({@link NewVmXml}); reads the
     * host's capabilities and the chosen machine's domain capabilities from the monitor's cache
     * (fetched on first use), defines nothing.
     */
    public CompletableFuture<String> newVmXml(NewVmXml.Choices choices, String arch) {
        return monitor.capabilities().thenCompose(caps -> {
            HostCapabilities host = read(() -> HostCapabilities.of(caps, arch));
            return monitor.domainCapabilities(arch, host.machineFor(choices.os()), host.domainType())
                    .handle((domcaps, e) -> {
                        Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                        if (cause != null && !(cause instanceof LibvirtCallException c && c.isUnsupported())) {
                            throw new CompletionException(cause);
                        }
                        // a driver without domain capabilities (the test driver): no firmware, TPM or video choices
                        return NewVmXml.build(choices, e != null ? host : read(() -> host.with(domcaps)));
                    });
        });
    }

    private static <T> T read(ModelCall<T> call) {
        try {
            return call.get();
        } catch (ModelException e) {
            throw new CompletionException(e);
        }
    }

    private interface ModelCall<T> {
        T get() throws ModelException;
    }

    /**
     * The identity of an ISO image on the host, from its first 34 KiB only (a volume download of
     * that many bytes): the image must be a volume of one of the host's storage pools.
     */
    public CompletableFuture<IsoVolume> isoVolume(String path) {
        return call(libvirt -> libvirt.storage().download(path, IsoVolume.BYTES_NEEDED)).thenApply(bytes -> {
            try {
                return IsoVolume.read(bytes);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Opens a domain's serial console, taking it over from any other client; works over any transport. */
    public CompletableFuture<ConsoleChannel> openSerialConsole(String uuid) {
        return call(libvirt -> libvirt.domains().openConsole(uuid));
    }
}
