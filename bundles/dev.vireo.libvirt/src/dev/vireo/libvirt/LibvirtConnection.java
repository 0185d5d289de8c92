package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtNative.INSTANCE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.libvirt.Connect;
import org.libvirt.ConnectAuth;
import org.libvirt.LibvirtException;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * One open libvirt connection: the single path by which Vireo talks to libvirt. Every call is
 * refused on a forbidden thread ({@link LibvirtThreadGuard}) and counted ({@link #calls()}), so
 * the cost of what Vireo does to a host can be shown and tested. Calls may come from any number
 * of threads at once; libvirt connections are thread-safe.
 *
 * <p>libvirt-java opens and closes the connection and runs keepalive and the close callback;
 * everything else goes through Vireo's own JNA bindings ({@link LibvirtNative}).
 */
public final class LibvirtConnection implements AutoCloseable {
    /** Domain events other than lifecycle that Vireo subscribes to (libvirt's VIR_DOMAIN_EVENT_ID_*). */
    public static final int EVENT_REBOOT = 1, EVENT_GRAPHICS = 5, EVENT_CONTROL_ERROR = 7, EVENT_DISK_CHANGE = 9,
            EVENT_TRAY_CHANGE = 10, EVENT_BALLOON_CHANGE = 13, EVENT_DEVICE_REMOVED = 15, EVENT_TUNABLE = 17,
            EVENT_DEVICE_ADDED = 19, EVENT_JOB_COMPLETED = 21, EVENT_METADATA_CHANGE = 23;
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
    private final Handles domains = new Handles("virDomain", true);
    private final Map<ObjectKind, Handles> objects = new EnumMap<>(ObjectKind.class);
    /** Registered event callbacks: libvirt holds only their addresses, so they must stay reachable. */
    private final List<Callback> callbacks = new ArrayList<>();
    private final List<Runnable> deregistrations = new ArrayList<>();
    private volatile boolean statsNowait = true;
    private volatile boolean bulkStats = true;

    private LibvirtConnection(String uri, RawConnect connect, CallCounter calls) {
        this.uri = uri;
        this.connect = connect;
        this.conn = connect.pointer();
        this.calls = calls;
        for (ObjectKind kind : ObjectKind.values()) {
            objects.put(kind, new Handles(kind.prefix, kind.byUuid));
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
        RawConnect connect = invoke(calls, "virConnectOpenAuth", () -> {
            LibvirtEventLoop.ensureRunning();
            return libvirtJava(() -> new RawConnect(uri, new Answers(credentials)));
        });
        return new LibvirtConnection(uri, connect, calls);
    }

    /**
     * libvirt's credential callback, answered from what the user gave; never prompts itself.
     * libvirt frees each answer with free(), so answers are written by hand into malloc'd memory:
     * libvirt-java's own callback hands it JNA-owned memory, which crashes the process.
     */
    private static final class Answers extends ConnectAuth {
        /** {@code virConnectCredential}: int type; 3 strings; char *result; unsigned int resultlen. */
        private static final int SIZE = 48, RESULT = 32, RESULT_LENGTH = 40;
        private static final int USERNAME = 1, AUTHNAME = 2, PASSPHRASE = 5, ECHOPROMPT = 6, NOECHOPROMPT = 7;
        private final Credentials credentials;

        Answers(Credentials credentials) {
            this.credentials = credentials;
            credType = new CredentialType[] { CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_USERNAME,
                    CredentialType.VIR_CRED_PASSPHRASE, CredentialType.VIR_CRED_ECHOPROMPT,
                    CredentialType.VIR_CRED_NOECHOPROMPT };
        }

        @Override
        public int authCallback(org.libvirt.jna.virConnectCredential asked, int count, Pointer data) {
            if (credentials == null) {
                return -1; // the host asks and nobody has answered yet: the caller asks the user
            }
            Pointer base = asked.getPointer();
            for (int i = 0; i < count; i++) {
                Pointer credential = base.share((long) i * SIZE);
                java.nio.ByteBuffer answer = switch (credential.getInt(0)) {
                    case USERNAME, AUTHNAME, ECHOPROMPT -> StandardCharsets.UTF_8.encode(credentials.user());
                    case PASSPHRASE, NOECHOPROMPT -> StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(
                            credentials.password()));
                    default -> null;
                };
                if (answer == null) {
                    return -1;
                }
                int length = answer.remaining();
                Pointer copy = new Pointer(Native.malloc(length + 1L));
                copy.write(0, answer.array(), answer.arrayOffset() + answer.position(), length);
                copy.setByte(length, (byte) 0);
                java.util.Arrays.fill(answer.array(), (byte) 0); // no copy of the password left on the heap
                credential.setPointer(RESULT, copy);
                credential.setInt(RESULT_LENGTH, length);
            }
            return 0;
        }

        @Override
        public int callback(Credential[] asked) {
            throw new UnsupportedOperationException("answered in authCallback");
        }
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

    /** Which domains to list: all of them, or only those with ({@link #PERSISTENT}) or without a definition. */
    public static final int ALL = 0, PERSISTENT = 4, TRANSIENT = 8;
    /** libvirt's VIR_DOMAIN_STATS_* groups. */
    public static final int STATS_STATE = 1, STATS_CPU_TOTAL = 2, STATS_BALLOON = 4, STATS_VCPU = 8,
            STATS_INTERFACE = 16, STATS_BLOCK = 32;

    /**
     * The domains selected by {@code which} with their state and the statistics asked for, in one
     * call ({@code virConnectGetAllDomainStats}); {@code stats} is a mask of {@code STATS_*}.
     * Drivers without bulk statistics are asked for each domain's state instead.
     */
    public List<DomainStats> domainStats(int stats, int which) {
        if (bulkStats) {
            try {
                return bulkStats(stats, which);
            } catch (LibvirtCallException e) {
                if (!e.isUnsupported()) {
                    throw e;
                }
                bulkStats = false;
            }
        }
        return listAndAskEachState(which);
    }

    /** Whether the driver answers {@link #domainStats} in one call (else it costs one call per domain). */
    public boolean hasBulkStats() {
        return bulkStats;
    }

    /**
     * One domain's state, vCPUs, memory and CPU time ({@code virDomainGetInfo}), as a stats record
     * with the bulk call's field names, for drivers without bulk statistics.
     */
    public DomainStats domainInfo(String uuid) {
        Pointer d = domain(uuid);
        try (Memory info = new Memory(40)) {
            call("virDomainGetInfo", () -> check(INSTANCE.virDomainGetInfo(d, info)));
            DomainState state = DomainState.ofLibvirt(info.getByte(0));
            return new DomainStats(uuid, domains.name(d), state, 0, Map.of("state.state", state.ordinal(),
                    "balloon.maximum", info.getLong(8), "balloon.current", info.getLong(16),
                    "vcpu.current", (int) info.getShort(24), "cpu.time", info.getLong(32)));
        }
    }

    private List<DomainStats> bulkStats(int stats, int which) {
        PointerByReference records = new PointerByReference();
        int n;
        try {
            int flags = which | (statsNowait ? LibvirtNative.VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT : 0);
            n = call("virConnectGetAllDomainStats", () -> check(INSTANCE.virConnectGetAllDomainStats(conn,
                    stats | STATS_STATE, records, flags)));
        } catch (LibvirtCallException e) {
            if (!statsNowait || !e.isUnsupported()) {
                throw e;
            }
            statsNowait = false; // only QEMU knows NOWAIT; ask the others plainly from now on
            return bulkStats(stats, which);
        }
        Pointer list = records.getValue();
        try {
            List<DomainStats> result = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Pointer record = list.getPointer((long) i * Native.POINTER_SIZE);
                Pointer domain = record.getPointer(0);
                String uuid = domains.uuid(domain);
                domains.keep(uuid, domain);
                Map<String, Object> values = TypedParameters.read(record.getPointer(Native.POINTER_SIZE),
                        record.getInt(2L * Native.POINTER_SIZE));
                result.add(new DomainStats(uuid, domains.name(domain),
                        DomainState.ofLibvirt(((Number) values.getOrDefault("state.state", 0)).intValue()),
                        ((Number) values.getOrDefault("state.reason", 0)).intValue(), values));
            }
            return result;
        } finally {
            if (list != null) {
                INSTANCE.virDomainStatsRecordListFree(list);
            }
        }
    }

    private List<DomainStats> listAndAskEachState(int which) {
        List<DomainStats> result = new ArrayList<>();
        for (Pointer domain : listAll("virConnectListAllDomains", which)) {
            String uuid = domains.uuid(domain);
            domains.adopt(uuid, domain);
            int[] state = domainState(uuid);
            result.add(new DomainStats(uuid, domains.name(domain), DomainState.ofLibvirt(state[0]), state[1], Map.of()));
        }
        return result;
    }

    /** The domain's state and reason codes ({@code virDomainGetState}). */
    public int[] domainState(String uuid) {
        Pointer d = domain(uuid);
        IntByReference state = new IntByReference();
        IntByReference reason = new IntByReference();
        call("virDomainGetState", () -> check(INSTANCE.virDomainGetState(d, state, reason, 0)));
        return new int[] { state.getValue(), reason.getValue() };
    }

    /** The domain's XML as it runs now (for a running domain; else its definition). */
    public String domainXml(String uuid) {
        return domainXml(uuid, 0);
    }

    /** The definition a running domain gets at its next boot: what an edit must start from and change. */
    public String nextBootXml(String uuid) {
        return domainXml(uuid, XML_INACTIVE);
    }

    private static final int XML_INACTIVE = 2;

    private String domainXml(String uuid, int flags) {
        Pointer d = domain(uuid);
        return xml("virDomainGetXMLDesc",
                () -> LibvirtNative.function("virDomainGetXMLDesc").invokePointer(new Object[] { d, flags }));
    }

    /** Defines (or redefines) a domain from XML; returns its UUID. libvirt's error names what is wrong. */
    public String defineDomain(String xml) {
        checkSize("virDomainDefineXML", xml);
        Pointer d = call("virDomainDefineXML", () -> check(INSTANCE.virDomainDefineXML(conn, xml)));
        String uuid = domains.uuid(d);
        domains.adopt(uuid, d);
        return uuid;
    }

    public void undefine(String uuid) {
        Pointer d = domain(uuid);
        call("virDomainUndefine", () -> check(INSTANCE.virDomainUndefine(d)));
    }

    public void start(String uuid) {
        Pointer d = domain(uuid);
        call("virDomainCreate", () -> check(INSTANCE.virDomainCreate(d)));
    }

    /** Asks the guest to shut down (ACPI); the domain stops when the guest has done so. */
    public void shutdown(String uuid) {
        Pointer d = domain(uuid);
        call("virDomainShutdown", () -> check(INSTANCE.virDomainShutdown(d)));
    }

    /** Stops the domain at once, like pulling its power plug ("Force Off"). */
    public void destroy(String uuid) {
        Pointer d = domain(uuid);
        call("virDomainDestroy", () -> check(INSTANCE.virDomainDestroy(d)));
    }

    public void suspend(String uuid) {
        domainCall("virDomainSuspend", uuid);
    }

    public void resume(String uuid) {
        domainCall("virDomainResume", uuid);
    }

    /** Asks the guest to reboot. */
    public void reboot(String uuid) {
        domainCall("virDomainReboot", uuid, 0);
    }

    /** Resets the domain at once, like pressing its reset button. */
    public void reset(String uuid) {
        domainCall("virDomainReset", uuid, 0);
    }

    /** Saves the domain's memory to a file libvirt manages and stops it; the next start restores it. */
    public void managedSave(String uuid) {
        domainCall("virDomainManagedSave", uuid, 0);
    }

    /** Removes the definition with its managed save image, snapshot metadata and NVRAM, as virt-manager does. */
    public void undefineWithEverything(String uuid) {
        domainCall("virDomainUndefineFlags", uuid, UNDEFINE_MANAGED_SAVE | UNDEFINE_SNAPSHOTS_METADATA | UNDEFINE_NVRAM);
    }

    private static final int UNDEFINE_MANAGED_SAVE = 1, UNDEFINE_SNAPSHOTS_METADATA = 2, UNDEFINE_NVRAM = 4;

    public boolean autostart(String uuid) {
        return autostart(domain(uuid), "virDomainGetAutostart");
    }

    public void setAutostart(String uuid, boolean on) {
        domainCall("virDomainSetAutostart", uuid, on ? 1 : 0);
    }

    /** Whether a network or storage pool starts with the host. */
    public boolean autostart(ObjectKind kind, String key) {
        return autostart(object(kind, key), kind.prefix + "GetAutostart");
    }

    public void setAutostart(ObjectKind kind, String key, boolean on) {
        objectCall(kind.prefix + "SetAutostart", new Object[] { object(kind, key), on ? 1 : 0 });
    }

    private boolean autostart(Pointer object, String api) {
        IntByReference value = new IntByReference();
        objectCall(api, new Object[] { object, value });
        return value.getValue() != 0;
    }

    private void domainCall(String api, String uuid, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = domain(uuid);
        System.arraycopy(more, 0, args, 1, more.length);
        objectCall(api, args);
    }

    /** The host's CPU model, memory and topology ({@code virNodeGetInfo}). */
    public NodeInfo nodeInfo() {
        try (Memory info = new Memory(64)) {
            objectCall("virNodeGetInfo", new Object[] { conn, info });
            return new NodeInfo(info.getString(0), info.getLong(32), info.getInt(40), info.getInt(44),
                    info.getInt(48), info.getInt(52), info.getInt(56), info.getInt(60));
        }
    }

    /** Creates a volume in a storage pool from its XML; returns the volume's path. */
    public String createVolume(String poolKey, String xml) {
        Pointer pool = object(ObjectKind.STORAGE_POOL, poolKey);
        Pointer volume = call("virStorageVolCreateXML", () -> check(
                LibvirtNative.function("virStorageVolCreateXML").invokePointer(new Object[] { pool, xml, 0 })));
        try {
            return LibvirtNative.takeString(call("virStorageVolGetPath", () -> check(LibvirtNative
                    .function("virStorageVolGetPath").invokePointer(new Object[] { volume }))));
        } finally {
            LibvirtNative.function("virStorageVolFree").invokeInt(new Object[] { volume });
        }
    }

    /** Deletes the storage volume at {@code path} (found in whichever pool holds it) with its data. */
    public void deleteVolume(String path) {
        withVolume(path, volume -> objectCall("virStorageVolDelete", new Object[] { volume, 0 }));
    }

    /** Grows or shrinks a volume to {@code bytes}. */
    public void resizeVolume(String path, long bytes) {
        withVolume(path, volume -> objectCall("virStorageVolResize", new Object[] { volume, bytes, 0 }));
    }

    private void withVolume(String path, Consumer<Pointer> action) {
        Pointer volume = call("virStorageVolLookupByPath", () -> check(
                LibvirtNative.function("virStorageVolLookupByPath").invokePointer(new Object[] { conn, path })));
        try {
            action.accept(volume);
        } finally {
            LibvirtNative.function("virStorageVolFree").invokeInt(new Object[] { volume });
        }
    }

    /**
     * Copies the volume at {@code path} into a new volume {@code newName} of the same pool, with
     * libvirt doing the copy on the host; returns the new volume's path.
     */
    public String cloneVolume(String path, String newName) {
        Pointer[] made = new Pointer[1];
        withVolume(path, source -> {
            Pointer pool = call("virStoragePoolLookupByVolume", () -> check(LibvirtNative
                    .function("virStoragePoolLookupByVolume").invokePointer(new Object[] { source })));
            try {
                String xml = xml("virStorageVolGetXMLDesc", () -> LibvirtNative.function("virStorageVolGetXMLDesc")
                        .invokePointer(new Object[] { source, 0 }));
                // libvirt takes the new volume's name and size from the XML, the rest from the source
                String capacity = xml.replaceAll("(?s).*(<capacity[^>]*>[^<]*</capacity>).*", "$1");
                String newXml = "<volume><name>" + newName.replace("&", "&amp;").replace("<", "&lt;") + "</name>"
                        + capacity + "</volume>";
                made[0] = call("virStorageVolCreateXMLFrom", () -> check(LibvirtNative.function("virStorageVolCreateXMLFrom")
                        .invokePointer(new Object[] { pool, newXml, source, 0 })));
            } finally {
                LibvirtNative.function("virStoragePoolFree").invokeInt(new Object[] { pool });
            }
        });
        try {
            return LibvirtNative.takeString(call("virStorageVolGetPath", () -> check(LibvirtNative
                    .function("virStorageVolGetPath").invokePointer(new Object[] { made[0] }))));
        } finally {
            LibvirtNative.function("virStorageVolFree").invokeInt(new Object[] { made[0] });
        }
    }

    /**
     * Moves a domain to the host of {@code destination}: {@code live} while it runs, else its
     * definition only (offline); the destination keeps it defined and the source forgets it.
     */
    public void migrate(String uuid, LibvirtConnection destination, boolean live) {
        Pointer d = domain(uuid);
        int flags = (live ? MIGRATE_LIVE : MIGRATE_OFFLINE) | MIGRATE_PERSIST_DEST | MIGRATE_UNDEFINE_SOURCE;
        Pointer moved = call("virDomainMigrate", () -> check(LibvirtNative.function("virDomainMigrate")
                .invokePointer(new Object[] { d, destination.conn, (long) flags, null, null, 0L })));
        LibvirtNative.function("virDomainFree").invokeInt(new Object[] { moved });
    }

    private static final int MIGRATE_LIVE = 1, MIGRATE_PERSIST_DEST = 8, MIGRATE_UNDEFINE_SOURCE = 16,
            MIGRATE_OFFLINE = 1024;

    /**
     * Opens the domain's serial console as a byte stream ({@code virDomainOpenConsole}), taking
     * it over from any other client. Read and write it from threads other than the UI's.
     */
    public ConsoleStream openConsole(String uuid) {
        Pointer d = domain(uuid);
        Pointer stream = call("virStreamNew", () -> check(LibvirtNative.function("virStreamNew")
                .invokePointer(new Object[] { conn, 0 })));
        try {
            call("virDomainOpenConsole", () -> check(LibvirtNative.function("virDomainOpenConsole")
                    .invokeInt(new Object[] { d, null, stream, CONSOLE_FORCE })));
        } catch (LibvirtCallException e) {
            LibvirtNative.function("virStreamFree").invokeInt(new Object[] { stream });
            throw e;
        }
        return new ConsoleStream(stream, calls);
    }

    private static final int CONSOLE_FORCE = 1;

    /** Has a storage pool look at its backing storage again, e.g. for volumes made by others. */
    public void refreshPool(String key) {
        objectCall("virStoragePoolRefresh", new Object[] { object(ObjectKind.STORAGE_POOL, key), 0 });
    }

    /** Builds a pool's backing storage (a directory for dir pools) before its first start. */
    public void buildPool(String key) {
        objectCall("virStoragePoolBuild", new Object[] { object(ObjectKind.STORAGE_POOL, key), 0 });
    }

    /** A domain's snapshots, each as its XML (name, description, state, parent, time), in one call plus one per snapshot. */
    public List<String> snapshotXmls(String uuid) {
        Pointer d = domain(uuid);
        PointerByReference list = new PointerByReference();
        int n = call("virDomainListAllSnapshots", () -> check(INSTANCE.virDomainListAllSnapshots(d, list, 0)));
        List<String> xmls = new ArrayList<>();
        for (Pointer snapshot : LibvirtNative.takeArray(list, n)) {
            try {
                xmls.add(xml("virDomainSnapshotGetXMLDesc", () -> LibvirtNative.function("virDomainSnapshotGetXMLDesc")
                        .invokePointer(new Object[] { snapshot, 0 })));
            } finally {
                INSTANCE.virDomainSnapshotFree(snapshot);
            }
        }
        return xmls;
    }

    /** Takes a snapshot described by {@code xml} ({@code <domainsnapshot>}); of a running domain, with its memory. */
    public void createSnapshot(String uuid, String xml) {
        Pointer d = domain(uuid);
        Pointer snapshot = call("virDomainSnapshotCreateXML", () -> check(LibvirtNative.function("virDomainSnapshotCreateXML")
                .invokePointer(new Object[] { d, xml, 0 })));
        INSTANCE.virDomainSnapshotFree(snapshot);
    }

    /** Puts the domain back to a snapshot: its disks, and its memory and run state if the snapshot has them. */
    public void revertToSnapshot(String uuid, String name) {
        withSnapshot(uuid, name, s -> objectCall("virDomainRevertToSnapshot", new Object[] { s, 0 }));
    }

    /** Deletes a snapshot; its children become children of its parent. */
    public void deleteSnapshot(String uuid, String name) {
        withSnapshot(uuid, name, s -> objectCall("virDomainSnapshotDelete", new Object[] { s, 0 }));
    }

    private void withSnapshot(String uuid, String name, Consumer<Pointer> action) {
        Pointer d = domain(uuid);
        Pointer snapshot = call("virDomainSnapshotLookupByName", () -> check(LibvirtNative
                .function("virDomainSnapshotLookupByName").invokePointer(new Object[] { d, name, 0 })));
        try {
            action.accept(snapshot);
        } finally {
            INSTANCE.virDomainSnapshotFree(snapshot);
        }
    }

    public List<String> snapshotNames(String uuid) {
        Pointer d = domain(uuid);
        PointerByReference list = new PointerByReference();
        int n = call("virDomainListAllSnapshots", () -> check(INSTANCE.virDomainListAllSnapshots(d, list, 0)));
        List<String> names = new ArrayList<>();
        for (Pointer snapshot : LibvirtNative.takeArray(list, n)) {
            names.add(INSTANCE.virDomainSnapshotGetName(snapshot));
            INSTANCE.virDomainSnapshotFree(snapshot);
        }
        return names;
    }

    /**
     * Subscribes to domain lifecycle events. The listener runs on the libvirt event-loop thread
     * and must return quickly: hand work off, do not call libvirt from it.
     */
    public void subscribeDomainLifecycle(Consumer<DomainLifecycleEvent> listener) {
        registerDomainEvent(0, (LibvirtNative.LifecycleCallback) (c, domain, event, detail, opaque) -> {
            if (event >= DomainLifecycleEvent.Type.values().length) {
                return; // a type newer than Vireo
            }
            String uuid = domains.uuid(domain);
            domains.keep(uuid, domain);
            listener.accept(new DomainLifecycleEvent(uuid, domains.name(domain),
                    DomainLifecycleEvent.Type.values()[event], detail));
        });
    }

    /**
     * Subscribes to one of the other domain events ({@code EVENT_*}); the listener gets the
     * domain's UUID, on the event-loop thread.
     */
    public void subscribeDomainEvent(int eventId, Consumer<String> listener) {
        registerDomainEvent(eventId, (LibvirtNative.ObjectCallback) (c, domain) -> {
            String uuid = domains.uuid(domain);
            domains.keep(uuid, domain);
            listener.accept(uuid);
        });
    }

    private void registerDomainEvent(int eventId, Callback callback) {
        int id = call("virConnectDomainEventRegisterAny",
                () -> check(INSTANCE.virConnectDomainEventRegisterAny(conn, null, eventId, callback, null, null)));
        synchronized (callbacks) {
            callbacks.add(callback);
            deregistrations.add(() -> INSTANCE.virConnectDomainEventDeregisterAny(conn, id));
        }
    }

    /**
     * Subscribes to a kind's lifecycle and update events. Returns false, with nothing subscribed,
     * where the kind has no events or the driver does not support them: the caller must poll.
     */
    public boolean subscribe(ObjectKind kind, Consumer<ObjectEvent> listener) {
        if (!kind.hasEvents()) {
            return false;
        }
        Handles handles = objects.get(kind);
        LibvirtNative.LifecycleCallback lifecycle = (c, object, event, detail, opaque) -> listener
                .accept(objectEvent(handles, kind, object, kind.lifecycleChange(event)));
        try {
            registerObjectEvent(kind, 0, lifecycle);
            if (kind.updateEventId >= 0) {
                registerObjectEvent(kind, kind.updateEventId, (LibvirtNative.ObjectCallback) (c, object) -> listener
                        .accept(objectEvent(handles, kind, object, ObjectKind.Change.UPDATED)));
            }
            return true;
        } catch (LibvirtCallException e) {
            if (e.isUnsupported()) {
                return false;
            }
            throw e;
        }
    }

    /** On the event-loop thread; the object's handle is kept, so fetching its XML needs no lookup. */
    private static ObjectEvent objectEvent(Handles handles, ObjectKind kind, Pointer object, ObjectKind.Change change) {
        String key = handles.key(object);
        handles.keep(key, object);
        return new ObjectEvent(kind, key, handles.name(object), change);
    }

    private void registerObjectEvent(ObjectKind kind, int eventId, Callback callback) {
        int id = call(kind.eventRegister, () -> check(LibvirtNative.function(kind.eventRegister)
                .invokeInt(new Object[] { conn, null, eventId, callback, null, null })));
        synchronized (callbacks) {
            callbacks.add(callback);
            deregistrations.add(() -> LibvirtNative.function(kind.eventDeregister()).invokeInt(new Object[] { conn, id }));
        }
    }

    /** All objects of a kind; for kinds with a state, active and inactive ones listed apart. */
    public List<HostObject> list(ObjectKind kind) {
        List<HostObject> result = new ArrayList<>();
        if (kind.hasState) {
            collect(kind, 2, true, result);
            collect(kind, 1, false, result);
        } else {
            collect(kind, 0, true, result);
        }
        return result;
    }

    private void collect(ObjectKind kind, int flags, boolean active, List<HostObject> into) {
        Handles handles = objects.get(kind);
        for (Pointer object : listAll(kind.listAll, flags)) {
            String key = handles.key(object);
            into.add(new HostObject(kind, key, handles.name(object), active));
            handles.adopt(key, object);
        }
    }

    public String xml(ObjectKind kind, String key) {
        Pointer object = object(kind, key);
        String api = kind.prefix + "GetXMLDesc";
        return xml(api, () -> LibvirtNative.function(api).invokePointer(new Object[] { object, 0 }));
    }

    /** Defines a network, storage pool, secret... from XML; returns its key. */
    public String define(ObjectKind kind, String xml) {
        String api = kind == ObjectKind.NETWORK ? "virNetworkDefineXMLFlags" : kind.prefix + "DefineXML";
        checkSize(api, xml);
        Pointer object = call(api, () -> check(LibvirtNative.function(api).invokePointer(new Object[] { conn, xml, 0 })));
        Handles handles = objects.get(kind);
        String key = handles.key(object);
        handles.adopt(key, object);
        return key;
    }

    /** Starts a network or storage pool. */
    public void start(ObjectKind kind, String key) {
        Pointer object = object(kind, key);
        // virNetworkCreate has no flags argument; the other kinds' Create functions have one
        Object[] args = kind == ObjectKind.NETWORK ? new Object[] { object } : new Object[] { object, 0 };
        objectCall(kind.prefix + "Create", args);
    }

    /** Stops a network or storage pool. */
    public void stop(ObjectKind kind, String key) {
        objectCall(kind.prefix + "Destroy", new Object[] { object(kind, key) });
    }

    public void undefine(ObjectKind kind, String key) {
        objectCall(kind.prefix + "Undefine", new Object[] { object(kind, key) });
    }

    private void objectCall(String api, Object[] args) {
        call(api, () -> check(LibvirtNative.function(api).invokeInt(args)));
    }

    /** The volumes of a storage pool with their XML: one call to list, one per volume. */
    public List<StorageVolume> volumes(String poolKey) {
        Pointer pool = object(ObjectKind.STORAGE_POOL, poolKey);
        PointerByReference list = new PointerByReference();
        int n = call("virStoragePoolListAllVolumes", () -> check(INSTANCE.virStoragePoolListAllVolumes(pool, list, 0)));
        List<StorageVolume> result = new ArrayList<>(n);
        for (Pointer volume : LibvirtNative.takeArray(list, n)) {
            try {
                String name = LibvirtNative.function("virStorageVolGetName").invokeString(new Object[] { volume }, false);
                String key = LibvirtNative.function("virStorageVolGetKey").invokeString(new Object[] { volume }, false);
                result.add(new StorageVolume(name, key, xml("virStorageVolGetXMLDesc", () -> LibvirtNative
                        .function("virStorageVolGetXMLDesc").invokePointer(new Object[] { volume, 0 }))));
            } finally {
                LibvirtNative.function("virStorageVolFree").invokeInt(new Object[] { volume });
            }
        }
        return result;
    }

    /** Stops holding handles to an object that no longer exists. */
    public void forget(ObjectKind kind, String key) {
        (kind == null ? domains : objects.get(kind)).forget(key);
    }

    @Override
    public void close() {
        List<Runnable> undo;
        synchronized (callbacks) {
            undo = new ArrayList<>(deregistrations);
            deregistrations.clear();
        }
        try {
            // on a dead connection these fail; the close below frees what they held either way
            undo.forEach(Runnable::run);
            domains.clear();
            objects.values().forEach(Handles::clear);
        } finally {
            call("virConnectClose", () -> libvirtJava(connect::close));
        }
    }

    private Pointer domain(String uuid) {
        return held(domains, "virDomainLookupByUUIDString", uuid);
    }

    private Pointer object(ObjectKind kind, String key) {
        return held(objects.get(kind), kind.lookup(), key);
    }

    /** The handle held for {@code key}, else looked up once (a round trip) and held from then on. */
    private Pointer held(Handles handles, String lookup, String key) {
        Pointer object = handles.get(key);
        if (object == null) {
            handles.adopt(key, call(lookup, () -> check(
                    LibvirtNative.function(lookup).invokePointer(new Object[] { conn, key }))));
            object = handles.get(key);
        }
        return object;
    }

    private Pointer[] listAll(String api, int flags) {
        PointerByReference list = new PointerByReference();
        int n = call(api, () -> check(LibvirtNative.function(api).invokeInt(new Object[] { conn, list, flags })));
        return LibvirtNative.takeArray(list, n);
    }

    private String xml(String api, Supplier<Pointer> body) {
        String xml = LibvirtNative.takeString(call(api, () -> check(body.get())));
        calls.countBytes(api, xml.getBytes(StandardCharsets.UTF_8).length);
        return xml;
    }

    /** libvirt's RPC carries strings of at most 4 MiB (VIR_NET_MESSAGE_STRING_MAX) and says only "Unable to encode". */
    private static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

    private static void checkSize(String api, String xml) {
        long bytes = xml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DOCUMENT_BYTES) {
            throw new LibvirtCallException(api, String.format("the XML is %.1f MiB; libvirt takes at most 4 MiB", bytes / 1048576.0),
                    -1, null);
        }
    }

    private <T> T call(String api, Supplier<T> body) {
        return invoke(calls, api, body);
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
        RawConnect(String uri, ConnectAuth auth) throws LibvirtException {
            super(uri, auth, 0);
        }

        Pointer pointer() {
            return vcp.getPointer();
        }
    }

    /** Reads libvirt's {@code virTypedParameter} arrays. */
    private static final class TypedParameters {
        private static final int FIELD_LENGTH = 80, SIZE = 96, VALUE = 88;

        static Map<String, Object> read(Pointer params, int count) {
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < count; i++) {
                long at = (long) i * SIZE;
                String field = new String(params.getByteArray(at, FIELD_LENGTH), StandardCharsets.UTF_8);
                field = field.substring(0, Math.max(0, field.indexOf('\0')));
                Object value = switch (params.getInt(at + FIELD_LENGTH)) {
                    case 1, 2 -> params.getInt(at + VALUE);
                    case 3, 4 -> params.getLong(at + VALUE);
                    case 5 -> params.getDouble(at + VALUE);
                    case 6 -> params.getByte(at + VALUE) != 0;
                    case 7 -> params.getPointer(at + VALUE).getString(0, StandardCharsets.UTF_8.name());
                    default -> null;
                };
                if (value != null) {
                    values.put(field, value);
                }
            }
            return values;
        }
    }
}
