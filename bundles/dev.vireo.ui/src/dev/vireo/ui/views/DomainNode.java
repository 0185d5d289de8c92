package dev.vireo.ui.views;

import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.monitor.DomainCache;

/**
 * A domain row. It names the domain rather than holding a snapshot, so a selection stays valid
 * while the domain changes, and everything shown is read from the cache when needed.
 */
public record DomainNode(VirtConnection connection, String uuid) {

    /** The domain as the cache knows it now; {@code null} once it is gone. */
    public DomainSummary summary() {
        return DomainCache.of(connection).get(uuid);
    }
}
