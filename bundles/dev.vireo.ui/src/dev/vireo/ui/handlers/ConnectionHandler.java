package dev.vireo.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.ICoreRunnable;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.connection.VirtConnection;
import dev.vireo.driver.DriverRegistry;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.credentials.SavedPasswords;
import dev.vireo.ui.dialogs.AddConnectionDialog;
import dev.vireo.ui.preferences.VireoPreferences;

/**
 * Disconnect, Reconnect, Edit and Remove for the connections selected in the manager. Disconnect
 * closes a connection and keeps it saved (it opens again at the next start); Remove also forgets it
 * and its saved password; Reconnect tries a failed one again now, with the credentials it had; Edit
 * shows it in the Add Connection dialog and replaces it with what is chosen there. The action comes
 * from plugin.xml: {@code class="...ConnectionHandler:DISCONNECT"}.
 */
public class ConnectionHandler extends AbstractHandler implements IExecutableExtension {
    enum Action {
        DISCONNECT, RECONNECT, EDIT, REMOVE
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
                    run(c, HandlerUtil.getActiveShell(event));
                }
            }
        }
        return null;
    }

    private void run(VirtConnection c, Shell shell) {
        switch (action) {
            case RECONNECT -> c.reconnect();
            case EDIT -> {
                DriverRegistry registry = Services.drivers();
                AddConnectionDialog dialog = new AddConnectionDialog(shell, registry.drivers(),
                        registry::disabledReason)
                        .edit(c.uri(), VireoPreferences.autoconnect().contains(c.uri()));
                if (dialog.open() == Window.OK) {
                    replace(c, dialog.uri(), dialog.autoconnect());
                }
            }
            case DISCONNECT -> Services.connections().close(c);
            case REMOVE -> {
                Services.connections().close(c);
                VireoPreferences.setAutoconnect(c.uri(), false);
                // the keyring is asked over D-Bus: not on the UI thread
                Job.create(NLS.bind(Messages.FORGETTING_THE_SAVED_PASSWORD_FOR, c.uri()),
                        (ICoreRunnable) monitor -> SavedPasswords.workbench().forget(c.uri())).schedule();
            }
        }
    }

    /** Closes a connection and opens what it was edited into, saved for the next start as chosen. */
    public static VirtConnection replace(VirtConnection old, String uri, boolean autoconnect) {
        Services.connections().close(old);
        VireoPreferences.setAutoconnect(old.uri(), false);
        VireoPreferences.setAutoconnect(uri, autoconnect);
        return Services.drivers().open(Services.connections(), uri);
    }
}
