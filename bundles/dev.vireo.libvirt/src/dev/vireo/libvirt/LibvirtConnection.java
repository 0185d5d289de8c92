package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;

/**
 * One open libvirt connection: the single path by which Vireo talks to libvirt. Every call is
 * refused on a forbidden thread ({@link LibvirtThreadGuard}) and counted ({@link #calls()}), so
 * the cost of what Vireo does to a host can be shown and tested. Calls may come from any number
 * of threads at once; libvirt connections are thread-safe.
 */
public final class LibvirtConnection implements AutoCloseable {
    private final String uri;
    private final Connect connect;
    private final CallCounter calls;
    /** Domain handles by UUID: a handle already held saves a lookup round trip. */
    private final Map<String, Domain> handles = new ConcurrentHashMap<>();

    private LibvirtConnection(String uri, Connect connect, CallCounter calls) {
        this.uri = uri;
        this.connect = connect;
        this.calls = calls;
    }

    /** Opens a read-write connection; the process's event loop is started first if needed. */
    public static LibvirtConnection open(String uri) {
        LibvirtEventLoop.ensureRunning();
        CallCounter calls = new CallCounter();
        Connect connect = invoke(calls, "virConnectOpen", () -> new Connect(uri, false));
        return new LibvirtConnection(uri, connect, calls);
    }

    public String uri() {
        return uri;
    }

    public CallCounter calls() {
        return calls;
    }

    /** All domains, active and inactive, with state, vCPUs and memory. */
    public List<DomainSummary> listAllDomains() {
        Domain[] domains = call("virConnectListAllDomains", () -> connect.listAllDomains(0));
        List<DomainSummary> result = new ArrayList<>(domains.length);
        for (Domain d : domains) {
            String uuid = local(d::getUUIDString);
            handles.put(uuid, d);
            result.add(summarize(uuid, d));
        }
        return result;
    }

    public DomainSummary domainSummary(String uuid) {
        return summarize(uuid, handle(uuid));
    }

    public String defineDomain(String xml) {
        Domain d = call("virDomainDefineXML", () -> connect.domainDefineXML(xml));
        String uuid = local(d::getUUIDString);
        handles.put(uuid, d);
        return uuid;
    }

    public void undefine(String uuid) {
        Domain d = handle(uuid);
        call("virDomainUndefine", () -> {
            d.undefine();
            return null;
        });
        handles.remove(uuid);
    }

    public void start(String uuid) {
        Domain d = handle(uuid);
        call("virDomainCreate", d::create);
    }

    /** Asks the guest to shut down (ACPI); the domain stops when the guest has done so. */
    public void shutdown(String uuid) {
        Domain d = handle(uuid);
        call("virDomainShutdown", () -> {
            d.shutdown();
            return null;
        });
    }

    /** Stops the domain at once, like pulling its power plug ("Force Off"). */
    public void destroy(String uuid) {
        Domain d = handle(uuid);
        call("virDomainDestroy", () -> {
            d.destroy();
            return null;
        });
    }

    /**
     * Subscribes to domain lifecycle events. The listener runs on the libvirt event-loop thread and
     * must return quickly: hand work off, do not call libvirt from it.
     */
    public void addDomainLifecycleListener(Consumer<DomainLifecycleEvent> listener) {
        LifecycleListener bridge = (Domain domain, DomainEvent event) -> {
            String uuid = local(domain::getUUIDString);
            handles.putIfAbsent(uuid, domain);
            listener.accept(new DomainLifecycleEvent(uuid, local(domain::getName),
                    DomainLifecycleEvent.Type.values()[event.getType().ordinal()],
                    ((Enum<?>) event.getDetail()).ordinal()));
            return 0;
        };
        call("virConnectDomainEventRegisterAny", () -> {
            connect.addLifecycleListener(bridge);
            return null;
        });
    }

    @Override
    public void close() {
        handles.clear();
        call("virConnectClose", connect::close);
    }

    private Domain handle(String uuid) {
        Domain d = handles.get(uuid);
        if (d == null) {
            d = call("virDomainLookupByUUIDString", () -> connect.domainLookupByUUIDString(uuid));
            handles.put(uuid, d);
        }
        return d;
    }

    private DomainSummary summarize(String uuid, Domain d) {
        DomainInfo info = call("virDomainGetInfo", d::getInfo);
        return new DomainSummary(uuid, local(d::getName), DomainState.ofLibvirt(info.state.ordinal()),
                info.nrVirtCpu, info.memory, info.maxMem);
    }

    private <T> T call(String api, LibvirtCall<T> body) {
        return invoke(calls, api, body);
    }

    private static <T> T invoke(CallCounter calls, String api, LibvirtCall<T> body) {
        LibvirtThreadGuard.check(api);
        calls.count(api);
        try {
            return body.run();
        } catch (LibvirtException e) {
            throw new LibvirtCallException(api, e.getMessage(), e);
        }
    }

    /** Reads what libvirt keeps in the client-side object (name, UUID): no round trip, not counted. */
    private static <T> T local(LibvirtCall<T> body) {
        try {
            return body.run();
        } catch (LibvirtException e) {
            throw new LibvirtCallException("local", e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface LibvirtCall<T> {
        T run() throws LibvirtException;
    }
}
