package dev.vireo.operations;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.vireo.api.ObjectKind;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.ConnectionMonitor;

/**
 * What every family of operations shares: the connection whose workers make the calls, and the
 * monitor whose cache they read and, where libvirt sends no event, bring up to date.
 */
abstract class Operations {
    final ConnectionMonitor monitor;
    final VirtConnection connection;

    Operations(ConnectionMonitor monitor) {
        this.monitor = monitor;
        this.connection = monitor.connection();
    }

    <T> CompletableFuture<T> call(Function<LibvirtConnection, T> call) {
        return connection.submit(call);
    }

    CompletableFuture<Void> run(Consumer<LibvirtConnection> call) {
        return connection.submit(libvirt -> {
            call.accept(libvirt);
            return null;
        });
    }

    /** Starts a network or storage pool. */
    CompletableFuture<Void> start(ObjectKind kind, String key) {
        return run(libvirt -> libvirt.objects().start(kind, key));
    }

    /** Stops a network or storage pool. */
    CompletableFuture<Void> stop(ObjectKind kind, String key) {
        return run(libvirt -> libvirt.objects().stop(kind, key));
    }

    /** Stops the object if the cache says it runs, then undefines it. */
    CompletableFuture<Void> delete(ObjectKind kind, String key) {
        boolean active = monitor.objects(kind).get(key).active();
        return run(libvirt -> {
            if (active) {
                libvirt.objects().stop(kind, key);
            }
            libvirt.objects().undefine(kind, key);
        });
    }
}
