package dev.vireo.ui.handlers;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.views.HostSection;
import dev.vireo.ui.wizards.NewVmWizard;

/** File > New Virtual Machine, on the selected row's host (else the first connected one). */
public class NewVmHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        List<VirtConnection> connected = Services.connections().connections().stream()
                .filter(c -> c.state() == ConnectionState.CONNECTED).toList();
        if (connected.isEmpty()) {
            MessageDialog.openInformation(HandlerUtil.getActiveShell(event), Messages.NEW_VIRTUAL_MACHINE,
                    Messages.CONNECT_TO_A_HOST_FIRST_FILE);
            return null;
        }
        Object first = HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s ? s.getFirstElement()
                : null;
        VirtConnection selected = first instanceof VirtConnection c ? c : first instanceof DomainNode d ? d.connection()
                : first instanceof HostSection h ? h.connection() : null;
        new WizardDialog(HandlerUtil.getActiveShell(event),
                new NewVmWizard(connected, connected.contains(selected) ? selected : null)).open();
        return null;
    }
}
