package dev.vireo.libvirt;

import dev.vireo.api.ObjectKind;

/**
 * A network, storage pool, node device, secret or host interface as listed.
 *
 * @param key the UUID where the kind has one, else the name
 * @param active whether it is running; always {@code true} for kinds without a state
 */
public record HostObject(ObjectKind kind, String key, String name, boolean active) {
}
