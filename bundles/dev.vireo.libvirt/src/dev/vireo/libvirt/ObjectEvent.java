package dev.vireo.libvirt;

import dev.vireo.api.ObjectKind;

/** An event about a network, storage pool, node device or secret. */
public record ObjectEvent(ObjectKind kind, String key, String name, ObjectKind.Change change) {
}
