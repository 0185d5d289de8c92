package dev.vireo.monitor;

import java.util.List;

/**
 * Hears about changes to a {@link DomainCache}, in the order they happened. Called on the cache's
 * own update thread: return quickly and move UI work to the UI thread.
 */
@FunctionalInterface
public interface DomainCacheListener {
    void domainsChanged(DomainCache cache, List<DomainChange> changes);
}
