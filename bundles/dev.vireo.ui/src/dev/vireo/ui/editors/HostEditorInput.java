package dev.vireo.ui.editors;

import org.eclipse.osgi.util.NLS;

import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.Messages;

/** A host to show the details of: one editor per connection. */
public record HostEditorInput(VirtConnection connection) implements VireoEditorInput {

    @Override
    public String getName() {
        return connection.uri();
    }

    @Override
    public String getToolTipText() {
        return NLS.bind(Messages.HOST_DETAILS_OF, connection.uri());
    }
}
