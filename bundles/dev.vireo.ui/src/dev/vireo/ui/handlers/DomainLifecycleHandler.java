package dev.vireo.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.monitor.DomainRecord;
import dev.vireo.operations.DomainOperations;
import dev.vireo.operations.Lifecycle;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.preferences.VireoPreferences;
import dev.vireo.ui.views.DomainNode;

/**
 * Run, Pause, Resume, Shut Down, Reboot, Reset, Force Off and Save. Each domain's call runs as a
 * Job; the row changes when libvirt's lifecycle event arrives, not because the handler says so.
 * The action comes from plugin.xml: {@code class="...DomainLifecycleHandler:START"}, a {@link Lifecycle} name.
 */
public class DomainLifecycleHandler extends AbstractHandler implements IExecutableExtension {
    private Lifecycle action;

    @Override
    public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
        action = Lifecycle.valueOf((String) data);
    }

    @Override
    public Object execute(ExecutionEvent event) {
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection) {
            if ((action == Lifecycle.FORCE_OFF || action == Lifecycle.RESET)
                    && VireoPreferences.confirm(VireoPreferences.CONFIRM_FORCE_OFF)
                    && !MessageDialog.openConfirm(HandlerUtil.getActiveShell(event), NLS.bind(Messages.CONFIRM,
                            action.verb()),
                            NLS.bind(Messages.STOPS_THE_GUEST_WITHOUT_ASKING_IT, action.verb()))) {
                return null;
            }
            for (Object element : selection) {
                DomainRecord domain = element instanceof DomainNode node ? node.record() : null;
                if (domain != null) {
                    DomainNode node = (DomainNode) element;
                    DomainOperations operations = new DomainOperations(Services.monitor(node.connection()));
                    HostJob.run(action.verb() + " " + domain.name(), () -> operations.run(node.uuid(), action), true);
                }
            }
        }
        return null;
    }
}
