package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jface.viewers.StructuredSelection;
import org.junit.jupiter.api.Test;

import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.Services;
import dev.vireo.ui.preferences.VireoPreferences;
import dev.vireo.ui.views.DomainsView;

/** Disconnect keeps a saved connection for the next start; Remove forgets it. */
class ConnectionCommandsTest {

    @Test
    void disconnectKeepsTheSavedConnectionAndRemoveForgetsIt() throws Exception {
        DomainsView view = Workbench.view();
        VirtConnection first = Workbench.openFixtureHost();
        String uri = first.uri();
        VireoPreferences.setAutoconnect(uri, true);
        try {
            execute(view, first, "dev.vireo.ui.commands.disconnect");
            UiWait.until("its row gone", () -> !Services.connections().connections().contains(first) && !hasRow(view, first),
                    () -> Workbench.rows(view));
            assertTrue(VireoPreferences.autoconnect().contains(uri), "still opened at the next start");

            VirtConnection second = Workbench.openFixtureHost();
            execute(view, second, "dev.vireo.ui.commands.removeConnection");
            UiWait.until("its row gone", () -> !Services.connections().connections().contains(second)
                    && !hasRow(view, second), () -> Workbench.rows(view));
            assertFalse(VireoPreferences.autoconnect().contains(uri), "forgotten");
        } finally {
            VireoPreferences.setAutoconnect(uri, false);
        }
    }

    private static void execute(DomainsView view, VirtConnection c, String command) throws Exception {
        UiWait.until("the connection's row", () -> hasRow(view, c), () -> Workbench.rows(view));
        view.viewer().setSelection(new StructuredSelection(c), true);
        view.setFocus();
        Workbench.execute(command);
    }

    private static boolean hasRow(DomainsView view, VirtConnection c) {
        for (var row : view.viewer().getTree().getItems()) {
            if (row.getData() == c) {
                return true;
            }
        }
        return false;
    }
}
