package dev.vireo.ui.handlers;

import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.operations.DomainOperations;
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
            return "the " + driver.name() + " does not support migration";
        }
        return targets(connection).isEmpty() ? "no other connection of a driver with migration is open" : null;
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
            MessageDialog.openInformation(HandlerUtil.getActiveShell(event), "Migrate", "Cannot migrate: " + reason + ".");
            return null;
        }
        DomainRecord domain = node.record();
        List<VirtConnection> targets = targets(node.connection());
        FormDialog dialog = new FormDialog(HandlerUtil.getActiveShell(event), "Migrate '" + domain.name() + "'",
                "Move the virtual machine to another host.", java.util.Map.of("Destination",
                        String.join("|", targets.stream().map(VirtConnection::uri).toList()) + "|", "Mode",
                        domain.state().isActive() ? "live|offline" : "offline|live"));
        if (dialog.open() == Window.OK) {
            VirtConnection target = targets.stream().filter(c -> c.uri().equals(dialog.values().get("Destination")))
                    .findFirst().orElseThrow();
            boolean live = "live".equals(dialog.values().get("Mode"));
            DomainOperations operations = new DomainOperations(Services.monitor(node.connection()));
            HostJob.run("Migrating " + domain.name() + " to " + target.uri(), () -> operations.migrate(node.uuid(), target, live),
                    true);
        }
        return null;
    }
}
