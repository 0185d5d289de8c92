package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtNative.INSTANCE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.libvirt.Connect;
import org.libvirt.ConnectAuth;
import org.libvirt.LibvirtException;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import dev.vireo.api.CallCounter;
import dev.vireo.api.Credentials;
import dev.vireo.api.LibvirtCallException;
import dev.vireo.api.LibvirtThreadGuard;
import dev.vireo.api.NodeInfo;
import dev.vireo.api.ObjectKind;

/**
 * One open libvirt connection, the session every call goes through: the single path by which
 * Vireo talks to libvirt. Its API families ({@link #domains()}, {@link #stats()},
 * {@link #objects()}, {@link #storage()}, {@link #snapshots()}, {@link #events()}) share its
 * handles and call path. Every call is
 * refused on a forbidden thread ({@link LibvirtThreadGuard}) and counted ({@link #calls()}), so
 * the cost of what Vireo does to a host can be shown and tested. Calls may come from any number
 * of threads at once; libvirt connections are thread-safe.
 *
 * <p>libvirt-java opens and closes the connection and runs keepalive and the close callback;
 * everything else goes through Vireo's own JNA bindings ({@link LibvirtNative}).
 */
public final class LibvirtConnection implements AutoCloseable {
    /** libvirt prints every error to stderr unless an error function is set; Vireo reports its own. */
    private static final LibvirtNative.ErrorFunc QUIET = (userData, error) -> {
    };

    static {
        INSTANCE.virSetErrorFunc(null, QUIET);
    }

    private final String uri;
    private final RawConnect connect;
    private final Pointer conn;
    private final CallCounter calls;
    private final Handles domainHandles = new Handles("virDomain", true);
    private final Map<ObjectKind, Handles> objectHandles = new EnumMap<>(ObjectKind.class);
    private final Domains domains = new Domains(this);
    private final DomainStatistics stats = new DomainStatistics(this);
    private final HostObjects objects = new HostObjects(this);
    private final Storage storage = new Storage(this);
    private final Snapshots snapshots = new Snapshots(this);
    private final Events events = new Events(this);
    /** The releases of the handles borrowed by the work this thread runs in {@link #scoped}. */
    private final ThreadLocal<List<Runnable>> leases = new ThreadLocal<>();
    /**
     * Calls hold it to read, {@link #close} to write: the connection pointer is never closed
     * under a call, and nothing (an event registration) is added to it once closed.
     */
    private final ReentrantReadWriteLock lifetime = new ReentrantReadWriteLock();
    private boolean closed;

    private LibvirtConnection(String uri, RawConnect connect, CallCounter calls) {
        this.uri = uri;
        this.connect = connect;
        this.conn = connect.pointer();
        this.calls = calls;
        for (ObjectKind kind : ObjectKind.values()) {
            objectHandles.put(kind, new Handles(KindBinding.of(kind).prefix, KindBinding.of(kind).byUuid));
        }
    }

    /** Opens a read-write connection; the process's event loop is started first if needed. */
    public static LibvirtConnection open(String uri) {
        return open(uri, new CallCounter());
    }

    /** Opens a connection whose calls are added to {@code calls} (shared across reconnects). */
    public static LibvirtConnection open(String uri, CallCounter calls) {
        return open(uri, calls, null);
    }

    /**
     * Opens a connection, answering the daemon's questions (SASL user name and password) from
     * {@code credentials}; without them a daemon that asks refuses the connection
     * ({@link LibvirtCallException#isAuthFailure()}).
     */
    public static LibvirtConnection open(String uri, CallCounter calls, Credentials credentials) {
        return open(uri, calls, credentials, 0);
    }

    /** Opens a connection that can only read ({@code VIR_CONNECT_RO}): for sessions that only fetch. */
    public static LibvirtConnection openReadOnly(String uri, CallCounter calls, Credentials credentials) {
        return open(uri, calls, credentials, CONNECT_RO);
    }

    private static final int CONNECT_RO = 1;

    private static LibvirtConnection open(String uri, CallCounter calls, Credentials credentials, int flags) {
        RawConnect connect = invoke(calls, "virConnectOpenAuth", () -> {
            LibvirtEventLoop.ensureRunning();
            return libvirtJava(() -> new RawConnect(uri, new ConnectAnswers(credentials), flags));
        });
        return new LibvirtConnection(uri, connect, calls);
    }

