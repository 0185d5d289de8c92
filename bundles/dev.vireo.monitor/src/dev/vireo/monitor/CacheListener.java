package dev.vireo.monitor;

import java.util.List;

import dev.vireo.api.ObjectKind;

/**
 * Hears about changes to a connection's cache, in the order they happened. Called on the
 * monitor's update thread: return quickly and move UI work to the UI thread.
 */
public interface CacheListener {

    default void domainsChanged(ConnectionMonitor monitor, List<DomainChange> changes) {
    }

    /** Objects of {@code kind} were added, removed or changed (including their volumes). */
    default void objectsChanged(ConnectionMonitor monitor, ObjectKind kind) {
    }
}
