package dev.vireo.driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.osgi.util.NLS;

import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.spi.RefreshPolicy;
import dev.vireo.monitor.spi.RefreshPolicyProvider;
import dev.vireo.monitor.spi.RefreshStrategy;

/**
 * The installed hypervisor drivers, read from the {@code dev.vireo.driver.drivers} extension
 * point. A contribution that breaks the schema's rules is reported in the Error Log with the reason
 * and skipped; it never stops the others. Reading the registry runs no plugin code: a driver's
 * code is made when its first connection needs it, off the caller's thread, and a driver whose
 * code cannot be made or hangs is disabled for the session. As the
 * {@link RefreshPolicyProvider} it gives each connection its driver's refresh policy. A Declarative
 * Services component in the workbench (OSGI-INF/dev.vireo.driver.DriverRegistry.xml).
 */
public final class DriverRegistry implements RefreshPolicyProvider {
    public static final String EXTENSION_POINT = "dev.vireo.driver.drivers";
    private static final Set<String> EVENT_FAMILIES = Set.of("domain", "network", "storage-pool", "node-device",
            "secret");

    private final List<HypervisorDriver> drivers = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final Map<String, String> disabled = new ConcurrentHashMap<>();

    /** Reads the drivers contributed to the running platform: the component's constructor. */
    public DriverRegistry() {
        this(Platform.getExtensionRegistry());
    }

    /** Reads the drivers contributed to {@code registry}. */
    public DriverRegistry(IExtensionRegistry registry) {
        Map<String, HypervisorDriver> byId = new HashMap<>();
        for (IConfigurationElement element : registry.getConfigurationElementsFor(EXTENSION_POINT)) {
            String contributor = element.getContributor().getName();
            try {
                HypervisorDriver driver = read(element, contributor);
                if (byId.putIfAbsent(driver.id(), driver) != null) {
                    throw new IllegalArgumentException(NLS.bind(Messages.THE_ID_IS_TAKEN_BY, driver.id(),
                            byId.get(driver.id()).contributor()));
                }
                drivers.add(driver);
            } catch (RuntimeException e) {
                String reason = NLS.bind(Messages.DRIVER_FROM_SKIPPED, new Object[] { element.getAttribute("id"),
                        contributor, e.getMessage() });
                rejected.add(reason);
                ILog.of(DriverRegistry.class).error(reason, e);
            }
        }
    }

    public List<HypervisorDriver> drivers() {
        return List.copyOf(drivers);
    }

    /** Why contributions were skipped, one line each. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    public Optional<HypervisorDriver> forUri(String uri) {
        return drivers.stream().filter(d -> d.handles(uri)).findFirst();
    }

    /** The refresh policy of the driver of {@code uri}; the default one where no driver handles it. */
    @Override
    public RefreshPolicy policyFor(String uri) {
        return forUri(uri).map(d -> d.refreshPolicy(uri)).orElseGet(RefreshPolicy::new);
    }

    /**
     * Opens a connection through its driver, which says what libvirt URI that is; returns at once.
     * The driver plugin's code runs on the connection's worker: if it fails, hangs or answers
     * nonsense, the connection shows why, and a driver that hung is disabled for the session.
     */
    public VirtConnection open(ConnectionManager manager, String uri) {
        HypervisorDriver driver = forUri(uri).orElse(null);
        return manager.open(uri, driver == null ? () -> uri : () -> libvirtUri(driver, uri));
    }

    private String libvirtUri(HypervisorDriver driver, String uri) {
        String reason = disabled.get(driver.id());
        if (reason != null) {
            throw new DriverException(driver, NLS.bind(Messages.IS_DISABLED_FOR_THIS_SESSION, reason), null);
        }
        try {
            return driver.libvirtUri(uri);
        } catch (DriverException e) {
            if (e.timedOut() || e.codeMissing()) {
                disabled.put(driver.id(), e.getMessage());
                ILog.of(DriverRegistry.class).error(NLS.bind(Messages.DRIVER_FROM_DISABLED_FOR_THIS_SESSION,
                        new Object[] { driver.id(), driver.contributor(), e.getMessage() }), e);
            }
            throw e;
        }
    }

    /** Why a driver was disabled for this session (its code hung); {@code null} if it was not. */
    public String disabledReason(String driverId) {
        return disabled.get(driverId);
    }

