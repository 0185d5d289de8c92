package dev.vireo.operations;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

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
}
