package dev.vireo.ui.editors;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainRecord;

/** A virtual machine to edit: its connection and UUID. One editor per domain. */
public record DomainEditorInput(VirtConnection connection, String uuid) implements IEditorInput {

    public DomainRecord record() {
        return DomainCache.of(connection).get(uuid);
    }

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
        DomainRecord d = record();
        return d == null ? uuid : d.name();
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return getName() + " on " + connection.uri();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }
}
