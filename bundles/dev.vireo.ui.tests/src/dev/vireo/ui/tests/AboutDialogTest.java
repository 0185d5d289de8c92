package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;

import dev.vireo.api.LibvirtThreadGuard;
import dev.vireo.ui.dialogs.AboutDialog;

/** Help > About Vireo: Vireo's, Java's and libvirt's versions, each open host's asked in the background. */
class AboutDialogTest {

    @Test
    void showsTheVersionsOfVireoJavaLibvirtAndEachConnectedHost() throws Exception {
        long violations = LibvirtThreadGuard.violations();
        AboutDialog about = new AboutDialog(Workbench.page().getWorkbenchWindow().getShell());
        about.setBlockOnOpen(false);
        about.open();
        try {
            UiWait.until("the libvirt versions", () -> text(about, "libvirt client library").matches("\\d+\\.\\d+\\.\\d+")
                    && text(about, "test:///default").matches("libvirt \\d+\\.\\d+\\.\\d+"), () -> rows(about));
            // the embedded test driver runs in Vireo's own process: its libvirt is the client library
            assertEquals("libvirt " + text(about, "libvirt client library"), text(about, "test:///default"));
            assertTrue(text(about, "Vireo").matches("\\d+\\.\\d+\\.\\d+.*"), rows(about));
            String notices = about.notices().getText();
            assertTrue(notices.contains("Eclipse Public License 2.0") && notices.contains("libvirt-java")
                    && notices.contains("JNA"), "the licence and the bundled components' notices: " + notices);
            Workbench.screenshot(about.getShell(), "about");
        } finally {
            about.close();
        }
        assertEquals(violations, LibvirtThreadGuard.violations(), "no libvirt call on the UI thread");
    }

    private static String text(AboutDialog about, String component) {
        for (TableItem row : about.table().getItems()) {
            if (row.getText(0).equals(component)) {
                return row.getText(1);
            }
        }
        return "";
    }

    private static String rows(AboutDialog about) {
        StringBuilder all = new StringBuilder();
        for (TableItem row : about.table().getItems()) {
            all.append(row.getText(0)).append(" = ").append(row.getText(1)).append("; ");
        }
        return all.toString();
    }
}
