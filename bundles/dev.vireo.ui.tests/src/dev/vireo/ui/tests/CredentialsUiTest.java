package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vireo.api.Credentials;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.LibvirtDaemon;
import dev.vireo.ui.Services;
import dev.vireo.ui.credentials.LoginDialog;
import dev.vireo.ui.credentials.SavedPasswords;
import dev.vireo.ui.credentials.SavedPasswords.Protection;
import dev.vireo.ui.views.DomainsView;

/**
 * A libvirtd that wants a SASL password: the workbench asks, remembers it in secure storage if
 * told to (never in plain text on disk), and uses it on the next connect without asking. The
 * storage's key is in the desktop keyring where a Secret Service answers, else in a user-only file.
 */
class CredentialsUiTest {
    private static final String PASSWORD = "Vireo-pw-4711";
    private static LibvirtDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = Workbench.offUi(() -> LibvirtDaemon.start(LibvirtDaemon.Security.SASL, "vireo", PASSWORD));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        SavedPasswords.workbench().forget(daemon.uri("/default"));
        daemon.close();
    }

    @Test
    void theWorkbenchAsksRemembersInSecureStorageAndConnectsWithoutAskingNextTime() throws Exception {
        DomainsView view = Workbench.view();
        String uri = daemon.uri("/default");
        VirtConnection first = Services.connections().open(uri);
        LoginDialog dialog = awaitLoginDialog();
        assertTrue(dialog.getMessage().contains("asks for a user name and password"), dialog.getMessage());
        Workbench.screenshot(dialog.getShell(), "login");
        dialog.userText().setText("vireo");
        dialog.passwordText().setText(PASSWORD);
        dialog.rememberButton().setSelection(true);
        dialog.logInButton().notifyListeners(SWT.Selection, new Event());
        UiWait.until("connected with the password", () -> first.state() == ConnectionState.CONNECTED, first::failure);
        UiWait.until("the host's rows", () -> Workbench.row(view, first, "test") != null, () -> Workbench.rows(view));

        SavedPasswords passwords = SavedPasswords.workbench();
        UiWait.until("the password saved", () -> passwords.load(uri) != null, () -> "not yet");
        assertEquals("vireo", passwords.load(uri).user());
        List<Path> leaks = filesContaining(PASSWORD, Path.of(Platform.getInstanceLocation().getURL().toURI()),
                Path.of(Platform.getConfigurationLocation().getURL().toURI()), passwords.location());
        assertEquals(List.of(), leaks, "the password is nowhere on disk in plain text");

        Workbench.close(first);
        VirtConnection second = Services.connections().open(uri);
        UiWait.until("connected with the saved password", () -> second.state() == ConnectionState.CONNECTED,
                second::failure);
        assertTrue(openLoginDialogs().isEmpty(), "not asked again");
        Workbench.close(second);
    }

    @Test
    void whereASecretServiceAnswersTheKeyIsInTheKeyringAndNowhereOnDisk(@TempDir Path dir) throws Exception {
        assumeTrue(System.getenv("VIREO_KEYRING_DIR") != null,
                "no private keyring: releng/with-keyring.sh starts one (releng/test.sh runs the tests in it)");
        String module = SavedPasswords.keyringModule();
        assertNotNull(module, "the product's keyring provider (org.eclipse.equinox.security.linux) is installed");
        SavedPasswords passwords = new SavedPasswords(dir, module);
        assertEquals(Protection.KEYRING, passwords.protection());
        passwords.save("qemu+ssh://vireo@host.example/system", new Credentials("vireo", "Pw-0815-keyring".toCharArray()));
        assertEquals("Pw-0815-keyring", new String(passwords.load("qemu+ssh://vireo@host.example/system").password()));
        assertFalse(Files.exists(dir.resolve("secure-storage.key")), "no key file");
        assertEquals(List.of(), filesContaining("Pw-0815-keyring", dir));
        Process search = new ProcessBuilder("secret-tool", "search", "--all", "xdg:schema", "org.eclipse.equinox")
                .redirectErrorStream(true).start();
        String items = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(items.contains("Equinox master password"), "the storage's key is an item of the keyring: " + items);
        passwords.forget("qemu+ssh://vireo@host.example/system");
        assertNull(passwords.load("qemu+ssh://vireo@host.example/system"));
    }

    @Test
    void whereNoKeyringAnswersTheKeyIsAUserOnlyFileAndTheLogInDialogSaysSo(@TempDir Path dir) throws Exception {
        SavedPasswords passwords = new SavedPasswords(dir, "dev.vireo.tests.no-such-keyring");
        assertEquals(Protection.FILE_KEY, passwords.protection());
        passwords.save("test+tcp://127.0.0.1/default", new Credentials("vireo", "Pw-0815-file".toCharArray()));
        assertEquals("Pw-0815-file", new String(passwords.load("test+tcp://127.0.0.1/default").password()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secure-storage.key"))));
        assertEquals(List.of(), filesContaining("Pw-0815-file", dir));

        Shell shell = Workbench.page().getWorkbenchWindow().getShell();
        LoginDialog warned = new LoginDialog(shell, "test+tcp://127.0.0.1/default", "The host asks", "vireo",
                Protection.FILE_KEY, d -> { });
        warned.open();
        assertTrue(warned.keyWarning().getText().startsWith("No desktop keyring answered"), warned.keyWarning().getText());
        Workbench.screenshot(warned.getShell(), "login-file-key");
        warned.close();
        LoginDialog keyring = new LoginDialog(shell, "test+tcp://127.0.0.1/default", "The host asks", "vireo",
                Protection.KEYRING, d -> { });
        keyring.open();
        assertNull(keyring.keyWarning());
        keyring.close();
    }

    private static LoginDialog awaitLoginDialog() {
        UiWait.until("the Log In dialog", () -> !openLoginDialogs().isEmpty(), () -> "none");
        return openLoginDialogs().get(0);
    }

    private static List<LoginDialog> openLoginDialogs() {
        return Stream.of(Display.getCurrent().getShells()).map(Shell::getData)
                .filter(LoginDialog.class::isInstance).map(LoginDialog.class::cast).toList();
    }

    private static List<Path> filesContaining(String secret, Path... roots) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    byte[] content = Files.readAllBytes(f);
                    if (indexOf(content, needle) >= 0) {
                        found.add(f);
                    }
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
