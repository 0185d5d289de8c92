package dev.vireo.ui.handlers;

import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.views.DomainNode;

/**
 * Run, Shut Down and Force Off. Each domain's call runs as a Job on its connection's workers; the
 * row changes when libvirt's lifecycle event arrives, not because the handler says so.
 * The action comes from plugin.xml: {@code class="...DomainLifecycleHandler:start"}.
 */
public class DomainLifecycleHandler extends AbstractHandler implements IExecutableExtension {
    private Action action;

    private enum Action {
        start("Starting", LibvirtConnection::start),
        shutdown("Shutting down", LibvirtConnection::shutdown),
        destroy("Forcing off", LibvirtConnection::destroy);

        final String verb;
        final BiConsumer<LibvirtConnection, String> call;

        Action(String verb, BiConsumer<LibvirtConnection, String> call) {
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
        if (!(HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection)) {
            return null;
        }
        for (Object element : selection) {
            if (element instanceof DomainNode node && node.record() != null) {
                schedule(node, node.record());
            }
        }
        return null;
    }

    private void schedule(DomainNode node, DomainRecord domain) {
        Job job = Job.create(action.verb + " " + domain.name(), (IProgressMonitor monitor) -> {
            try {
                node.connection().submit(libvirt -> {
                    action.call.accept(libvirt, node.uuid());
                    return null;
                }).get();
                return Status.OK_STATUS;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.CANCEL_STATUS;
            } catch (ExecutionException e) {
                return new Status(IStatus.ERROR, "dev.vireo.ui",
                        action.verb + " '" + domain.name() + "' failed: " + e.getCause().getMessage(), e.getCause());
            }
        });
        job.setUser(true);
        job.schedule();
    }
}
