package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vireo.api.DomainState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.driver.DeviceTemplate;
import dev.vireo.model.DomainQueries;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.XmlDiff;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Services;
import dev.vireo.ui.dialogs.HostDeviceDialog;
import dev.vireo.ui.editors.DomainEditor;
import dev.vireo.ui.editors.HardwarePage;
import dev.vireo.ui.editors.OverviewPage;
import dev.vireo.ui.editors.PerformancePage;
import dev.vireo.ui.editors.XmlPage;
import dev.vireo.ui.handlers.OpenHandler;
import dev.vireo.ui.preferences.VireoPreferences;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.widgets.Plot;

/** The virtual machine editor on Vireo's fixture host: edits reach libvirt, bad ones lose nothing. */
class DomainEditorTest {
    private static VirtConnection host;
    private DomainEditor editor;

    @BeforeAll
    static void openHost() throws Exception {
        host = Workbench.openFixtureHost();
        UiWait.until("the XML of every domain", () -> Services.monitor(host).domains().all().stream().allMatch(d -> d.definition() != null),
                () -> "");
    }

    @AfterAll
    static void closeHost() {
        Workbench.close(host);
    }

    @AfterEach
    void closeEditor() {
        Workbench.page().closeEditor(editor, false);
    }

    private DomainEditor open(String name) throws Exception {
        DomainRecord d = byName(name);
        editor = (DomainEditor) OpenHandler.open(Workbench.page(), new DomainNode(host, d.uuid()));
        UiWait.until("the editor's working copy", () -> editor.draft() != null, () -> editor.message());
        return editor;
    }

    /** Opens a VM's editor on its Hardware page. */
    private HardwarePage hardware(String name) throws Exception {
        open(name);
        editor.showPage(DomainEditor.HARDWARE_PAGE);
        return editor.page(HardwarePage.class);
    }

    /** The definition in libvirt: for a running domain, the one for its next boot, which edits change. */
    private String libvirtXml(String name) {
        String uuid = byName(name).uuid();
        return Workbench.call(host, l -> l.domains().nextBootXml(uuid));
    }

    @Test
    void editingMemoryOnTheHardwarePageRedefinesTheDomainAndKeepsWhatVireoDoesNotModel() throws Exception {
        String before = libvirtXml("devices-galore");
        assertTrue(before.contains("<sysinfo") && before.contains("<blkiotune>") && before.contains("libosinfo:os"));
        open("devices-galore");
        editor.showPage(DomainEditor.HARDWARE_PAGE);
        editor.page(HardwarePage.class).select("Memory");
        HardwarePage hardware = editor.page(HardwarePage.class);
        assertEquals("2 GiB", hardware.fieldText("memory"), "in human units");
        hardware.setField("memory", "3 GiB");
        assertTrue(editor.isDirty());
        Workbench.screenshot(editor.getSite().getShell(), "vm-hardware");
        editor.apply();
        UiWait.until("applied", () -> !editor.isDirty() && editor.message().startsWith("Applied"), editor::message);

        String after = libvirtXml("devices-galore");
        String expected = before.replace("<memory unit='KiB'>2097152</memory>", "<memory unit='KiB'>3145728</memory>");
        assertNull(XmlDiff.firstDifference(expected, after), "only <memory> changed");
        UiWait.until("the editor shows libvirt's new definition",
                () -> "3145728".equals(String.valueOf(editor.draft().get("memory"))), editor::message);
    }

    @Test
    void addHardwareOffersTheDriversDevicesWithItsDefaults() throws Exception {
        open("clone-source");
        editor.showPage(DomainEditor.HARDWARE_PAGE);
        assertEquals(List.of("Disk", "Network interface", "Graphics", "Input", "Serial", "Console"),
                editor.page(HardwarePage.class).templates().stream().map(DeviceTemplate::label).toList(),
                "the test driver plugin's list");
        int nics = editor.draft().list("interfaces").size();
        editor.page(HardwarePage.class).add("Network interface");
        assertTrue(editor.isDirty());
        List<XmlObject> interfaces = editor.draft().list("interfaces");
        assertEquals(nics + 1, interfaces.size());
        assertEquals("default", interfaces.get(nics).get("sourceNetwork"));
        editor.page(HardwarePage.class).add("Disk");
        assertEquals("vdb", editor.draft().<XmlObject>list("disks").get(1).get("targetDev"), "the next free disk name");
    }

