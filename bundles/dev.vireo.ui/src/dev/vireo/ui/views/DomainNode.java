package dev.vireo.ui.views;

import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Services;

/**
 * A domain row. It names the domain rather than holding a snapshot, so a selection stays valid
 * while the domain changes, and everything shown is read from the cache when needed.
 */
public record DomainNode(VirtConnection connection, String uuid) {

    /** The domain as the cache knows it now; {@code null} once it is gone. */
    public DomainRecord record() {
        return Services.monitor(connection).domains().get(uuid);
    }
}
