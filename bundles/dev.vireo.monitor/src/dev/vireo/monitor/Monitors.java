package dev.vireo.monitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.spi.RefreshPolicy;
import dev.vireo.monitor.spi.RefreshPolicyProvider;

/**
 * The monitor of each connection, made on first use with the refresh policy the
 * {@link RefreshPolicyProvider} service gives (the driver registry), and dropped with its
 * connection. A Declarative Services component in the workbench; tests make their own.
 */
public final class Monitors {
    private final Map<VirtConnection, ConnectionMonitor> monitors = new ConcurrentHashMap<>();
    private volatile RefreshPolicyProvider policies;

    /** Monitors whose connections all get the default policy, until {@link #setPolicies} says otherwise. */
    public Monitors() {
    }

    /** The monitor of {@code connection}, made now if it has none, with its driver's policy. */
    public ConnectionMonitor of(VirtConnection connection) {
        ConnectionMonitor made = monitors.get(connection); // views ask for each row they draw: no policy made then
        if (made != null) {
            return made;
        }
        RefreshPolicyProvider provider = policies;
        return of(connection, provider == null ? new RefreshPolicy() : provider.policyFor(connection.uri()));
    }

    /** The monitor of {@code connection}; {@code policy} applies if this call makes it. */
    public ConnectionMonitor of(VirtConnection connection, RefreshPolicy policy) {
        return monitors.computeIfAbsent(connection, c -> new ConnectionMonitor(c, policy, () -> monitors.remove(c)));
    }

    /** Where policies come from; bound by Declarative Services (OSGI-INF/dev.vireo.monitor.Monitors.xml). */
    public void setPolicies(RefreshPolicyProvider provider) {
        policies = provider;
    }
}
