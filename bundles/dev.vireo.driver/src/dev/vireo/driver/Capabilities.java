package dev.vireo.driver;

import java.util.Set;

/**
 * What a hypervisor driver can do, as its plugin declares it.
 *
 * @param events the event families it delivers: domain, network, storage-pool, node-device, secret
 * @param consoles vnc, spice, serial
 */
public record Capabilities(Set<String> events, boolean bulkStats, boolean snapshots, boolean migration,
        boolean managedSave, boolean volumeCreation, Set<String> consoles) {

    public boolean hasEvents(String family) {
        return events.contains(family);
    }
}
