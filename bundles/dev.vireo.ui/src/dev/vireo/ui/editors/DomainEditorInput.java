package dev.vireo.ui.editors;

import org.eclipse.osgi.util.NLS;

import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;

/** A virtual machine to edit: its connection and UUID. One editor per domain. */
public record DomainEditorInput(VirtConnection connection, String uuid) implements VireoEditorInput {

    public DomainRecord record() {
        return Services.monitor(connection).domains().get(uuid);
    }

    @Override
    public String getName() {
        DomainRecord d = record();
        return d == null ? uuid : d.name();
    }

    @Override
    public String getToolTipText() {
        return NLS.bind(Messages.DOMAIN_ON_HOST, getName(), connection.uri());
    }
}
