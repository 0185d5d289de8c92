package dev.vireo.ui.editors;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

import dev.vireo.connection.VirtConnection;

/** A host to show the details of: one editor per connection. */
public record HostEditorInput(VirtConnection connection) implements IEditorInput {

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return ImageDescriptor.getMissingImageDescriptor();
    }

    @Override
    public String getName() {
        return connection.uri();
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return "Host details of " + connection.uri();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }
}
