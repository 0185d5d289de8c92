package dev.vireo.ui.handlers;

import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.operations.DomainOperations;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.dialogs.FormDialog;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.views.DomainNode;

/**
 * Migrate to another open connection, live or offline. Offered only where both drivers declare
 * migration; {@link #whyNot} says why it is not, for the command's enablement and the editor.
 */
public class MigrateDomainHandler extends AbstractHandler {

    /** Why this domain cannot be migrated now, or {@code null} if it can. */
    public static String whyNot(VirtConnection connection) {
        HypervisorDriver driver = Services.drivers().forUri(connection.uri()).orElse(null);
        if (driver != null && !driver.capabilities().migration()) {
            return NLS.bind(Messages.THE_DOES_NOT_SUPPORT_MIGRATION, driver.name());
        }
        return targets(connection).isEmpty() ? Messages.NO_OTHER_CONNECTION_OF_A_DRIVER : null;
    }

    private static List<VirtConnection> targets(VirtConnection from) {
        return Services.connections().connections().stream()
                .filter(c -> c != from && c.state() == ConnectionState.CONNECTED)
                .filter(c -> Services.drivers().forUri(c.uri()).map(d -> d.capabilities().migration()).orElse(false))
                .toList();
    }

    @Override
    public Object execute(ExecutionEvent event) {
        if (!(HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection)
                || !(selection.getFirstElement() instanceof DomainNode node) || node.record() == null) {
            return null;
        }
        String reason = whyNot(node.connection());
        if (reason != null) {
            MessageDialog.openInformation(HandlerUtil.getActiveShell(event), Messages.MIGRATE,
                    NLS.bind(Messages.CANNOT_MIGRATE, reason));
            return null;
        }
        DomainRecord domain = node.record();
        List<VirtConnection> targets = targets(node.connection());
        FormDialog dialog = new FormDialog(HandlerUtil.getActiveShell(event), NLS.bind(Messages.MIGRATE_3,
                domain.name()),
                Messages.MOVE_THE_VIRTUAL_MACHINE_TO_ANOTHER, java.util.Map.of(Messages.DESTINATION,
                        String.join("|", targets.stream().map(VirtConnection::uri).toList()) + "|", Messages.MODE,
                        domain.state().isActive() ? "live|offline" : "offline|live"));
        if (dialog.open() == Window.OK) {
            VirtConnection target = targets.stream().filter(c -> c.uri().equals(dialog.values().get(Messages.DESTINATION)))
                    .findFirst().orElseThrow();
            boolean live = "live".equals(dialog.values().get(Messages.MODE));
            DomainOperations operations = new DomainOperations(Services.monitor(node.connection()));
            HostJob.run(NLS.bind(Messages.MIGRATING_TO, domain.name(), target.uri()),
                    () -> operations.migrate(node.uuid(), target, live),
                    true);
        }
        return null;
    }
}
