package dev.vireo.ui.editors;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.StructuredSelection;

/**
 * A part's selection that never changes: an editor's own object, offered so that the workbench's
 * commands (Run, Shut Down...) act on it while the editor is the active part.
 */
final class FixedSelection implements ISelectionProvider {
    private final StructuredSelection selection;

    FixedSelection(Object selected) {
        selection = new StructuredSelection(selected);
    }

    @Override
    public ISelection getSelection() {
        return selection;
    }

    @Override
    public void setSelection(ISelection newSelection) {
        // fixed
    }

    @Override
    public void addSelectionChangedListener(ISelectionChangedListener listener) {
        // it never changes: nobody needs telling
    }

    @Override
    public void removeSelectionChangedListener(ISelectionChangedListener listener) {
    }
}