    public String uri() {
        return uri;
    }

    public CallCounter calls() {
        return calls;
    }

    /**
     * Has libvirt ping the other end every {@code intervalSeconds} and drop the connection after
     * {@code count} unanswered pings. Returns false where the driver has no keepalive (local ones).
     */
    public boolean setKeepAlive(int intervalSeconds, int count) {
        try {
            return call("virConnectSetKeepAlive", () -> libvirtJava(() -> connect.setKeepAlive(intervalSeconds, count)));
        } catch (LibvirtCallException e) {
            return false;
        }
    }

    /** Runs {@code listener} (on the event-loop thread) with libvirt's reason when the connection drops. */
    public void onClose(Consumer<String> listener) {
        call("virConnectRegisterCloseCallback", () -> libvirtJava(() -> {
            connect.registerCloseListener((c, reason) -> listener.accept(reason.name().toLowerCase()));
            return null;
        }));
    }

    public String capabilitiesXml() {
        return xml("virConnectGetCapabilities", () -> INSTANCE.virConnectGetCapabilities(conn));
    }

    /**
     * What the hypervisor offers a new domain of that architecture, machine and type (firmware,
     * device models, TPM backends); {@code null} arguments let libvirt choose.
     */
    public String domainCapabilitiesXml(String arch, String machine, String virtType) {
        return xml("virConnectGetDomainCapabilities",
                () -> INSTANCE.virConnectGetDomainCapabilities(conn, null, arch, machine, virtType, 0));
    }
    /** The host's CPU model, memory and topology ({@code virNodeGetInfo}). */
    public NodeInfo nodeInfo() {
        try (Memory info = new Memory(64)) {
            objectCall("virNodeGetInfo", new Object[] { conn, info });
            return new NodeInfo(info.getString(0), info.getLong(32), info.getInt(40), info.getInt(44),
                    info.getInt(48), info.getInt(52), info.getInt(56), info.getInt(60));
        }
    }

    public Domains domains() {
        return domains;
    }

    public DomainStatistics stats() {
        return stats;
    }

    public HostObjects objects() {
        return objects;
    }

    public Storage storage() {
        return storage;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    public Events events() {
        return events;
    }

    /** Stops holding handles to an object that no longer exists. */
    public void forget(ObjectKind kind, String key) {
        (kind == null ? domainHandles : objectHandles.get(kind)).forget(key);
    }

    /** Closes the connection once the calls under way have returned; calls made after it fail. */
    @Override
    public void close() {
        lifetime.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            // on a dead connection these fail; the close below frees what they held either way.
            // The close callback first: libvirt may call it after this object (and the Java callback
            // libvirt-java holds for it) is gone, into whatever JNA has put at that address since.
            call("virConnectUnregisterCloseCallback", () -> libvirtJava(() -> {
                connect.unregisterCloseListener();
                return null;
            }));
            events.deregisterAll();
            domainHandles.clear();
            objectHandles.values().forEach(Handles::clear);
        } finally {
            try {
                if (!closed) {
                    call("virConnectClose", () -> libvirtJava(connect::close));
                }
            } finally {
                closed = true;
                lifetime.writeLock().unlock();
            }
        }
    }

    Pointer conn() {
        return conn;
    }

    Handles domainHandles() {
        return domainHandles;
    }

    Handles handles(ObjectKind kind) {
        return objectHandles.get(kind);
    }

    Pointer domain(String uuid) {
        return held(domainHandles, "virDomainLookupByUUIDString", uuid);
    }

    Pointer object(ObjectKind kind, String key) {
        return held(objectHandles.get(kind), KindBinding.of(kind).lookup(), key);
    }

    void domainCall(String api, String uuid, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = domain(uuid);
        System.arraycopy(more, 0, args, 1, more.length);
        objectCall(api, args);
    }

    void objectCall(String api, Object[] args) {
        call(api, () -> check(LibvirtNative.function(api).invokeInt(args)));
    }

    /** A boolean a getter such as {@code virDomainGetAutostart} writes through its pointer argument. */
    boolean flag(Pointer object, String api) {
        IntByReference value = new IntByReference();
        objectCall(api, new Object[] { object, value });
        return value.getValue() != 0;
    }

