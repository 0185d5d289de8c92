package dev.vireo.ui.editors;

import dev.vireo.connection.VirtConnection;

/** A host to show the details of: one editor per connection. */
public record HostEditorInput(VirtConnection connection) implements VireoEditorInput {

    @Override
    public String getName() {
        return connection.uri();
    }

    @Override
    public String getToolTipText() {
        return "Host details of " + connection.uri();
    }
}
