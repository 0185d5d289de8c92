package dev.vireo.libvirt;

/** An event about a network, storage pool, node device or secret. */
public record ObjectEvent(ObjectKind kind, String key, String name, ObjectKind.Change change) {
}
