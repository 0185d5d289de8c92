package dev.vireo.ui.handlers;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.monitor.DomainRecord;
import dev.vireo.operations.DomainOperations;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.dialogs.DeleteDomainDialog;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.views.DomainNode;

/** Delete: asks which storage goes too, then forces the domain off, undefines it and deletes that storage. */
public class DeleteDomainHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        if (!(HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection)
                || !(selection.getFirstElement() instanceof DomainNode node) || node.record() == null) {
            return null;
        }
        DomainRecord domain = node.record();
        DeleteDomainDialog dialog = new DeleteDomainDialog(HandlerUtil.getActiveShell(event), domain,
                Services.monitor(node.connection()).domains());
        if (dialog.open() == Window.OK) {
            delete(node, domain, dialog.storageToDelete());
        }
        return null;
    }

    /** The Job; fails with the storage libvirt could not delete, after deleting everything else. */
    public static CompletableFuture<Void> delete(DomainNode node, DomainRecord domain, List<String> storage) {
        DomainOperations operations = new DomainOperations(Services.monitor(node.connection()));
        return HostJob.run(NLS.bind(Messages.DELETING_3, domain.name()), () -> operations.delete(domain, storage),
                true);
    }
}
