package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.eclipse.core.commands.NotEnabledException;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.connection.VirtConnection;
import dev.vireo.model.DomainQueries;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Services;
import dev.vireo.ui.editors.DomainEditor;
import dev.vireo.ui.editors.OverviewPage;
import dev.vireo.ui.editors.SnapshotsPage;
import dev.vireo.ui.handlers.CloneDomainHandler;
import dev.vireo.ui.handlers.MigrateDomainHandler;
import dev.vireo.ui.handlers.OpenHandler;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.views.DomainsView;

/** Snapshots, Clone and Migrate on Vireo's fixture host. */
class SnapshotCloneMigrateTest {
    private static VirtConnection host;
    private DomainEditor editor;

    @BeforeAll
    static void openHost() throws Exception {
        host = Workbench.openFixtureHost();
    }

    @AfterAll
    static void closeHost() {
        Workbench.close(host);
    }

    @AfterEach
    void closeEditor() {
        if (editor != null) {
            Workbench.page().closeEditor(editor, false);
        }
    }

    @Test
    void snapshotsAreListedByParentTakenRevertedToAndDeleted() throws Exception {
        DomainRecord d = byName("snapshot-tree");
        editor = (DomainEditor) OpenHandler.open(Workbench.page(), new DomainNode(host, d.uuid()));
        editor.showPage(DomainEditor.SNAPSHOTS_PAGE);
        var page = editor.page(SnapshotsPage.class);
        UiWait.until("the snapshots listed", () -> page.status().endsWith("snapshots."), page::status);
        List<String> names = Workbench.call(host, l -> l.snapshots().snapshotNames(d.uuid()));
        assertEquals(names.size() + " snapshots.", page.status());
        TreeItem root = find(page.tree().getItems(), "fresh-install");
        assertNotNull(root);
        assertNotNull(find(root.getItems(), "updates-applied"), "children under their parent");

        Workbench.await(page.create("vireo-snap", "taken by the test"));
        assertTrue(Workbench.call(host, l -> l.snapshots().snapshotNames(d.uuid())).contains("vireo-snap"));
        UiWait.until("the new snapshot listed", () -> find(page.tree().getItems(), "vireo-snap") != null, page::status);
        Workbench.screenshot(editor.getSite().getShell(), "vm-snapshots");

        page.select("vireo-snap");
        long reverts = host.calls().get("virDomainRevertToSnapshot");
        Workbench.await(page.revertSelected());
        assertEquals(reverts + 1, host.calls().get("virDomainRevertToSnapshot"));

        page.select("vireo-snap");
        Workbench.await(page.deleteSelected());
        UiWait.until("the snapshot gone", () -> find(page.tree().getItems(), "vireo-snap") == null, page::status);
        assertTrue(!Workbench.call(host, l -> l.snapshots().snapshotNames(d.uuid())).contains("vireo-snap"));
    }

    @Test
    void aCloneGetsItsOwnNameMacsAndACopyOfTheChosenDisk() throws Exception {
        DomainRecord source = byName("clone-source");
        String disk = source.definition().diskSources().get(0);
        String uuid = Workbench.await(CloneDomainHandler.clone(new DomainNode(host, source.uuid()), "vireo-clone",
                Set.of(disk)));
        UiWait.until("the clone in the cache with its XML", () -> Services.monitor(host).domains().get(uuid) != null
                && Services.monitor(host).domains().get(uuid).definition() != null, () -> "");
        DomainRecord clone = Services.monitor(host).domains().get(uuid);
        assertEquals("vireo-clone", clone.name());
        assertNotEquals(source.uuid(), clone.uuid());
        assertEquals(List.of("/images/vireo-clone-vda.img"), clone.definition().diskSources());
        for (String mac : clone.definition().macAddresses()) {
            assertTrue(!source.definition().macAddresses().contains(mac), "a new MAC: " + mac);
        }
        String pool = Services.monitor(host).objects(ObjectKind.STORAGE_POOL).all().stream()
                .filter(p -> p.name().equals("images")).findFirst().orElseThrow().key();
        assertTrue(Workbench.call(host, l -> l.storage().volumes(pool)).stream().map(StorageVolume::name).toList()
                .contains("vireo-clone-vda.img"));
        assertEquals(DomainQueries.macAddresses(source.definition().model()).size(), clone.definition().macAddresses().size());
    }

    @Test
    void migrateIsNotOfferedOnTheTestDriverAndSaysWhy() throws Exception {
        String why = MigrateDomainHandler.whyNot(host);
        assertEquals("the libvirt test driver does not support migration", why);
        DomainsView view = Workbench.view();
        UiWait.until("the host's rows", () -> Workbench.row(view, host, "test") != null, () -> Workbench.rows(view));
        Workbench.select(view, Workbench.row(view, host, "test"));
        assertThrows(NotEnabledException.class, () -> Workbench.execute("dev.vireo.ui.commands.migrate"));
        editor = (DomainEditor) OpenHandler.open(Workbench.page(), new DomainNode(host, byName("test").uuid()));
        assertEquals("not offered: " + why, editor.page(OverviewPage.class).migrationText());
    }

    private static TreeItem find(TreeItem[] items, String name) {
        for (TreeItem i : items) {
            if (i.getText(0).equals(name)) {
                return i;
            }
            TreeItem below = find(i.getItems(), name);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    private static DomainRecord byName(String name) {
        UiWait.until(name + " loaded", () -> Services.monitor(host).domains().all().stream()
                .anyMatch(d -> d.name().equals(name) && d.definition() != null), () -> "");
        return Services.monitor(host).domains().all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }
}
