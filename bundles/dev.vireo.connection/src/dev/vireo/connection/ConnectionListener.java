package dev.vireo.connection;

/** Hears about connections; called on whatever thread made the change, so hand UI work off. */
public interface ConnectionListener {

    default void connectionAdded(VirtConnection connection) {
    }

    default void connectionRemoved(VirtConnection connection) {
    }

    default void connectionStateChanged(VirtConnection connection) {
    }
}
