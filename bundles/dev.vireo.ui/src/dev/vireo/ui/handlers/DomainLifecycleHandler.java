package dev.vireo.ui.handlers;

import java.util.function.BiConsumer;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.libvirt.Domains;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.jobs.LibvirtJob;
import dev.vireo.ui.preferences.VireoPreferences;
import dev.vireo.ui.views.DomainNode;

/**
 * Run, Pause, Resume, Shut Down, Reboot, Reset, Force Off and Save. Each domain's call runs as a
 * Job; the row changes when libvirt's lifecycle event arrives, not because the handler says so.
 * The action comes from plugin.xml: {@code class="...DomainLifecycleHandler:start"}.
 */
public class DomainLifecycleHandler extends AbstractHandler implements IExecutableExtension {
    private Action action;

    private enum Action {
        start("Starting", Domains::start),
        suspend("Pausing", Domains::suspend),
        resume("Resuming", Domains::resume),
        shutdown("Shutting down", Domains::shutdown),
        reboot("Rebooting", Domains::reboot),
        reset("Resetting", Domains::reset),
        destroy("Forcing off", Domains::destroy),
        managedSave("Saving", Domains::managedSave);

        final String verb;
        final BiConsumer<Domains, String> call;

        Action(String verb, BiConsumer<Domains, String> call) {
            this.verb = verb;
            this.call = call;
        }
    }

    @Override
    public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
        action = Action.valueOf((String) data);
    }

    @Override
    public Object execute(ExecutionEvent event) {
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection) {
            if ((action == Action.destroy || action == Action.reset)
                    && VireoPreferences.confirm(VireoPreferences.CONFIRM_FORCE_OFF)
                    && !MessageDialog.openConfirm(HandlerUtil.getActiveShell(event), "Confirm " + action.verb,
                            action.verb + " stops the guest without asking it: unsaved data in it is lost. Go on?")) {
                return null;
            }
            for (Object element : selection) {
                DomainRecord domain = element instanceof DomainNode node ? node.record() : null;
                if (domain != null) {
                    DomainNode node = (DomainNode) element;
                    LibvirtJob.run(action.verb + " " + domain.name(), node.connection(), libvirt -> {
                        action.call.accept(libvirt.domains(), node.uuid());
                        return null;
                    }, true);
                }
            }
        }
        return null;
    }
}
