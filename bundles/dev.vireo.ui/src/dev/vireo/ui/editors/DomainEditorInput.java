package dev.vireo.ui.editors;

import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainRecord;

/** A virtual machine to edit: its connection and UUID. One editor per domain. */
public record DomainEditorInput(VirtConnection connection, String uuid) implements VireoEditorInput {

    public DomainRecord record() {
        return DomainCache.of(connection).get(uuid);
    }

    @Override
    public String getName() {
        DomainRecord d = record();
        return d == null ? uuid : d.name();
    }

    @Override
    public String getToolTipText() {
        return getName() + " on " + connection.uri();
    }
}