    /** The handle held for {@code key}, else looked up once (a round trip) and held from then on. */
    private Pointer held(Handles handles, String lookup, String key) {
        Handles.Held h = handles.borrow(key);
        if (h == null) {
            handles.adopt(key, call(lookup, () -> check(
                    LibvirtNative.function(lookup).invokePointer(new Object[] { conn, key }))));
            h = handles.borrow(key);
            if (h == null) {
                throw new LibvirtCallException(lookup, "the connection is closing", -1, null);
            }
        }
        List<Runnable> scope = leases.get();
        if (scope != null) {
            Handles.Held lease = h;
            scope.add(() -> handles.release(lease));
        } else {
            handles.release(h); // no scope (a caller outside the workers): held, not borrowed
        }
        return h.pointer;
    }

    /**
     * Runs {@code work} with every handle it uses borrowed until it returns, so that an object
     * forgotten or a connection closed meanwhile is freed after the work, not under it. The
     * connection's workers run every call this way.
     */
    public <T> T scoped(Function<LibvirtConnection, T> work) {
        List<Runnable> outer = leases.get();
        List<Runnable> mine = new ArrayList<>();
        leases.set(mine);
        try {
            return work.apply(this);
        } finally {
            leases.set(outer);
            mine.forEach(Runnable::run);
        }
    }

    Pointer[] listAll(String api, int flags) {
        PointerByReference list = new PointerByReference();
        int n = call(api, () -> check(LibvirtNative.function(api).invokeInt(new Object[] { conn, list, flags })));
        return LibvirtNative.takeArray(list, n);
    }

    String xml(String api, Supplier<Pointer> body) {
        String xml = LibvirtNative.takeString(call(api, () -> check(body.get())));
        calls.countBytes(api, xml.getBytes(StandardCharsets.UTF_8).length);
        return xml;
    }

    /** libvirt's RPC carries strings of at most 4 MiB (VIR_NET_MESSAGE_STRING_MAX) and says only "Unable to encode". */
    private static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

    static void checkSize(String api, String xml) {
        long bytes = xml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DOCUMENT_BYTES) {
            throw new LibvirtCallException(api, String.format("the XML is %.1f MiB; libvirt takes at most 4 MiB", bytes / 1048576.0),
                    -1, null);
        }
    }

    <T> T call(String api, Supplier<T> body) {
        lifetime.readLock().lock();
        try {
            if (closed) {
                throw new LibvirtCallException(api, "the connection is closed", -1, null);
            }
            return invoke(calls, api, body);
        } finally {
            lifetime.readLock().unlock();
        }
    }
    /** The one way into libvirt: refused on a forbidden thread, counted, failures named by API. */
    static <T> T invoke(CallCounter calls, String api, Supplier<T> body) {
        LibvirtThreadGuard.check(api);
        calls.count(api);
        try {
            return body.get();
        } catch (Failure f) {
            throw new LibvirtCallException(api, f.getMessage(), f.code, f.getCause());
        }
    }

    /** Fails with libvirt's last error on this thread if {@code rc} says the call failed. */
    static int check(int rc) {
        if (rc < 0) {
            throw lastError();
        }
        return rc;
    }

    static Pointer check(Pointer p) {
        if (p == null) {
            throw lastError();
        }
        return p;
    }

    private static Failure lastError() {
        Pointer error = INSTANCE.virGetLastError();
        return new Failure(INSTANCE.virGetLastErrorMessage(), error == null ? -1 : error.getInt(0), null);
    }
    private static <T> T libvirtJava(LibvirtJavaCall<T> body) {
        try {
            return body.run();
        } catch (LibvirtException e) {
            throw new Failure(e.getMessage(), e.getError().getCode().ordinal(), e);
        }
    }

    /** A failed libvirt call, before {@link #call} names the API. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(String message, int code, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    @FunctionalInterface
    private interface LibvirtJavaCall<T> {
        T run() throws LibvirtException;
    }

    /** libvirt-java's connection, handing its native pointer to Vireo's own bindings. */
    private static final class RawConnect extends Connect {
        RawConnect(String uri, ConnectAuth auth, int flags) throws LibvirtException {
            super(uri, auth, flags);
        }

        Pointer pointer() {
            return vcp.getPointer();
        }
    }
}