    private static HypervisorDriver read(IConfigurationElement e, String contributor) {
        String id = required(e, "id");
        List<String> schemes = new ArrayList<>();
        Set<String> transports = new LinkedHashSet<>();
        for (IConfigurationElement scheme : e.getChildren("scheme")) {
            schemes.add(required(scheme, "name"));
            transports.addAll(list(scheme.getAttribute("transports"), "local"));
        }
        if (schemes.isEmpty()) {
            throw new IllegalArgumentException(Messages.IT_NAMES_NO_URI_SCHEME);
        }
        IConfigurationElement[] caps = e.getChildren("capabilities");
        if (caps.length != 1) {
            throw new IllegalArgumentException(Messages.IT_MUST_DECLARE_ITS_CAPABILITIES_ONCE);
        }
        Set<String> events = new LinkedHashSet<>(list(caps[0].getAttribute("events"), null));
        if (!EVENT_FAMILIES.containsAll(events)) {
            throw new IllegalArgumentException(NLS.bind(Messages.UNKNOWN_EVENT_FAMILIES_IN_KNOWN, events,
                    EVENT_FAMILIES));
        }
        Capabilities capabilities = new Capabilities(Set.copyOf(events), flag(caps[0], "bulkStats"),
                flag(caps[0], "snapshots"), flag(caps[0], "migration"), flag(caps[0], "managedSave"),
                flag(caps[0], "volumeCreation"), Set.copyOf(list(caps[0].getAttribute("consoles"), null)));
        Map<String, RefreshStrategy> refresh = new HashMap<>();
        for (IConfigurationElement r : e.getChildren("refresh")) {
            refresh.put(required(r, "objects"), switch (required(r, "strategy")) {
                case "events" -> RefreshStrategy.EVENTS;
                case "on-demand" -> RefreshStrategy.ON_DEMAND;
                case "poll" -> RefreshStrategy.poll(seconds(r, "interval", null));
                default -> throw new IllegalArgumentException(NLS.bind(Messages.UNKNOWN_STRATEGY,
                        r.getAttribute("strategy")));
            });
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (IConfigurationElement field : e.getChildren("field")) {
            fields.put(required(field, "name"), field.getAttribute("default") == null ? ""
                    : field.getAttribute("default"));
        }
        List<DeviceTemplate> devices = new ArrayList<>();
        for (IConfigurationElement device : e.getChildren("device")) {
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> domainValues = new LinkedHashMap<>();
            for (IConfigurationElement set : device.getChildren("set")) {
                ("domain".equals(set.getAttribute("on")) ? domainValues : values).put(required(set, "feature"),
                        required(set, "value"));
            }
            devices.add(new DeviceTemplate(required(device, "label"), required(device, "list"),
                    Collections.unmodifiableMap(values), Collections.unmodifiableMap(domainValues)));
        }
        Map<String, Integer> loadConnections = new HashMap<>();
        for (IConfigurationElement fanOut : e.getChildren("loadFanOut")) {
            int connections = Integer.parseInt(required(fanOut, "connections"));
            if (connections < 0 || connections > 3) {
                throw new IllegalArgumentException(NLS.bind(Messages.LOADFANOUT_CONNECTIONS_MUST_BE_TO_NOT,
                        connections));
            }
            list(required(fanOut, "transports"), null).forEach(t -> loadConnections.put(t, connections));
        }
        PluginCode code = e.getAttribute("class") == null ? null : new PluginCode(e);
        return new HypervisorDriver(id, required(e, "name"), contributor, List.copyOf(schemes), Set.copyOf(transports),
                Collections.unmodifiableMap(fields), capabilities, Map.copyOf(refresh), seconds(e, "statsInterval",
                        "3"),
                List.copyOf(devices), Map.copyOf(loadConnections), code);
    }

    private static String required(IConfigurationElement e, String attribute) {
        String value = e.getAttribute(attribute);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(NLS.bind(Messages.NEEDS_THE_ATTRIBUTE, e.getName(), attribute));
        }
        return value;
    }

    private static Duration seconds(IConfigurationElement e, String attribute, String fallback) {
        String value = e.getAttribute(attribute) == null ? fallback : e.getAttribute(attribute);
        try {
            long seconds = Long.parseLong(value == null ? "" : value.strip());
            if (seconds <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(NLS.bind(Messages.MUST_BE_A_NUMBER_OF_SECONDS,
                    new Object[] { e.getName(), attribute, value }));
        }
    }

    private static boolean flag(IConfigurationElement e, String attribute) {
        return Boolean.parseBoolean(e.getAttribute(attribute));
    }

    private static List<String> list(String value, String fallback) {
        String v = value == null ? fallback : value;
        return v == null || v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::strip).toList();
    }
}
