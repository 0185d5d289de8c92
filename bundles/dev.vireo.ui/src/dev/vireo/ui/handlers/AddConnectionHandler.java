package dev.vireo.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.driver.DriverRegistry;
import dev.vireo.ui.Services;
import dev.vireo.ui.dialogs.AddConnectionDialog;
import dev.vireo.ui.preferences.VireoPreferences;

/**
 * File > Add Connection: opens the chosen URI through its driver (connecting happens in the
 * background) and remembers it if it is to be opened at every start.
 */
public class AddConnectionHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        DriverRegistry registry = Services.drivers();
        AddConnectionDialog dialog = new AddConnectionDialog(HandlerUtil.getActiveShell(event), registry.drivers(),
                registry::disabledReason);
        if (dialog.open() == Window.OK) {
            // connects in the background; a driver plugin that fails shows its reason on the connection's row
            registry.open(Services.connections(), dialog.uri());
            VireoPreferences.setAutoconnect(dialog.uri(), dialog.autoconnect());
        }
        return null;
    }
}
