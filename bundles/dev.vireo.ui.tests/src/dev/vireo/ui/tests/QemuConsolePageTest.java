package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.keys.IBindingService;
import org.junit.jupiter.api.Test;

import dev.vireo.api.Credentials;
import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.QemuSessionHost;
import dev.vireo.operations.DomainOperations;
import dev.vireo.operations.Lifecycle;
import dev.vireo.ui.Services;
import dev.vireo.ui.credentials.SavedPasswords;
import dev.vireo.ui.editors.ConsolePage;
import dev.vireo.ui.editors.DomainEditor;
import dev.vireo.ui.handlers.OpenHandler;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.widgets.VncViewer;

/**
 * The Console page on a QEMU guest whose VNC display has a password: the password the user chose
 * to remember is found in secure storage (no dialog), the page picks the quality its measured
 * round trip calls for (lossless on this machine, unless QEMU answered late), the user's quality
 * choice reaches the server, and the keyboard grab and full screen let go on Ctrl+Alt, pressed and
 * released as a user would (real X key events).
 */
class QemuConsolePageTest {

    @Test
    void aRememberedPasswordOpensTheGuestsDisplayAndCtrlAltLetsGo() throws Exception {
        QemuSessionHost qemu = Workbench.offUi(QemuSessionHost::start);
        VirtConnection host = Workbench.open(qemu.uri());
        DomainEditor editor = null;
        String key = null;
        try {
            DomainOperations domains = new DomainOperations(Services.monitor(host));
            String uuid = Workbench.await(domains.define(QemuSessionHost.firmwareOnly("console", "<graphics type='vnc' "
                    + "port='-1' listen='127.0.0.1' passwd='keptpass'/><video><model type='vga'/></video>")));
            key = "vnc:" + host.uri() + "#" + uuid;
            String saved = key;
            Workbench.offUi(() -> {
                SavedPasswords.workbench().save(saved, new Credentials("", "keptpass".toCharArray()));
                return null;
            });
            Workbench.await(domains.run(uuid, Lifecycle.START));
            DomainEditor opened = (DomainEditor) OpenHandler.open(Workbench.page(), new DomainNode(host, uuid));
            editor = opened;
            UiWait.until("the VM running", () -> opened.record() != null && opened.record().state().isActive()
                    && opened.record().xml() != null, () -> "");
            editor.showPage(DomainEditor.CONSOLE_PAGE); // the cache's XML may be from before the start: no port yet
            ConsolePage console = editor.page(ConsolePage.class);
            VncViewer viewer = console.viewer();
            UiWait.until("the firmware's screen, with the remembered password",
                    () -> lit(viewer.screen()) > 200 && console.status().startsWith("Connected"), console::status);
            // The link decides: lossless under 10 ms. QEMU's display is on this machine, but its main loop
            // may answer late on a loaded one, so the test holds the choice to the figure measured.
            Matcher rtt = Pattern.compile("(lossless|JPEG, good) for a (\\d+) ms round trip").matcher(console.status());
            assertTrue(rtt.find(), "the quality and why: " + console.status());
            assertEquals(Integer.parseInt(rtt.group(2)) < 10 ? "lossless" : "JPEG, good", rtt.group(1), console.status());
            assertTrue(opened.record().xml().matches("(?s).*<graphics type=.vnc. port=.59.*"), "the live XML now cached");
            assertFalse(opened.record().xml().contains("keptpass"), "libvirt keeps the password out of the cache's XML");

            console.quality().select(List.of(ConsolePage.QUALITIES).indexOf("JPEG, low"));
            console.quality().notifyListeners(SWT.Selection, new Event());
            UiWait.until("the user's quality", () -> console.status().contains("JPEG, low"), console::status);
            assertFalse(console.status().contains("round trip"), "chosen by the user, not the link: " + console.status());

            IBindingService bindings = editor.getSite().getService(IBindingService.class);
            viewer.setFocus();
            UiWait.until("the keyboard grabbed", () -> !bindings.isKeyFilterEnabled(), () -> "");
            ctrlAlt(viewer.getDisplay());
            UiWait.until("the keyboard let go", () -> bindings.isKeyFilterEnabled() && !viewer.isFocusControl(), () -> "");

            Shell page = viewer.getShell();
            console.fullScreen();
            UiWait.until("full screen", () -> viewer.getShell() != page && viewer.getShell().getFullScreen(), () -> "");
            assertEquals(1, viewer.getShell().getChildren().length, "the viewer alone");
            Workbench.screenshot(viewer.getShell(), "vm-console-full-screen");
            viewer.setFocus();
            ctrlAlt(viewer.getDisplay());
            UiWait.until("back on the page", () -> viewer.getShell() == page, () -> "");
            assertNull(viewer.hint(), "no hint left over the screen");
            assertTrue(viewer.isConnected(), "the session went with the viewer: " + console.status());
            Workbench.screenshot(page, "vm-qemu-console");
        } finally {
            if (editor != null) {
                Workbench.page().closeEditor(editor, false);
            }
            if (key != null) {
                String saved = key;
                Workbench.offUi(() -> {
                    SavedPasswords.workbench().forget(saved);
                    return null;
                });
            }
            Workbench.close(host);
            qemu.close();
        }
    }

    private static long lit(ImageData screen) {
        if (screen == null) {
            return 0;
        }
        long n = 0;
        for (int y = 0; y < screen.height; y += 2) {
            for (int x = 0; x < screen.width; x += 2) {
                n += (screen.getPixel(x, y) & 0xffffff) != 0 ? 1 : 0;
            }
        }
        return n;
    }

    /** Ctrl and Alt pressed and released through the X server, as a keyboard would. */
    private static void ctrlAlt(Display display) {
        for (int[] k : new int[][] { { SWT.KeyDown, SWT.CTRL }, { SWT.KeyDown, SWT.ALT }, { SWT.KeyUp, SWT.ALT },
                { SWT.KeyUp, SWT.CTRL } }) {
            Event e = new Event();
            e.type = k[0];
            e.keyCode = k[1];
            display.post(e);
        }
    }
}
