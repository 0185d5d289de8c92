package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vireo.ui.Services;
import dev.vireo.ui.dialogs.AddConnectionDialog;
import dev.vireo.ui.preferences.VireoPreferences;

/** The Add Connection dialog lists the installed driver plugins and shows what each one can do. */
class AddConnectionDialogTest {
    private AddConnectionDialog dialog;

    @BeforeEach
    void open() {
        dialog = new AddConnectionDialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                Services.drivers().drivers());
        dialog.setBlockOnOpen(false);
        dialog.open();
    }

    @AfterEach
    void close() {
        dialog.close();
    }

    @Test
    void listsTheInstalledDriversAndStartsOnTheTestDriver() {
        List<String> names = Arrays.asList(dialog.driverCombo().getItems());
        assertTrue(names.containsAll(List.of("libvirt test driver", "QEMU/KVM", "Linux containers (LXC)", "VMware ESX")),
                names.toString());
        assertEquals("libvirt test driver", dialog.driverCombo().getText());
        assertEquals("test:///default", dialog.uriText().getText());
    }

    @Test
    void buildsTheUriFromTheDriversFields() {
        choose(dialog.driverCombo(), "QEMU/KVM");
        choose(dialog.transportCombo(), "ssh");
        assertNotNull(dialog.getErrorMessage(), "ssh without a host is refused");
        assertFalse(dialog.connectButton().isEnabled());
        dialog.hostText().setText("host.example");
        dialog.userText().setText("root");
        assertEquals("qemu+ssh://root@host.example/system", dialog.uriText().getText());
        assertTrue(dialog.connectButton().isEnabled());
    }

    @Test
    void greysOutWhatTheDriverDoesNotSupport() {
        choose(dialog.driverCombo(), "VMware ESX");
        assertFalse(feature("Events").isEnabled(), "libvirt has no events for ESX");
        assertFalse(feature("Migration").isEnabled());
        assertTrue(feature("Snapshots").isEnabled() && feature("Snapshots").getSelection());
        click(feature("Snapshots"));
        assertTrue(feature("Snapshots").getSelection(), "the boxes state what the driver can do; a click does not change it");
        choose(dialog.driverCombo(), "QEMU/KVM");
        assertTrue(feature("Migration").isEnabled() && feature("Events").getSelection());
    }

    @Test
    void connectReturnsTheUri() {
        choose(dialog.driverCombo(), "libvirt test driver");
        dialog.setBlockOnOpen(false);
        click(dialog.autoconnectButton());
        click(dialog.connectButton());
        assertEquals("test:///default", dialog.uri());
        assertTrue(dialog.autoconnect());
    }

    @Test
    void savedConnectionsAreKeptInTheWorkspacePreferences() throws Exception {
        VireoPreferences.setAutoconnect("qemu+ssh://root@host.example/system", true);
        VireoPreferences.setAutoconnect("test:///default", true);
        try {
            assertEquals(List.of("qemu+ssh://root@host.example/system", "test:///default"), VireoPreferences.autoconnect());
            String stored = Files.readString(Platform.getStateLocation(Platform.getBundle("dev.vireo.ui")).toPath()
                    .resolve("../org.eclipse.core.runtime/.settings/dev.vireo.ui.prefs").normalize());
            assertTrue(stored.contains("qemu+ssh\\://root@host.example/system"), stored);
        } finally {
            VireoPreferences.setAutoconnect("qemu+ssh://root@host.example/system", false);
            VireoPreferences.setAutoconnect("test:///default", false);
        }
        assertEquals(List.of(), VireoPreferences.autoconnect());
    }

    private Button feature(String text) {
        return dialog.featureButtons().stream().filter(b -> b.getText().equals(text)).findFirst().orElseThrow();
    }

    private static void choose(Combo combo, String item) {
        combo.select(Arrays.asList(combo.getItems()).indexOf(item));
        combo.notifyListeners(SWT.Selection, new Event());
    }

    private static void click(Widget button) {
        if (button instanceof Button b && (b.getStyle() & SWT.CHECK) != 0) {
            b.setSelection(!b.getSelection()); // what a real click does before the listeners run
        }
        button.notifyListeners(SWT.Selection, new Event());
    }
}
