package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.Test;

import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.QemuSessionHost;
import dev.vireo.core.tests.Sshd;
import dev.vireo.ui.Services;
import dev.vireo.ui.credentials.SshQuestionDialog;

/**
 * {@code qemu+ssh://} end to end, the transport most virt-manager users have: libvirt's ssh
 * transport through a real sshd (its own host key; a client key with a passphrase) to the QEMU
 * session daemon on the far side. ssh's questions come to Vireo's dialogs: the unknown host key is
 * shown with its fingerprint, refused once (the connection fails and says why), then accepted;
 * the key's passphrase is typed into Vireo; the host's capabilities arrive.
 */
class SshConnectionTest {

    @Test
    void aQemuSshConnectionAsksForTheHostKeyAndPassphraseInVireoAndReachesTheHost() throws Exception {
        QemuSessionHost qemu = Workbench.offUi(QemuSessionHost::start);
        Sshd sshd = Workbench.offUi(Sshd::start);
        VirtConnection c = null;
        try {
            sshd.forgetHostKey();
            Path key = sshd.authorize("vireo_key", "vireo passphrase");
            String uri = "qemu+ssh://root@127.0.0.1:" + sshd.port() + "/session?socket=" + qemu.socket()
                    + "&proxy=netcat&keyfile=" + key;
            VirtConnection connection = Services.drivers().open(Services.connections(), uri);
            c = connection;

            SshQuestionDialog refused = question();
            assertTrue(refused.isHostKeyQuestion(), refused.question());
            assertTrue(refused.question().contains(sshd.fingerprint()), "the fingerprint shown: " + refused.question());
            Workbench.screenshot(refused.getShell(), "ssh-host-key");
            refused.close(); // Refuse
            UiWait.until("the connection refused", () -> connection.state() == ConnectionState.DISCONNECTED
                    && connection.failure() != null, () -> connection.state().label());
            assertTrue(connection.failure().contains("Host key verification failed"), connection.failure());

            connection.reconnect();
            SshQuestionDialog hostKey = question();
            assertTrue(hostKey.isHostKeyQuestion(), hostKey.question());
            hostKey.okButton().notifyListeners(SWT.Selection, new Event()); // Accept
            SshQuestionDialog passphrase = question();
            assertFalse(passphrase.isHostKeyQuestion(), passphrase.question());
            assertTrue(passphrase.question().contains("passphrase"), passphrase.question());
            passphrase.secretText().setText("vireo passphrase");
            Workbench.screenshot(passphrase.getShell(), "ssh-passphrase");
            passphrase.okButton().notifyListeners(SWT.Selection, new Event());

            UiWait.until("connected over ssh and loaded", () -> Services.monitor(connection).isReady(),
                    () -> connection.state().label() + " " + connection.failure() + " / sshd: " + sshd.log());
            assertEquals(ConnectionState.CONNECTED, connection.state());
            assertTrue(Services.monitor(connection).capabilitiesXml().contains("<domain type='qemu'"),
                    "the far side's QEMU answered");
        } finally {
            if (c != null) {
                Workbench.close(c);
            }
            sshd.close();
            qemu.close();
        }
    }

    /** The next question of ssh's, shown in Vireo. */
    private static SshQuestionDialog question() {
        return Workbench.dialog(SshQuestionDialog.class, d -> !d.answer().isDone(), "ssh's question in Vireo", UiWait.TIMEOUT);
    }
}
