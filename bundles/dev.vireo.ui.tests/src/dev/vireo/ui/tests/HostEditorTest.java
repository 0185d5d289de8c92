package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vireo.connection.VirtConnection;
import dev.vireo.api.ObjectKind;
import dev.vireo.ui.editors.HostEditor;
import dev.vireo.ui.handlers.OpenHandler;

/** Host details on Vireo's fixture host: create and delete a network and a volume; the host and its cost. */
class HostEditorTest {
    private static VirtConnection host;
    private static HostEditor editor;

    @BeforeAll
    static void open() throws Exception {
        host = Workbench.openFixtureHost();
        editor = (HostEditor) OpenHandler.open(Workbench.page(), host);
    }

    @AfterAll
    static void close() {
        Workbench.page().closeEditor(editor, false);
        Workbench.close(host);
    }

    @Test
    void theOverviewShowsTheHostAndWhatTheConnectionCost() throws Exception {
        editor.showPage(HostEditor.OVERVIEW_PAGE);
        UiWait.until("the node info", () -> !editor.overviewPage().cpuText().isEmpty(), () -> "");
        UiWait.until("the cost", () -> editor.overviewPage().costText().contains("calls"), () -> "");
        Workbench.screenshot(editor.getSite().getShell(), "host-overview");
    }

    @Test
    void aNatNetworkIsCreatedStartedAndDeleted() throws Exception {
        editor.showPage(HostEditor.NETWORKS_PAGE);
        String key = Workbench.await(editor.networksPage().create("vireo-nat", "nat", "192.168.150.1/24"));
        Table table = editor.networksPage().table();
        UiWait.until("the new network listed active", () -> hasRow(table, "vireo-nat", "active"), () -> rows(table));
        String xml = Workbench.call(host, l -> l.objects().xml(ObjectKind.NETWORK, key));
        assertTrue(xml.contains("<forward mode='nat'") && xml.contains("192.168.150.1"), xml);
        assertTrue(Workbench.call(host, l -> l.objects().autostart(ObjectKind.NETWORK, key)));
        Workbench.screenshot(editor.getSite().getShell(), "host-networks");

        editor.networksPage().select("vireo-nat");
        Workbench.await(editor.networksPage().deleteSelected());
        UiWait.until("the network gone", () -> !hasRow(table, "vireo-nat", "active") && !hasRow(table, "vireo-nat", "inactive"),
                () -> rows(table));
    }

    @Test
    void aVolumeIsCreatedAndDeletedInAPool() throws Exception {
        editor.showPage(HostEditor.STORAGE_PAGE);
        editor.storagePage().select("images");
        Table volumes = editor.storagePage().volumes();
        UiWait.until("images' volumes", () -> hasRow(volumes, "spare.qcow2", null), () -> rows(volumes));
        Workbench.await(editor.storagePage().createVolume("vireo-disk.qcow2", 2, "qcow2"));
        UiWait.until("the new volume listed", () -> hasRow(volumes, "vireo-disk.qcow2", "2.0 GiB"), () -> rows(volumes));
        Workbench.screenshot(editor.getSite().getShell(), "host-storage");

        for (int i = 0; i < volumes.getItemCount(); i++) {
            if (volumes.getItem(i).getText(0).equals("vireo-disk.qcow2")) {
                volumes.setSelection(i);
            }
        }
        Workbench.await(editor.storagePage().deleteSelectedVolume());
        UiWait.until("the volume gone", () -> !hasRow(volumes, "vireo-disk.qcow2", null), () -> rows(volumes));
    }

    private static boolean hasRow(Table table, String name, String second) {
        return Arrays.stream(table.getItems())
                .anyMatch(i -> i.getText(0).equals(name) && (second == null || i.getText(1).equals(second)));
    }

    private static String rows(Table table) {
        return String.join(", ", Arrays.stream(table.getItems()).map(TableItem::getText).toList());
    }
}
