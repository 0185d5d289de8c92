package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.QemuSessionHost;
import dev.vireo.operations.DomainOperations;
import dev.vireo.operations.Lifecycle;
import dev.vireo.ui.Services;
import dev.vireo.ui.editors.ConsolePage;
import dev.vireo.ui.editors.DomainEditor;
import dev.vireo.ui.handlers.OpenHandler;
import dev.vireo.ui.views.DomainNode;

/**
 * A VM with SPICE graphics, virt-manager's default: the Console page says Vireo's viewer does not
 * speak SPICE and opens Debian's Remote Viewer (virt-viewer) for that VM and connection, which
 * reaches the host through libvirt itself (the daemon serves one client more).
 */
class RemoteViewerTest {

    @Test
    void aSpiceDisplayOpensInRemoteViewer() throws Exception {
        QemuSessionHost qemu = Workbench.offUi(QemuSessionHost::start);
        VirtConnection host = Workbench.open(qemu.uri());
        DomainEditor editor = null;
        Process viewer = null;
        try {
            DomainOperations domains = new DomainOperations(Services.monitor(host));
            String uuid = Workbench.await(domains.define(QemuSessionHost.firmwareOnly("spice",
                    "<graphics type='spice' autoport='yes' listen='127.0.0.1'/><video><model type='qxl'/></video>")));
            Workbench.await(domains.run(uuid, Lifecycle.START));
            DomainEditor opened = (DomainEditor) OpenHandler.open(Workbench.page(), new DomainNode(host, uuid));
            editor = opened;
            UiWait.until("the running VM's XML", () -> opened.record() != null && opened.record().state().isActive()
                    && opened.record().xml() != null && opened.record().xml().contains("spice"), () -> "");
            editor.showPage(DomainEditor.CONSOLE_PAGE);
            ConsolePage console = editor.page(ConsolePage.class);
            UiWait.until("SPICE named", () -> console.status().startsWith("The display is SPICE"), console::status);

            long clients = qemu.clients();
            console.openRemoteViewer();
            assertEquals("Remote Viewer opened for spice.", console.status());
            viewer = console.remoteViewer();
            Process started = viewer;
            UiWait.until("Remote Viewer connected to the host through libvirt", () -> qemu.clients() > clients,
                    () -> "clients " + qemu.clients() + ", viewer " + (started.isAlive() ? "running" : "exited " + started.exitValue()));
            assertTrue(viewer.isAlive(), "Remote Viewer stays open");
            Workbench.screenshotScreen(editor.getSite().getShell().getDisplay(), "remote-viewer");
        } finally {
            if (viewer != null) {
                viewer.destroy();
                viewer.waitFor(10, TimeUnit.SECONDS);
            }
            if (editor != null) {
                Workbench.page().closeEditor(editor, false);
            }
            Workbench.close(host);
            qemu.close();
        }
    }
}
