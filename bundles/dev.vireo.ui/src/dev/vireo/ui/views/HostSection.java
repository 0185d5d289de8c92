package dev.vireo.ui.views;

import java.util.Comparator;

import dev.vireo.api.ObjectKind;
import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.CachedObject;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;

/** A connection's "Networks" or "Storage" row; its children are the cached objects of that kind. */
public record HostSection(VirtConnection connection, ObjectKind kind) {

    public String label() {
        return kind == ObjectKind.NETWORK ? Messages.VIRTUAL_NETWORKS : Messages.STORAGE_POOLS;
    }

    ObjectNode[] children() {
        return Services.monitor(connection).objects(kind).all().stream()
                .sorted(Comparator.comparing(CachedObject::name, String.CASE_INSENSITIVE_ORDER))
                .map(o -> new ObjectNode(this, o.key())).toArray(ObjectNode[]::new);
    }

    /** A network or storage pool row, read from the cache when shown. */
    public record ObjectNode(HostSection section, String key) {
        public CachedObject object() {
            return Services.monitor(section.connection()).objects(section.kind()).get(key);
        }
    }
}
