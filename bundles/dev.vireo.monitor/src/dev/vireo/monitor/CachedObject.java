package dev.vireo.monitor;

import dev.vireo.api.ObjectKind;

/** A cached network, storage pool, node device, secret or host interface, with its XML once fetched. */
public record CachedObject(ObjectKind kind, String key, String name, boolean active, String xml) {
}
