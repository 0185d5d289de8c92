package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;
import static dev.vireo.libvirt.LibvirtNative.INSTANCE;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;

/** Storage volumes and what pools do beyond start and stop: list volumes, create, clone, resize, delete; build and refresh pools. */
public final class Storage {
    private final LibvirtConnection session;

    Storage(LibvirtConnection session) {
        this.session = session;
    }

    /** Creates a volume in a storage pool from its XML; returns the volume's path. */
    public String createVolume(String poolKey, String xml) {
        Pointer pool = session.object(ObjectKind.STORAGE_POOL, poolKey);
        Pointer volume = session.call("virStorageVolCreateXML", () -> check(
                LibvirtNative.function("virStorageVolCreateXML").invokePointer(new Object[] { pool, xml, 0 })));
        try {
            return LibvirtNative.takeString(session.call("virStorageVolGetPath", () -> check(LibvirtNative
                    .function("virStorageVolGetPath").invokePointer(new Object[] { volume }))));
        } finally {
            LibvirtNative.function("virStorageVolFree").invokeInt(new Object[] { volume });
        }
    }

    /** Deletes the storage volume at {@code path} (found in whichever pool holds it) with its data. */
    public void deleteVolume(String path) {
        withVolume(path, volume -> session.objectCall("virStorageVolDelete", new Object[] { volume, 0 }));
    }

    /** Grows or shrinks a volume to {@code bytes}. */
    public void resizeVolume(String path, long bytes) {
        withVolume(path, volume -> session.objectCall("virStorageVolResize", new Object[] { volume, bytes, 0 }));
    }

    /**
     * The first {@code length} bytes of the volume at {@code path}, read from the host through a
     * download stream: only those bytes cross the link, however big the volume (an ISO's volume
     * descriptor, to detect its OS). Fewer if the volume is shorter.
     */
    public byte[] download(String path, int length) {
        byte[][] result = new byte[1][];
        withVolume(path, volume -> result[0] = Streams.receive(session, stream -> session.call("virStorageVolDownload",
                () -> check(LibvirtNative.function("virStorageVolDownload")
                        .invokeInt(new Object[] { volume, stream, 0L, (long) length, 0 }))), length));
        return result[0];
    }

    private void withVolume(String path, Consumer<Pointer> action) {
        Pointer volume = session.call("virStorageVolLookupByPath", () -> check(
                LibvirtNative.function("virStorageVolLookupByPath").invokePointer(new Object[] { session.conn(), path })));
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
            Pointer pool = session.call("virStoragePoolLookupByVolume", () -> check(LibvirtNative
                    .function("virStoragePoolLookupByVolume").invokePointer(new Object[] { source })));
            try {
                String xml = session.xml("virStorageVolGetXMLDesc", () -> LibvirtNative.function("virStorageVolGetXMLDesc")
                        .invokePointer(new Object[] { source, 0 }));
                // libvirt takes the new volume's name and size from the XML, the rest from the source
                String capacity = element(xml, "capacity");
                String newXml = "<volume><name>" + newName.replace("&", "&amp;").replace("<", "&lt;") + "</name>"
                        + capacity + "</volume>";
                made[0] = session.call("virStorageVolCreateXMLFrom", () -> check(LibvirtNative.function("virStorageVolCreateXMLFrom")
                        .invokePointer(new Object[] { pool, newXml, source, 0 })));
            } finally {
                LibvirtNative.function("virStoragePoolFree").invokeInt(new Object[] { pool });
            }
        });
        try {
            return LibvirtNative.takeString(session.call("virStorageVolGetPath", () -> check(LibvirtNative
                    .function("virStorageVolGetPath").invokePointer(new Object[] { made[0] }))));
        } finally {
            LibvirtNative.function("virStorageVolFree").invokeInt(new Object[] { made[0] });
        }
    }

    /** Has a storage pool look at its backing storage again, e.g. for volumes made by others. */
    public void refreshPool(String key) {
        session.objectCall("virStoragePoolRefresh", new Object[] { session.object(ObjectKind.STORAGE_POOL, key), 0 });
    }

    /** Builds a pool's backing storage (a directory for dir pools) before its first start. */
    public void buildPool(String key) {
        session.objectCall("virStoragePoolBuild", new Object[] { session.object(ObjectKind.STORAGE_POOL, key), 0 });
    }

    /** The volumes of a storage pool with their XML: one call to list, one per volume. */
    public List<StorageVolume> volumes(String poolKey) {
        Pointer pool = session.object(ObjectKind.STORAGE_POOL, poolKey);
        PointerByReference list = new PointerByReference();
        int n = session.call("virStoragePoolListAllVolumes", () -> check(INSTANCE.virStoragePoolListAllVolumes(pool, list, 0)));
        List<StorageVolume> result = new ArrayList<>(n);
        for (Pointer volume : LibvirtNative.takeArray(list, n)) {
            try {
                String name = LibvirtNative.function("virStorageVolGetName").invokeString(new Object[] { volume }, false);
                String key = LibvirtNative.function("virStorageVolGetKey").invokeString(new Object[] { volume }, false);
                result.add(new StorageVolume(name, key, session.xml("virStorageVolGetXMLDesc", () -> LibvirtNative
                        .function("virStorageVolGetXMLDesc").invokePointer(new Object[] { volume, 0 }))));
            } finally {
                LibvirtNative.function("virStorageVolFree").invokeInt(new Object[] { volume });
            }
        }
        return result;
    }

    /** The first {@code <name ...>...</name>} of {@code xml}, found by a linear scan; "" if there is none. */
    static String element(String xml, String name) {
        int start = xml.indexOf("<" + name);
        int end = start < 0 ? -1 : xml.indexOf("</" + name + ">", start);
        return end < 0 ? "" : xml.substring(start, end + name.length() + 3);
    }
}
