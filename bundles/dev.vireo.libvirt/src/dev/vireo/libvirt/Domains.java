package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;
import static dev.vireo.libvirt.LibvirtNative.INSTANCE;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

import dev.vireo.api.ChangeScope;
import dev.vireo.api.LibvirtCallException;

/** A connection's domains: definitions, lifecycle, autostart, migration and the serial console. */
public final class Domains {
    private final LibvirtConnection session;

    Domains(LibvirtConnection session) {
        this.session = session;
    }

    /** The domain's state and reason codes ({@code virDomainGetState}). */
    public int[] domainState(String uuid) {
        Pointer d = session.domain(uuid);
        IntByReference state = new IntByReference();
        IntByReference reason = new IntByReference();
        session.call("virDomainGetState", () -> check(INSTANCE.virDomainGetState(d, state, reason, 0)));
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
        Pointer d = session.domain(uuid);
        return session.xml("virDomainGetXMLDesc",
                () -> LibvirtNative.function("virDomainGetXMLDesc").invokePointer(new Object[] { d, flags }));
    }

    /** A screenshot is at most this big: a 16384×16384 PPM. */
    private static final int MAX_SCREENSHOT = 3 * 16384 * 16384 + 64;

    /**
     * The screen of a running domain as the hypervisor draws it ({@code virDomainScreenshot}; QEMU
     * sends a PPM or PNG image): what its VNC server shows, for comparing with a viewer's copy.
     */
    public byte[] screenshot(String uuid) {
        Pointer d = session.domain(uuid);
        return Streams.receive(session, stream -> LibvirtNative.takeString(session.call("virDomainScreenshot",
                () -> check(LibvirtNative.function("virDomainScreenshot").invokePointer(new Object[] { d, stream, 0, 0 })))),
                MAX_SCREENSHOT);
    }

    /** Defines (or redefines) a domain from XML; returns its UUID. libvirt's error names what is wrong. */
    public String defineDomain(String xml) {
        LibvirtConnection.checkSize("virDomainDefineXML", xml);
        Pointer d = session.call("virDomainDefineXML", () -> check(INSTANCE.virDomainDefineXML(session.conn(), xml)));
        String uuid = session.domainHandles().uuid(d);
        session.domainHandles().adopt(uuid, d);
        return uuid;
    }

    public void undefine(String uuid) {
        session.domainCall("virDomainUndefine", uuid);
    }

    public void start(String uuid) {
        session.domainCall("virDomainCreate", uuid);
    }

    /** Starts the domain with its CPUs paused: nothing runs in the guest until {@link #resume}. */
    public void startPaused(String uuid) {
        session.domainCall("virDomainCreateWithFlags", uuid, START_PAUSED);
    }

    private static final int START_PAUSED = 1;

    /** Asks the guest to shut down (ACPI); the domain stops when the guest has done so. */
    public void shutdown(String uuid) {
        session.domainCall("virDomainShutdown", uuid);
    }

    /** Stops the domain at once, like pulling its power plug ("Force Off"). */
    public void destroy(String uuid) {
        session.domainCall("virDomainDestroy", uuid);
    }

    public void suspend(String uuid) {
        session.domainCall("virDomainSuspend", uuid);
    }

    public void resume(String uuid) {
        session.domainCall("virDomainResume", uuid);
    }

    /** Asks the guest to reboot. */
    public void reboot(String uuid) {
        session.domainCall("virDomainReboot", uuid, 0);
    }

    /** Resets the domain at once, like pressing its reset button. */
    public void reset(String uuid) {
        session.domainCall("virDomainReset", uuid, 0);
    }

    /** Saves the domain's memory to a file libvirt manages and stops it; the next start restores it. */
    public void managedSave(String uuid) {
        session.domainCall("virDomainManagedSave", uuid, 0);
    }

    /** Removes the definition with its managed save image, snapshot metadata and NVRAM, as virt-manager does. */
    public void undefineWithEverything(String uuid) {
        session.domainCall("virDomainUndefineFlags", uuid, UNDEFINE_MANAGED_SAVE | UNDEFINE_SNAPSHOTS_METADATA | UNDEFINE_NVRAM);
    }

