package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libvirt object pointers of one kind a connection holds, by key. A held pointer makes the
 * next call on that object skip the lookup round trip. Each held pointer owns one reference,
 * freed only once no call has it borrowed: an object forgotten (undefined) or a connection closed
 * while a worker is inside a call with its pointer is freed when that call returns, never under it.
 * After {@link #clear} nothing more is held.
 */
final class Handles {
    /** One held pointer and the calls that have it borrowed. Guarded by its {@link Handles}. */
    static final class Held {
        final Pointer pointer;
        private int borrowers;
        private boolean forgotten;

        Held(Pointer pointer) {
            this.pointer = pointer;
        }
    }

    private final String prefix;
    private final boolean byUuid;
    private final Map<String, Held> held = new HashMap<>();
    private boolean closed;

    Handles(String prefix, boolean byUuid) {
        this.prefix = prefix;
        this.byUuid = byUuid;
    }

    /** The object's key, read from the client-side object: no round trip. */
    String key(Pointer object) {
        return byUuid ? uuid(object) : name(object);
    }

    String uuid(Pointer object) {
        byte[] buffer = new byte[LibvirtNative.VIR_UUID_STRING_BUFLEN];
        LibvirtNative.function(prefix + "GetUUIDString").invokeInt(new Object[] { object, buffer });
        return Native.toString(buffer);
    }

    String name(Pointer object) {
        // a secret has no name; its usage ID ("libvirt-iscsi-x", a volume path...) names it for users
        String getter = prefix.equals("virSecret") ? "GetUsageID" : "GetName";
        return LibvirtNative.function(prefix + getter).invokeString(new Object[] { object }, false);
    }

    /** Holds {@code object}, whose one reference the caller hands over; freed at once if held already or closed. */
    void adopt(String key, Pointer object) {
        boolean free;
        synchronized (this) {
            free = closed || held.containsKey(key);
            if (!free) {
                held.put(key, new Held(object));
            }
        }
        if (free) {
            free(object);
        }
    }

    /** Holds a reference of its own to an object libvirt only lends (as in an event callback). */
    synchronized void keep(String key, Pointer object) {
        if (!closed && !held.containsKey(key)) {
            LibvirtNative.function(prefix + "Ref").invokeInt(new Object[] { object });
            held.put(key, new Held(object));
        }
    }

    /** The held pointer for {@code key}, borrowed until {@link #release}; {@code null} if none is held. */
    synchronized Held borrow(String key) {
        Held h = held.get(key);
        if (h != null) {
            h.borrowers++;
        }
        return h;
    }

    void release(Held h) {
        boolean free;
        synchronized (this) {
            free = --h.borrowers == 0 && h.forgotten;
        }
        if (free) {
            free(h.pointer);
        }
    }

    /** Stops holding the object: freed now, or when the last call that borrowed it returns. */
    void forget(String key) {
        Held h;
        synchronized (this) {
            h = held.remove(key);
            if (h == null) {
                return;
            }
            h.forgotten = true;
            if (h.borrowers > 0) {
                return;
            }
        }
        free(h.pointer);
    }

    /** Forgets everything and holds nothing more: the connection is closing. */
    void clear() {
        List<String> keys;
        synchronized (this) {
            closed = true;
            keys = new ArrayList<>(held.keySet());
        }
        keys.forEach(this::forget);
    }

    void free(Pointer object) {
        LibvirtNative.function(prefix + "Free").invokeInt(new Object[] { object });
    }
}