    @Test
    void malformedXmlIsRejectedWithTheParserErrorAndTheDefinitionKept() throws Exception {
        String before = libvirtXml("test");
        long defines = host.calls().get("virDomainDefineXML");
        open("test");
        editor.showPage(DomainEditor.XML_PAGE);
        editor.page(XmlPage.class).text().setText(before.replace("</devices>", ""));
        editor.apply();
        assertTrue(editor.message().startsWith("The XML is not valid, nothing was applied:"), editor.message());
        assertTrue(editor.isDirty(), "the edit is kept to be fixed");
        Workbench.screenshot(editor.getSite().getShell(), "vm-xml-error");
        assertEquals(defines, host.calls().get("virDomainDefineXML"), "libvirt was not asked");
        assertEquals(before, libvirtXml("test"));
    }

    @Test
    void xmlLibvirtRejectsShowsLibvirtsMessageAndTheDefinitionIsKept() throws Exception {
        String before = libvirtXml("test");
        open("test");
        editor.showPage(DomainEditor.XML_PAGE);
        // a name another domain has, with this domain's UUID: libvirt refuses
        editor.page(XmlPage.class).text().setText(before.replace("<name>test</name>", "<name>clone-source</name>"));
        editor.apply();
        UiWait.until("libvirt's refusal", () -> editor.message().startsWith("libvirt refused"), editor::message);
        assertTrue(editor.message().contains("already defined"), editor.message());
        assertTrue(editor.isDirty());
        assertEquals(before, libvirtXml("test"));
    }

    @Test
    void aDiskPathAnotherDomainUsesIsFlaggedFromTheCacheWithoutACall() throws Exception {
        open("clone-sibling");
        editor.showPage(DomainEditor.HARDWARE_PAGE);
        Workbench.await(editor.page(HardwarePage.class).hostAnswered()); // the pools' volumes, listed once
        editor.page(HardwarePage.class).select("Disk vda");
        assertTrue(List.of(((Combo) editor.page(HardwarePage.class).field("sourceFile")).getItems())
                .contains("/images/clone-source.img"), "the volumes of the host's pools offered");
        assertNull(editor.page(HardwarePage.class).diskWarning());
        long calls = host.calls().total();
        editor.page(HardwarePage.class).setField("sourceFile", "/images/clone-source.img");
        String warning = editor.page(HardwarePage.class).diskWarning();
        assertNotNull(warning);
        assertTrue(warning.contains("clone-source"), warning);
        assertEquals(calls, host.calls().total(), "the check asked the cache, not the host");
    }

    @Test
    void devicePagesAreTypedAndAMacAnotherVmUsesBlocksApply() throws Exception {
        HardwarePage hardware = hardware("devices-galore");
        hardware.select("Disk vda");
        // the test driver has no domain capabilities: the choices are the ones libvirt's schema allows
        Combo bus = (Combo) hardware.field("targetBus");
        assertEquals("virtio", bus.getText());
        assertTrue(List.of(bus.getItems()).containsAll(List.of("virtio", "sata", "scsi", "usb")), List.of(bus.getItems()).toString());
        assertEquals("Format:", labelBefore(hardware.field("driverType")), "labelled as virt-manager does");
        Workbench.screenshot(editor.getSite().getShell(), "vm-hardware-disk");

        String nic = List.of(hardware.list().getItems()).stream().map(i -> i.getText()).filter(t -> t.startsWith("NIC "))
                .findFirst().orElseThrow();
        hardware.select(nic);
        assertTrue(List.of(((Combo) hardware.field("sourceNetwork")).getItems()).contains("default"), "networks from the cache");
        hardware.setField("mac", "52:54:00:3a:10:01");
        assertEquals("MAC address 52:54:00:3a:10:01 is used by test", editor.message());
        assertFalse(editor.applyButton().isEnabled());
        hardware.setField("mac", "52:54:00:3a:10:99");
        assertTrue(editor.applyButton().isEnabled());
        assertEquals("NIC 52:54:00:3a:10:99", hardware.list().getItem(hardware.list().getSelectionIndex()).getText(),
                "the row follows the MAC");
        hardware.setField("mac", "52:54:00:3a:10");
        assertTrue(editor.message().contains("is not a MAC address"), editor.message());
    }

    @Test
    void theBootOrderIsChosenOnBootOptionsAndWrittenAsEachDevicesOrder() throws Exception {
        HardwarePage hardware = hardware("devices-galore");
        hardware.select("Boot Options");
        Table order = hardware.bootOrder();
        // <os><boot dev='cdrom'/><boot dev='hd'/>: the CD-ROM, then the disks, ticked; the rest not
        assertEquals(List.of("CD-ROM sda", "Disk vda", "Disk vdb"), List.of(order.getItems()).stream()
                .filter(TableItem::getChecked).map(TableItem::getText).toList());
        order.setSelection(1);
        hardware.moveInBootOrder(-1);
        Workbench.screenshot(editor.getSite().getShell(), "vm-boot-order");
        editor.apply();
        UiWait.until("applied", () -> !editor.isDirty() && editor.message().equals("Applied."), editor::message);
        String xml = libvirtXml("devices-galore");
        assertFalse(xml.contains("<boot dev="), "the old list replaced: libvirt refuses both");
        List<String> bootOrder = DomainQueries.bootOrder(LibvirtModel.load(xml));
        assertEquals(List.of("vda", "sda", "vdb"), bootOrder, xml);
    }