    private static final int UNDEFINE_MANAGED_SAVE = 1, UNDEFINE_SNAPSHOTS_METADATA = 2, UNDEFINE_NVRAM = 4;

    /** Adds a device ({@code <disk>}, {@code <interface>}...) now, at the next boot, or both. */
    public void attachDevice(String uuid, String deviceXml, ChangeScope scope) {
        session.domainCall("virDomainAttachDeviceFlags", uuid, deviceXml, scope.flags);
    }

    /** Removes a device, named by its XML; on a running guest the guest must let go of it. */
    public void detachDevice(String uuid, String deviceXml, ChangeScope scope) {
        session.domainCall("virDomainDetachDeviceFlags", uuid, deviceXml, scope.flags);
    }

    /** Changes a device in place: a CD-ROM's medium (none to eject), a NIC's link state. */
    public void updateDevice(String uuid, String deviceXml, ChangeScope scope) {
        session.domainCall("virDomainUpdateDeviceFlags", uuid, deviceXml, scope.flags);
    }

    /** The number of vCPUs, up to the domain's maximum ({@code <vcpu>}); live where the guest takes them. */
    public void setVcpus(String uuid, int vcpus, ChangeScope scope) {
        session.domainCall("virDomainSetVcpusFlags", uuid, vcpus, scope.flags);
    }

    /** The current memory (the balloon's target) in KiB, up to the maximum. */
    public void setMemory(String uuid, long kib, ChangeScope scope) {
        session.domainCall("virDomainSetMemoryFlags", uuid, kib, scope.flags);
    }

    /** Renames a shut-off domain; its UUID stays. */
    public void rename(String uuid, String newName) {
        session.domainCall("virDomainRename", uuid, newName, 0);
    }

    public boolean autostart(String uuid) {
        return session.flag(session.domain(uuid), "virDomainGetAutostart");
    }

    public void setAutostart(String uuid, boolean on) {
        session.domainCall("virDomainSetAutostart", uuid, on ? 1 : 0);
    }


    /**
     * Moves a domain to the host of {@code destination}: {@code live} while it runs, else its
     * definition only (offline); the destination keeps it defined and the source forgets it.
     */
    public void migrate(String uuid, LibvirtConnection destination, boolean live) {
        Pointer d = session.domain(uuid);
        int flags = (live ? MIGRATE_LIVE : MIGRATE_OFFLINE) | MIGRATE_PERSIST_DEST | MIGRATE_UNDEFINE_SOURCE;
        Pointer moved = session.call("virDomainMigrate", () -> check(LibvirtNative.function("virDomainMigrate")
                .invokePointer(new Object[] { d, destination.conn(), (long) flags, null, null, 0L })));
        LibvirtNative.function("virDomainFree").invokeInt(new Object[] { moved });
    }

    private static final int MIGRATE_LIVE = 1, MIGRATE_PERSIST_DEST = 8, MIGRATE_UNDEFINE_SOURCE = 16,
            MIGRATE_OFFLINE = 1024;

    /**
     * Opens the domain's serial console as a byte stream ({@code virDomainOpenConsole}), taking
     * it over from any other client. Read and write it from threads other than the UI's.
     */
    public ConsoleStream openConsole(String uuid) {
        Pointer d = session.domain(uuid);
        Pointer stream = session.call("virStreamNew", () -> check(LibvirtNative.function("virStreamNew")
                .invokePointer(new Object[] { session.conn(), 0 })));
        try {
            session.call("virDomainOpenConsole", () -> check(LibvirtNative.function("virDomainOpenConsole")
                    .invokeInt(new Object[] { d, null, stream, CONSOLE_FORCE })));
        } catch (LibvirtCallException e) {
            LibvirtNative.function("virStreamFree").invokeInt(new Object[] { stream });
            throw e;
        }
        return new ConsoleStream(stream, session.calls());
    }

    private static final int CONSOLE_FORCE = 1;
}
