package dev.vireo.api;

/** A volume of a storage pool, with its XML. */
public record StorageVolume(String name, String key, String xml) {
}
