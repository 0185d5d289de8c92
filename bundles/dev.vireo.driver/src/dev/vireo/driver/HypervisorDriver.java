package dev.vireo.driver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.osgi.util.NLS;

import dev.vireo.api.ObjectKind;
import dev.vireo.monitor.spi.RefreshPolicy;
import dev.vireo.monitor.spi.RefreshStrategy;

/**
 * A hypervisor driver contributed through {@code dev.vireo.driver.drivers}.
 *
 * @param schemes URI schemes without transport ("qemu" handles qemu+ssh://...)
 * @param fields the connection dialog's fields (host, user, transport, path), each with its
 *        default value ("" where none is declared), in declaration order
 * @param refresh declared strategies by object class (domain, network, storage-pool, ...)
 * @param devices what Add Hardware offers on this driver's hosts, with each new device's values
 * @param loadConnections by transport: the extra connections a first load may open (none if absent)
 */
public record HypervisorDriver(String id, String name, String contributor, List<String> schemes,
        Set<String> transports, Map<String, String> fields, Capabilities capabilities,
                Map<String, RefreshStrategy> refresh,
        Duration statsInterval, List<DeviceTemplate> devices, Map<String, Integer> loadConnections, PluginCode code) {

    /** Object classes as the extension point names them, for each kind of host object. */
    static final Map<ObjectKind, String> CLASSES = Map.of(ObjectKind.NETWORK, "network", ObjectKind.STORAGE_POOL,
            "storage-pool", ObjectKind.NODE_DEVICE, "node-device", ObjectKind.SECRET, "secret", ObjectKind.INTERFACE,
            "interface");

    public boolean handles(String uri) {
        return schemes.contains(scheme(uri));
    }

    /** How long a driver plugin's code may take to answer before Vireo gives up on it. */
    public static final Duration CODE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Where plugin code runs: a bounded pool, so plugins that hang cannot take threads without
     * end (a driver whose code timed out is disabled by the registry and given no more).
     */
    private static final ExecutorService CODE_RUNNER = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "vireo-driver-code");
        t.setDaemon(true);
        return t;
    });

    /**
     * The libvirt URI to open for one of this driver's URIs. The plugin's code (made on first use)
     * runs on a thread of its own with a deadline, so one that throws, hangs or answers nonsense fails this connection
     * with a {@link DriverException} saying so, and nothing else. The caller waits up to the
     * deadline: never the UI thread ({@link DriverRegistry#open} asks on the connection's worker).
     */
    public String libvirtUri(String uri) {
        if (code == null) {
            return uri;
        }
        Future<String> answer = CODE_RUNNER.submit(() -> code.get().libvirtUri(uri));
        try {
            String libvirtUri = answer.get(CODE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (libvirtUri == null || libvirtUri.isBlank() || !libvirtUri.contains(":")) {
                throw new DriverException(this, NLS.bind(Messages.GAVE_NOT_A_LIBVIRT_URI_FOR, libvirtUri, uri), null);
            }
            return libvirtUri;
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new DriverException(this, NLS.bind(Messages.DID_NOT_ANSWER_WITHIN_S_FOR, CODE_TIMEOUT.toSeconds(),
                    uri), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new DriverException(this, DriverException.isCodeMissing(cause)
                    ? NLS.bind(Messages.COULD_NOT_MAKE_ITS_CODE, code.className(), DriverException.why(cause))
                    : NLS.bind(Messages.FAILED_FOR, uri, cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(this, Messages.WAS_INTERRUPTED, e);
        }
    }

    /**
     * How the monitor keeps a connection of this driver current: what the driver declares, else
     * events where it has them and polling where it has not (host interfaces: on demand).
     */
    public RefreshPolicy refreshPolicy(String uri) {
        // on this machine round trips cost nothing: more connections would only add work for the daemon
        RefreshPolicy policy = new RefreshPolicy()
                .loadConnections(isLoopback(uri) ? 0 : loadConnections.getOrDefault(transport(uri), 0));
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

    /** "ssh" for qemu+ssh://host/system, "tls" for qemu://host/system (libvirt's default), "local" for qemu:///system. */
    static String transport(String uri) {
        int end = uri.indexOf(':');
        int plus = uri.indexOf('+');
        if (plus >= 0 && plus < end) {
            return uri.substring(plus + 1, end);
        }
        return uri.startsWith("://", end) && !uri.startsWith(":///", end) ? "tls" : "local";
    }

    /** Whether the URI names this machine by a loopback address or "localhost" (or no host at all). */
    static boolean isLoopback(String uri) {
        int start = uri.indexOf("://");
        if (start < 0) {
            return true;
        }
        String authority = uri.substring(start + 3).split("[/?]", 2)[0];
        String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":\\d+$", "");
        return host.isEmpty() || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** "qemu" for qemu+ssh://host/system. */
    static String scheme(String uri) {
        int end = uri.indexOf(':');
        String scheme = end < 0 ? uri : uri.substring(0, end);
        int plus = scheme.indexOf('+');
        return plus < 0 ? scheme : scheme.substring(0, plus);
    }
}
