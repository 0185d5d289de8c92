package dev.vireo.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.api.ObjectKind;
import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.Messages;
import dev.vireo.ui.editors.DomainEditor;
import dev.vireo.ui.editors.DomainEditorInput;
import dev.vireo.ui.editors.HostEditor;
import dev.vireo.ui.editors.HostEditorInput;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.views.HostSection;

/** Open (double click, Enter): a virtual machine's editor, or the host details at the page of the row. */
public class OpenHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection) {
            try {
                open(HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage(), selection.getFirstElement());
            } catch (PartInitException e) {
                throw new ExecutionException(NLS.bind(Messages.CANNOT_OPEN, selection.getFirstElement()), e);
            }
        }
        return null;
    }

    public static IEditorPart open(IWorkbenchPage page, Object element) throws PartInitException {
        if (element instanceof DomainNode d) {
            return page.openEditor(new DomainEditorInput(d.connection(), d.uuid()), DomainEditor.ID);
        }
        VirtConnection connection = element instanceof VirtConnection c ? c
                : element instanceof HostSection s ? s.connection()
                : element instanceof HostSection.ObjectNode o ? o.section().connection() : null;
        if (connection == null) {
            return null;
        }
        HostEditor editor = (HostEditor) page.openEditor(new HostEditorInput(connection), HostEditor.ID);
        ObjectKind kind = element instanceof HostSection s ? s.kind()
                : element instanceof HostSection.ObjectNode o ? o.section().kind() : null;
        if (kind != null) {
            editor.showPage(kind == ObjectKind.NETWORK ? HostEditor.NETWORKS_PAGE : HostEditor.STORAGE_PAGE);
        }
        if (element instanceof HostSection.ObjectNode o && o.object() != null) {
            if (kind == ObjectKind.NETWORK) {
                editor.networksPage().select(o.object().name());
            } else {
                editor.storagePage().select(o.object().name());
            }
        }
        return editor;
    }
}
