package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.viewers.StructuredSelection;
import org.junit.jupiter.api.Test;

import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.LibvirtDaemon;
import dev.vireo.core.tests.TestHosts;
import dev.vireo.ui.Services;
import dev.vireo.ui.dialogs.AddConnectionDialog;
import dev.vireo.ui.handlers.ConnectionHandler;
import dev.vireo.ui.preferences.VireoPreferences;
import dev.vireo.ui.views.DomainsView;

/** Disconnect keeps a saved connection for the next start; Remove forgets it; Reconnect resyncs; Edit replaces. */
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

    @Test
    void reconnectTriesAConnectionThatFailedAgainNow() throws Exception {
        DomainsView view = Workbench.view();
        LibvirtDaemon daemon = Workbench.offUi(LibvirtDaemon::start);
        VirtConnection c = null;
        try {
            daemon.kill(); // the host is down when Vireo first tries it
            VirtConnection failed = Services.drivers().open(Services.connections(), daemon.uri("/default"));
            c = failed;
            UiWait.until("the connection refused", () -> failed.state() == ConnectionState.DISCONNECTED
                    && failed.failure() != null, () -> failed.state().label());
            Workbench.offUi(() -> {
                daemon.restart();
                return null;
            });
            execute(view, failed, "dev.vireo.ui.commands.reconnect");
            UiWait.until("connected and loaded", () -> Services.monitor(failed).isReady(), () -> failed.state().label());
            assertEquals(ConnectionState.CONNECTED, failed.state());
        } finally {
            if (c != null) {
                Workbench.close(c);
            }
            daemon.close();
        }
    }

    @Test
    void editShowsASavedConnectionAndReplacesItWithTheEditedOne() throws Exception {
        String saved = "qemu+ssh://root@127.0.0.1:2222/session?socket=/run/user/1000/libvirt/virtqemud-sock";
        AddConnectionDialog dialog = new AddConnectionDialog(Workbench.page().getWorkbenchWindow().getShell(),
                Services.drivers().drivers()).edit(saved, true);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            assertEquals("QEMU/KVM", dialog.driverCombo().getText());
            assertEquals("ssh", dialog.transportCombo().getText());
            assertEquals("127.0.0.1:2222", dialog.hostText().getText());
            assertEquals("root", dialog.userText().getText());
            assertEquals(saved, dialog.uriText().getText(), "the query kept");
            assertTrue(dialog.autoconnectButton().getSelection());
            Workbench.screenshot(dialog.getShell(), "edit-connection");
        } finally {
            dialog.close();
        }

        VirtConnection old = Workbench.openFixtureHost();
        VireoPreferences.setAutoconnect(old.uri(), true);
        Path copy = Files.copy(TestHosts.fixture(), Files.createTempDirectory("vireo-edit").resolve("edited-host.xml"));
        String edited = "test://" + copy;
        VirtConnection replaced = ConnectionHandler.replace(old, edited, true);
        try {
            UiWait.until("the edited connection up", () -> Services.monitor(replaced).isReady(), () -> replaced.state().label());
            assertFalse(Services.connections().connections().contains(old), "the old one closed");
            assertFalse(VireoPreferences.autoconnect().contains(old.uri()));
            assertTrue(VireoPreferences.autoconnect().contains(edited), "the edited one opens at the next start");
        } finally {
            VireoPreferences.setAutoconnect(edited, false);
            VireoPreferences.setAutoconnect(old.uri(), false);
            Workbench.close(replaced);
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
