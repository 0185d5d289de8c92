package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Pointer;

import dev.vireo.api.ObjectKind;

/** A connection's networks, storage pools, node devices, secrets and host interfaces, by kind: list, XML, define, start, stop, undefine, autostart. */
public final class HostObjects {
    private final LibvirtConnection session;

    HostObjects(LibvirtConnection session) {
        this.session = session;
    }

    /** Whether a network or storage pool starts with the host. */
    public boolean autostart(ObjectKind kind, String key) {
        return session.flag(session.object(kind, key), KindBinding.of(kind).prefix + "GetAutostart");
    }

    public void setAutostart(ObjectKind kind, String key, boolean on) {
        session.objectCall(KindBinding.of(kind).prefix + "SetAutostart", new Object[] { session.object(kind, key), on ? 1 : 0 });
    }

    /** All objects of a kind; for kinds with a state, active and inactive ones listed apart. */
    public List<HostObject> list(ObjectKind kind) {
        List<HostObject> result = new ArrayList<>();
        if (kind.hasState()) {
            collect(kind, 2, true, result);
            collect(kind, 1, false, result);
        } else {
            collect(kind, 0, true, result);
        }
        return result;
    }

    private void collect(ObjectKind kind, int flags, boolean active, List<HostObject> into) {
        Handles handles = session.handles(kind);
        for (Pointer object : session.listAll(KindBinding.of(kind).listAll, flags)) {
            String key = handles.key(object);
            into.add(new HostObject(kind, key, handles.name(object), active));
            handles.adopt(key, object);
        }
    }

    public String xml(ObjectKind kind, String key) {
        Pointer object = session.object(kind, key);
        String api = KindBinding.of(kind).prefix + "GetXMLDesc";
        return session.xml(api, () -> LibvirtNative.function(api).invokePointer(new Object[] { object, 0 }));
    }

    /** Defines a network, storage pool, secret... from XML; returns its key. */
    public String define(ObjectKind kind, String xml) {
        String api = kind == ObjectKind.NETWORK ? "virNetworkDefineXMLFlags" : KindBinding.of(kind).prefix + "DefineXML";
        LibvirtConnection.checkSize(api, xml);
        Pointer object = session.call(api, () -> check(LibvirtNative.function(api).invokePointer(new Object[] { session.conn(), xml, 0 })));
        Handles handles = session.handles(kind);
        String key = handles.key(object);
        handles.adopt(key, object);
        return key;
    }

    /** Starts a network or storage pool. */
    public void start(ObjectKind kind, String key) {
        Pointer object = session.object(kind, key);
        // virNetworkCreate has no flags argument; the other kinds' Create functions have one
        Object[] args = kind == ObjectKind.NETWORK ? new Object[] { object } : new Object[] { object, 0 };
        session.objectCall(KindBinding.of(kind).prefix + "Create", args);
    }

    /** Stops a network or storage pool. */
    public void stop(ObjectKind kind, String key) {
        session.objectCall(KindBinding.of(kind).prefix + "Destroy", new Object[] { session.object(kind, key) });
    }

    public void undefine(ObjectKind kind, String key) {
        session.objectCall(KindBinding.of(kind).prefix + "Undefine", new Object[] { session.object(kind, key) });
    }
}