    @Test
    void aUsbDeviceOfTheHostIsPickedFromTheCacheAndGivenToTheVm() throws Exception {
        open("state-shutoff");
        editor.showPage(DomainEditor.HARDWARE_PAGE);
        HostDeviceDialog dialog = new HostDeviceDialog(editor.getSite().getShell(), Services.monitor(host), "usb");
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            assertEquals("Vireo Vireo Test Token", dialog.table().getItem(0).getText(0));
            assertEquals("bus 1 device 2", dialog.table().getItem(0).getText(1));
            dialog.table().setSelection(0);
            dialog.table().notifyListeners(SWT.Selection, new Event());
            Workbench.screenshot(dialog.getShell(), "vm-host-device-picker");
            dialog.table().notifyListeners(SWT.DefaultSelection, new Event());
        } finally {
            dialog.close();
        }
        editor.page(HardwarePage.class).addHostDevice(dialog.chosen());
        assertEquals("USB host device 0x1234:0x5678", editor.page(HardwarePage.class).list()
                .getItem(editor.page(HardwarePage.class).list().getSelectionIndex()).getText());
        editor.apply();
        UiWait.until("applied", () -> !editor.isDirty() && editor.message().startsWith("Applied"), editor::message);
        String xml = libvirtXml("state-shutoff");
        assertTrue(xml.contains("<vendor id='0x1234'/>") && xml.contains("<product id='0x5678'/>"), xml);
    }

    private static String labelBefore(Control field) {
        List<Control> siblings = List.of(field.getParent().getChildren());
        return ((Label) siblings.get(siblings.indexOf(field) - 1)).getText();
    }

    @Test
    void aNumberFieldRejectsTextInlineAndBlocksApply() throws Exception {
        open("test");
        editor.showPage(DomainEditor.HARDWARE_PAGE);
        editor.page(HardwarePage.class).select("CPUs");
        editor.page(HardwarePage.class).setField("vcpu", "many");
        assertTrue(editor.message().contains("not a whole number"), editor.message());
        assertTrue(!editor.applyButton().isEnabled());
        editor.page(HardwarePage.class).setField("vcpu", "2");
        assertTrue(editor.applyButton().isEnabled());
    }

    @Test
    void lifecycleCommandsActOnTheEditorsVmWhileTheEditorIsActive() throws Exception {
        open("test");
        Workbench.page().activate(editor);
        Workbench.execute("dev.vireo.ui.commands.pause");
        UiWait.until("paused from the editor", () -> editor.record().state() == DomainState.PAUSED,
                () -> editor.record().state().label());
        Workbench.execute("dev.vireo.ui.commands.resume");
        UiWait.until("running again", () -> editor.record().state() == DomainState.RUNNING,
                () -> editor.record().state().label());
    }

    @Test
    void theOverviewAndPerformancePagesShowTheDomain() throws Exception {
        open("test");
        assertEquals("running", editor.page(OverviewPage.class).stateText());
        UiWait.until("autostart read", () -> editor.page(OverviewPage.class).autostart().isEnabled(), () -> "");
        Workbench.screenshot(editor.getSite().getShell(), "vm-overview");
        editor.showPage(DomainEditor.PERFORMANCE_PAGE);
        // the test driver reports CPU time per domain: two samples make a CPU figure, a few a line
        // every second, and a budget that lets each shown row be asked each time (20 a minute would be every few s)
        InstanceScope.INSTANCE.getNode(VireoPreferences.NODE).putInt(VireoPreferences.STATS_INTERVAL, 1);
        InstanceScope.INSTANCE.getNode(VireoPreferences.NODE).putInt(VireoPreferences.STATS_BUDGET, 1200);
        String uuid = editor.input().uuid();
        UiWait.until("CPU samples", () -> Plot.cpu(editor.monitor().history(uuid)).length >= 4
                && !editor.page(PerformancePage.class).graphs().get(0).latest().equals("no data"),
                () -> editor.page(PerformancePage.class).graphs().get(0).latest());
        InstanceScope.INSTANCE.getNode(VireoPreferences.NODE).remove(VireoPreferences.STATS_INTERVAL);
        InstanceScope.INSTANCE.getNode(VireoPreferences.NODE).remove(VireoPreferences.STATS_BUDGET);
        Workbench.screenshot(editor.getSite().getShell(), "vm-performance");
    }

    private static DomainRecord byName(String name) {
        return Services.monitor(host).domains().all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }
}
