package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.vireo.api.CallCounter;
import dev.vireo.api.LibvirtThreadGuard;
import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.Virsh;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Services;
import dev.vireo.ui.dialogs.DeleteDomainDialog;
import dev.vireo.ui.handlers.DeleteDomainHandler;
import dev.vireo.ui.handlers.RenameDomainHandler;
import dev.vireo.ui.preferences.VireoPreferences;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.views.DomainsView;

/** The manager view on Vireo's fixture host: every object shown, every lifecycle command, Delete, the filter. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagerTest {
    private static VirtConnection host;
    private static DomainsView view;

    @BeforeAll
    static void openHost() throws Exception {
        InstanceScope.INSTANCE.getNode(VireoPreferences.NODE).putBoolean(VireoPreferences.CONFIRM_FORCE_OFF, false);
        view = Workbench.view();
        host = Workbench.openFixtureHost();
        UiWait.until("the host's rows", () -> Workbench.row(view, host, "devices-galore") != null,
                () -> Workbench.rows(view));
    }

    @AfterAll
    static void closeHost() {
        Workbench.close(host);
    }

    @Test
    @Order(1) // before Delete changes the host
    void theTreeShowsEveryDomainNetworkAndPoolOfTheHostAsVirshDoes() throws Exception {
        // virsh opens its own instance of the same host file: the same starting state
        List<String> domains = Virsh.lines(host.uri(), "list", "--all", "--name");
        List<String> networks = Virsh.lines(host.uri(), "net-list", "--all", "--name");
        List<String> pools = Virsh.lines(host.uri(), "pool-list", "--all", "--name");
        assertEquals(10, domains.size());
        for (String name : domains) {
            assertNotNull(Workbench.row(view, host, name), name + " in " + Workbench.rows(view));
        }
        expand("Virtual Networks");
        expand("Storage Pools");
        for (String name : networks) {
            assertNotNull(Workbench.row(view, host, name), "network " + name);
        }
        for (String name : pools) {
            assertNotNull(Workbench.row(view, host, name), "pool " + name);
        }
        assertEquals("paused", Workbench.row(view, host, "state-paused").getText(1));
        assertEquals("crashed", Workbench.row(view, host, "state-crashed").getText(1));
        Set<RGB> painted = paintedColours(view.viewer().getTree());
        assertTrue(painted.contains(new RGB(46, 160, 67)), "a running machine's green icon");
        assertTrue(painted.contains(new RGB(219, 160, 0)), "a paused machine's amber icon");
        Workbench.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "manager");
    }

    /** Every colour the tree paints, as drawn afresh into an image. */
    private static Set<RGB> paintedColours(Tree tree) {
        ImageData data = Workbench.printed(tree);
        Set<RGB> colours = new HashSet<>();
        for (int y = 0; y < data.height; y++) {
            for (int x = 0; x < data.width; x++) {
                colours.add(data.palette.getRGB(data.getPixel(x, y)));
            }
        }
        return colours;
    }

    private void expand(String section) {
        for (TreeItem c : view.viewer().getTree().getItems()) {
            for (TreeItem row : c.getItems()) {
                if (c.getData() == host && row.getText(0).equals(section)) {
                    view.viewer().setExpandedState(row.getData(), true);
                }
            }
        }
    }

    @Test
    void eachLifecycleCommandMovesTheRowByItsEvent() throws Exception {
        long violations = LibvirtThreadGuard.violations();
        CallCounter calls = host.calls();
        step("dev.vireo.ui.commands.pause", "paused");
        step("dev.vireo.ui.commands.resume", "running");
        long rebootsBefore = calls.get("virDomainReboot");
        step("dev.vireo.ui.commands.reboot", "running");
        UiWait.until("the reboot call", () -> calls.get("virDomainReboot") == rebootsBefore + 1,
                () -> calls.snapshot().toString());
        long resetsBefore = calls.get("virDomainReset");
        step("dev.vireo.ui.commands.reset", "running");
        UiWait.until("the reset call", () -> calls.get("virDomainReset") == resetsBefore + 1,
                () -> calls.snapshot().toString());
        step("dev.vireo.ui.commands.save", "shut off");
        step("dev.vireo.ui.commands.start", "running");
        step("dev.vireo.ui.commands.shutdown", "shut off");
        step("dev.vireo.ui.commands.start", "running");
        step("dev.vireo.ui.commands.forceOff", "shut off");
        step("dev.vireo.ui.commands.start", "running");
        assertEquals(violations, LibvirtThreadGuard.violations(), "no libvirt call on the UI thread");
    }

    private void step(String command, String state) throws Exception {
        Workbench.select(view, Workbench.row(view, host, "test"));
        Workbench.execute(command);
        UiWait.until("'test' " + state + " after " + command,
                () -> state.equals(Workbench.row(view, host, "test").getText(1)), () -> Workbench.rows(view));
    }

    @Test
    void deleteOffersTheStorageNobodyElseUsesAndRemovesDomainAndVolume() throws Exception {
        DomainRecord clone = byName("clone-source");
        DeleteDomainDialog dialog = new DeleteDomainDialog(view.getSite().getShell(), clone,
                Services.monitor(host).domains());
        dialog.setBlockOnOpen(false);
        dialog.open();
        TableItem[] disks = dialog.disksTable().getItems();
        assertEquals(1, disks.length);
        assertEquals("/images/clone-source.img", disks[0].getText(1));
        assertFalse(disks[0].getChecked(), "a disk other domains use is not offered checked");
        assertTrue(disks[0].getText(2).startsWith("also used by "), disks[0].getText(2));
        Workbench.screenshot(dialog.getShell(), "delete-dialog");
        dialog.close();

        String pool = Services.monitor(host).objects(ObjectKind.STORAGE_POOL).all().stream()
                .filter(p -> p.name().equals("images")).findFirst().orElseThrow().key();
        assertTrue(volumeNames(pool).contains("clone-source.img"));
        // the user checks it anyway
        DeleteDomainHandler.delete(new DomainNode(host, clone.uuid()), clone, List.of("/images/clone-source.img"));
        UiWait.until("the row gone", () -> Workbench.row(view, host, "clone-source") == null,
                () -> Workbench.rows(view));
        UiWait.until("the volume gone", () -> !volumeNames(pool).contains("clone-source.img"), () -> "");
    }

    private static List<String> volumeNames(String pool) {
        return Workbench.call(host, l -> l.storage().volumes(pool)).stream().map(StorageVolume::name).toList();
    }

    @Test
    void theFilterNarrowsTheRowsOfAllConnections() {
        view.filter().setText("state-p");
        try {
            UiWait.until("filtered", () -> Workbench.row(view, host, "test") == null, () -> Workbench.rows(view));
            assertNotNull(Workbench.row(view, host, "state-paused"));
            assertNotNull(Workbench.row(view, host, "state-pmsuspended"));
            assertNull(Workbench.row(view, host, "state-shutoff"));
        } finally {
            view.filter().setText("");
        }
        assertFalse(Workbench.row(view, host, "test") == null, "all rows back");
    }

    private static DomainRecord byName(String name) {
        return Services.monitor(host).domains().all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @Order(9) // after the tree was compared with virsh
    void renameChecksTheNameAsTypedAndTheRowFollowsByEvent() throws Exception {
        String uuid = Services.monitor(host).domains().all().stream().filter(d -> d.name().equals("state-shutoff"))
                .findFirst().orElseThrow().uuid();
        InputDialog dialog = RenameDomainHandler.dialog(view.getSite().getShell(), new DomainNode(host, uuid));
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Text name = find(dialog.getShell(), Text.class, t -> (t.getStyle() & SWT.READ_ONLY) == 0);
            Button ok = find(dialog.getShell(), Button.class, b -> IDialogConstants.OK_LABEL.equals(b.getText()));
            name.setText("devices-galore");
            assertFalse(ok.isEnabled(), "a name another VM has is refused as typed");
            name.setText("state-renamed");
            assertTrue(ok.isEnabled());
            Workbench.screenshot(dialog.getShell(), "rename");
        } finally {
            dialog.close();
            // the window active again, so that the next test's commands see the view's selection
            view.getSite().getShell().forceActive();
            Workbench.page().activate(view);
        }
        Workbench.await(RenameDomainHandler.rename(new DomainNode(host, uuid), "state-renamed"));
        UiWait.until("the renamed row", () -> Workbench.row(view, host, "state-renamed") != null
                && Workbench.row(view, host, "state-shutoff") == null, () -> Workbench.rows(view));
        assertEquals(uuid, ((DomainNode) Workbench.row(view, host, "state-renamed").getData()).uuid(), "the same VM");
    }

    private static <W extends Control> W find(Composite parent, Class<W> type, Predicate<W> test) {
        for (Control c : parent.getChildren()) {
            W found = type.isInstance(c) && test.test(type.cast(c)) ? type.cast(c)
                    : c instanceof Composite child ? find(child, type, test) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
