package dev.vireo.ui.handlers;

import java.security.SecureRandom;
import java.util.Set;
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
import dev.vireo.ui.dialogs.CloneDialog;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.views.DomainNode;

/** Clone: a stopped virtual machine copied under a new name, with new MACs and its chosen disks copied on the host. */
public class CloneDomainHandler extends AbstractHandler {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Object execute(ExecutionEvent event) {
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection
                && selection.getFirstElement() instanceof DomainNode node && node.record() != null) {
            CloneDialog dialog = new CloneDialog(HandlerUtil.getActiveShell(event), node.record(),
                    Services.monitor(node.connection()).domains());
            if (dialog.open() == Window.OK) {
                clone(node, dialog.cloneName(), dialog.copiedDisks());
            }
        }
        return null;
    }

    /** The Job: copies the chosen disks, then defines the clone pointing at the copies; returns its UUID. */
    public static CompletableFuture<String> clone(DomainNode node, String name, Set<String> copiedDisks) {
        DomainRecord source = node.record();
        DomainOperations operations = new DomainOperations(Services.monitor(node.connection()));
        return HostJob.run(NLS.bind(Messages.CLONING_AS, source.name(), name), () -> operations.clone(source, name,
                copiedDisks), true);
    }
}
