package dev.vireo.ui.handlers;

import java.util.concurrent.CompletableFuture;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.monitor.DomainCache;
import dev.vireo.operations.DomainOperations;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.views.DomainNode;

/** Rename: a shut-off virtual machine gets a new name (its UUID, disks and snapshots stay); the name is checked as typed, from the cache. */
public class RenameDomainHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection
                && selection.getFirstElement() instanceof DomainNode node && node.record() != null) {
            InputDialog dialog = dialog(HandlerUtil.getActiveShell(event), node);
            if (dialog.open() == Window.OK) {
                rename(node, dialog.getValue().strip());
            }
        }
        return null;
    }

    /** The dialog: OK only for a name no other VM of the host has. */
    public static InputDialog dialog(Shell shell, DomainNode node) {
        DomainCache cache = Services.monitor(node.connection()).domains();
        String old = node.record().name();
        return new InputDialog(shell, NLS.bind(Messages.RENAME, old),
                NLS.bind(Messages.NEW_NAME_FOR_THE_VIRTUAL_MACHINE, old), old, text -> {
            String name = text.strip();
            return name.isEmpty() || name.equals(old) ? ""
                    : name.contains("/") ? Messages.A_NAME_CANNOT_CONTAIN
                    : cache.isNameInUse(name) ? NLS.bind(Messages.A_VIRTUAL_MACHINE_NAMED_EXISTS_ON, name) : null;
        });
    }

    /** The Job. */
    public static CompletableFuture<Void> rename(DomainNode node, String name) {
        DomainOperations operations = new DomainOperations(Services.monitor(node.connection()));
        return HostJob.run(NLS.bind(Messages.RENAMING_TO, node.record().name(), name),
                () -> operations.rename(node.uuid(), name),
                false);
    }
}
