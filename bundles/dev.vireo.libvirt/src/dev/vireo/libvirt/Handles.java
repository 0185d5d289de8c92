package dev.vireo.libvirt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libvirt object pointers of one kind a connection holds, by key. A held pointer makes the
 * next call on that object skip the lookup round trip. Each held pointer owns one reference.
 */
final class Handles {
    private final String prefix;
    private final boolean byUuid;
    private final Map<String, Pointer> held = new ConcurrentHashMap<>();

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

    /** Holds {@code object}, whose one reference the caller hands over. */
    void adopt(String key, Pointer object) {
        if (held.putIfAbsent(key, object) != null) {
            free(object);
        }
    }

    /** Holds a reference of its own to an object libvirt only lends (as in an event callback). */
    void keep(String key, Pointer object) {
        if (!held.containsKey(key)) {
            LibvirtNative.function(prefix + "Ref").invokeInt(new Object[] { object });
            adopt(key, object);
        }
    }

    Pointer get(String key) {
        return held.get(key);
    }

    void forget(String key) {
        Pointer object = held.remove(key);
        if (object != null) {
            free(object);
        }
    }

    void clear() {
        held.keySet().forEach(this::forget);
    }

    void free(Pointer object) {
        LibvirtNative.function(prefix + "Free").invokeInt(new Object[] { object });
    }
}
