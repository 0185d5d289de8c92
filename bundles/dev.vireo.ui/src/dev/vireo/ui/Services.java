package dev.vireo.ui;

import org.eclipse.osgi.util.NLS;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.VirtConnection;
import dev.vireo.driver.DriverRegistry;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.Monitors;

/**
 * The core's Declarative Services components, for the parts the workbench makes (views, editors,
 * handlers), which cannot be handed them. Each is tracked from the first use on.
 */
public final class Services {
    private static final ServiceTracker<ConnectionManager, ConnectionManager> CONNECTIONS = track(ConnectionManager.class);
    private static final ServiceTracker<Monitors, Monitors> MONITORS = track(Monitors.class);
    private static final ServiceTracker<DriverRegistry, DriverRegistry> DRIVERS = track(DriverRegistry.class);

    private Services() {
    }

    private static <S> ServiceTracker<S, S> track(Class<S> type) {
        BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return tracker;
    }

    private static <S> S get(ServiceTracker<S, S> tracker, Class<S> type) {
        S service = tracker.getService();
        if (service == null) {
            throw new IllegalStateException(NLS.bind(Messages.IS_NOT_RUNNING_IS_ORG_APACHE, type.getSimpleName()));
        }
        return service;
    }

    public static ConnectionManager connections() {
        return get(CONNECTIONS, ConnectionManager.class);
    }

    public static DriverRegistry drivers() {
        return get(DRIVERS, DriverRegistry.class);
    }

    /** The monitor of a connection: its cache, made on first use. */
    public static ConnectionMonitor monitor(VirtConnection connection) {
        return get(MONITORS, Monitors.class).of(connection);
    }
}
