package dev.vireo.ui.editors;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/** What Vireo's editor inputs share: they name live objects on a host, so they are neither files nor restored. */
interface VireoEditorInput extends IEditorInput {

    @Override
    default boolean exists() {
        return false;
    }

    @Override
    default ImageDescriptor getImageDescriptor() {
        return ImageDescriptor.getMissingImageDescriptor();
    }

    @Override
    default IPersistableElement getPersistable() {
        return null;
    }

    @Override
    default <T> T getAdapter(Class<T> adapter) {
        return null;
    }
}
