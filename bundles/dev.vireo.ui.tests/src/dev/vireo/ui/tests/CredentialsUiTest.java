package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.LibvirtDaemon;
import dev.vireo.ui.Services;
import dev.vireo.ui.credentials.LoginDialog;
import dev.vireo.ui.credentials.SavedPasswords;
import dev.vireo.ui.views.DomainsView;

/**
 * A libvirtd that wants a SASL password: the workbench asks, remembers it in secure storage if
 * told to (never in plain text on disk), and uses it on the next connect without asking.
 */
class CredentialsUiTest {
    private static final String PASSWORD = "Vireo-pw-4711";
    private static LibvirtDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = Workbench.await(CompletableFuture.supplyAsync(() -> {
            try {
                return LibvirtDaemon.start(LibvirtDaemon.Security.SASL, "vireo", PASSWORD);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        SavedPasswords.forget(daemon.uri("/default"));
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

        assertEquals("vireo", SavedPasswords.load(uri).user());
        List<Path> leaks = filesContaining(PASSWORD, Path.of(Platform.getInstanceLocation().getURL().toURI()),
                Path.of(Platform.getConfigurationLocation().getURL().toURI()), SavedPasswords.location());
        assertEquals(List.of(), leaks, "the password is nowhere on disk in plain text");

        Workbench.close(first);
        VirtConnection second = Services.connections().open(uri);
        UiWait.until("connected with the saved password", () -> second.state() == ConnectionState.CONNECTED,
                second::failure);
        assertTrue(openLoginDialogs().isEmpty(), "not asked again");
        Workbench.close(second);
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
        List<Path> found = new java.util.ArrayList<>();
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
