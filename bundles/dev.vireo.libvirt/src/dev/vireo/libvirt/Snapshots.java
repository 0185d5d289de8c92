package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;
import static dev.vireo.libvirt.LibvirtNative.INSTANCE;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** A domain's snapshots: list, take, revert to, delete. */
public final class Snapshots {
    private final LibvirtConnection session;

    Snapshots(LibvirtConnection session) {
        this.session = session;
    }

    /** A domain's snapshots, each as its XML (name, description, state, parent, time), in one call plus one per snapshot. */
    public List<String> snapshotXmls(String uuid) {
        return eachSnapshot(uuid, snapshot -> session.xml("virDomainSnapshotGetXMLDesc",
                () -> LibvirtNative.function("virDomainSnapshotGetXMLDesc").invokePointer(new Object[] { snapshot, 0 })));
    }

    public List<String> snapshotNames(String uuid) {
        return eachSnapshot(uuid, INSTANCE::virDomainSnapshotGetName);
    }

    /** Lists a domain's snapshots in one call and maps each, freeing it after. */
    private <T> List<T> eachSnapshot(String uuid, Function<Pointer, T> read) {
        Pointer d = session.domain(uuid);
        PointerByReference list = new PointerByReference();
        int n = session.call("virDomainListAllSnapshots", () -> check(INSTANCE.virDomainListAllSnapshots(d, list, 0)));
        List<T> result = new ArrayList<>();
        for (Pointer snapshot : LibvirtNative.takeArray(list, n)) {
            try {
                result.add(read.apply(snapshot));
            } finally {
                INSTANCE.virDomainSnapshotFree(snapshot);
            }
        }
        return result;
    }

    /** Takes a snapshot described by {@code xml} ({@code <domainsnapshot>}); of a running domain, with its memory. */
    public void createSnapshot(String uuid, String xml) {
        Pointer d = session.domain(uuid);
        Pointer snapshot = session.call("virDomainSnapshotCreateXML", () -> check(LibvirtNative.function("virDomainSnapshotCreateXML")
                .invokePointer(new Object[] { d, xml, 0 })));
        INSTANCE.virDomainSnapshotFree(snapshot);
    }

    /** Puts the domain back to a snapshot: its disks, and its memory and run state if the snapshot has them. */
    public void revertToSnapshot(String uuid, String name) {
        withSnapshot(uuid, name, s -> session.objectCall("virDomainRevertToSnapshot", new Object[] { s, 0 }));
    }

    /** Deletes a snapshot; its children become children of its parent. */
    public void deleteSnapshot(String uuid, String name) {
        withSnapshot(uuid, name, s -> session.objectCall("virDomainSnapshotDelete", new Object[] { s, 0 }));
    }

    private void withSnapshot(String uuid, String name, Consumer<Pointer> action) {
        Pointer d = session.domain(uuid);
        Pointer snapshot = session.call("virDomainSnapshotLookupByName", () -> check(LibvirtNative
                .function("virDomainSnapshotLookupByName").invokePointer(new Object[] { d, name, 0 })));
        try {
            action.accept(snapshot);
        } finally {
            INSTANCE.virDomainSnapshotFree(snapshot);
        }
    }
}
