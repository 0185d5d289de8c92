package dev.vireo.operations;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.ConnectionMonitor;

/** A domain's snapshots: list, take, revert to, delete. libvirt sends no snapshot events: callers list again. */
public final class SnapshotOperations extends Operations {
    public SnapshotOperations(ConnectionMonitor monitor) {
        super(monitor);
    }

    /** Each snapshot's XML (name, description, state, parent, time): one call plus one per snapshot. */
    public CompletableFuture<List<String>> list(String uuid) {
        return call(libvirt -> libvirt.snapshots().snapshotXmls(uuid));
    }

    /** Takes a snapshot; of a running domain, with its memory. */
    public CompletableFuture<Void> create(String uuid, String name, String description) {
        XmlObject snapshot = LibvirtModel.create("DomainSnapshot");
        snapshot.set("name", name);
        if (!description.isEmpty()) {
            snapshot.set("description", description);
        }
        String xml = LibvirtModel.save(snapshot);
        return run(libvirt -> libvirt.snapshots().createSnapshot(uuid, xml));
    }

    /** Puts the domain back to a snapshot: its disks, and its memory and run state if the snapshot has them. */
    public CompletableFuture<Void> revert(String uuid, String name) {
        return run(libvirt -> libvirt.snapshots().revertToSnapshot(uuid, name));
    }

    /** Deletes a snapshot; its children become children of its parent. */
    public CompletableFuture<Void> delete(String uuid, String name) {
        return run(libvirt -> libvirt.snapshots().deleteSnapshot(uuid, name));
    }

    public CompletableFuture<List<String>> names(String uuid) {
        return call(libvirt -> libvirt.snapshots().snapshotNames(uuid));
    }
}
