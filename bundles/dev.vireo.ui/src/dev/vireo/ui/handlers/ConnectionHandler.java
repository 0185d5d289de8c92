package dev.vireo.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.ICoreRunnable;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.Services;
import dev.vireo.ui.credentials.SavedPasswords;
import dev.vireo.ui.preferences.VireoPreferences;

/**
 * Disconnect, Reconnect and Remove for the connections selected in the manager. Disconnect closes
 * a connection and keeps it saved (it opens again at the next start); Remove also forgets it and
 * its saved password; Reconnect tries a failed one again now, with the credentials it had. The
 * action comes from plugin.xml: {@code class="...ConnectionHandler:DISCONNECT"}.
 */
public class ConnectionHandler extends AbstractHandler implements IExecutableExtension {
    enum Action {
        DISCONNECT, RECONNECT, REMOVE
    }

    private Action action;

    @Override
    public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
        action = Action.valueOf((String) data);
    }

    @Override
    public Object execute(ExecutionEvent event) {
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection) {
            for (Object o : selection.toList()) {
                if (o instanceof VirtConnection c) {
                    run(c);
                }
            }
        }
        return null;
    }

    private void run(VirtConnection c) {
        switch (action) {
            case RECONNECT -> c.reconnect();
            case DISCONNECT -> Services.connections().close(c);
            case REMOVE -> {
                Services.connections().close(c);
                VireoPreferences.setAutoconnect(c.uri(), false);
                // the keyring is asked over D-Bus: not on the UI thread
                Job.create("Forgetting the saved password for " + c.uri(),
                        (ICoreRunnable) monitor -> SavedPasswords.workbench().forget(c.uri())).schedule();
            }
        }
    }
}
