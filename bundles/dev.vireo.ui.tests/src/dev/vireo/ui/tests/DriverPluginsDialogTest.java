package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;

import dev.vireo.ui.dialogs.DriverPluginsDialog;

/** Help > Driver Plugins: each installed driver with its plugin, version, provider, capabilities and status. */
class DriverPluginsDialogTest {

    @Test
    void listsEachInstalledDriverWithWhatItsPluginDeclares() throws Exception {
        DriverPluginsDialog dialog = new DriverPluginsDialog(Workbench.page().getWorkbenchWindow().getShell());
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            String[] qemu = row(dialog, "QEMU/KVM");
            assertEquals("qemu", qemu[1], "its URI scheme");
            assertEquals("dev.vireo.driver.qemu", qemu[2]);
            assertTrue(qemu[3].matches("\\d+\\.\\d+\\.\\d+.*"), "the plugin's version: " + qemu[3]);
            assertEquals("Vireo", qemu[4], "the plugin's provider");
            assertEquals("in use", qemu[5]);
            assertTrue(qemu[6].startsWith("events: domain, network, node-device, secret, storage-pool;")
                    && qemu[6].contains("migration") && qemu[6].endsWith("consoles: serial, spice, vnc"), qemu[6]);
            String[] test = row(dialog, "libvirt test driver");
            assertTrue(test[6].contains("snapshots") && !test[6].contains("migration"), test[6]);
            TableItem qemuRow = dialog.table().getItem(List.of(dialog.table().getItems()).stream()
                    .map(i -> i.getText(0)).toList().indexOf("QEMU/KVM"));
            dialog.table().setSelection(qemuRow);
            Event selected = new Event();
            selected.item = qemuRow;
            dialog.table().notifyListeners(SWT.Selection, selected);
            assertEquals("QEMU/KVM: " + qemu[6], dialog.details().getText(), "the selected driver's capabilities in full");
            Workbench.screenshot(dialog.getShell(), "driver-plugins");
        } finally {
            dialog.close();
        }
    }

    private static String[] row(DriverPluginsDialog dialog, String driver) {
        for (TableItem item : dialog.table().getItems()) {
            if (item.getText(0).equals(driver)) {
                String[] cells = new String[dialog.table().getColumnCount()];
                Arrays.setAll(cells, item::getText);
                return cells;
            }
        }
        throw new AssertionError(driver + " not among " + Arrays.stream(dialog.table().getItems())
                .map(i -> i.getText(0)).collect(Collectors.joining(", ")));
    }
}
