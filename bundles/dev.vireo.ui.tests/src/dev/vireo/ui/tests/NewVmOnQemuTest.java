package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vireo.api.LibvirtThreadGuard;
import dev.vireo.api.ObjectKind;
import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.QemuSessionHost;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.osinfo.OsInfo;
import dev.vireo.ui.Services;
import dev.vireo.ui.editors.DomainEditor;
import dev.vireo.ui.editors.HardwarePage;
import dev.vireo.ui.editors.SerialPage;
import dev.vireo.ui.handlers.OpenHandler;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.views.DomainsView;
import dev.vireo.ui.wizards.NewVmWizard;

/**
 * A user's first VM on a QEMU host, end to end in the workbench: the New VM wizard makes it from
 * an install ISO (a small Linux guest the test assembles from Debian packages,
 * {@code guest/make-iso.sh} of the core tests), it boots under TCG and says so on its serial
 * console; on the Hardware page its memory is changed live, a disk is hot-plugged (the guest sees
 * it), the CD-ROM's media changed, and a vCPU unplug and a disk hot-plug that QEMU refuses show
 * their reasons; and Shut Down
 * presses its ACPI power button: the guest powers off and the row turns "shut off" by event.
 */
class NewVmOnQemuTest {
    private static final Duration BOOT = Duration.ofSeconds(60);
    private static QemuSessionHost qemu;
    private static VirtConnection host;
    private static Path iso;
    private static Path disk;
    private static Path extraDisk;
    private static Path sataDisk;
    private static Path otherIso;

    @BeforeAll
    static void startHost() throws Exception {
        qemu = Workbench.offUi(QemuSessionHost::start);
        // labelled as Debian 11's netinst image, which osinfo-db recognises
        iso = Workbench.offUi(() -> qemu.guestIso("guest.iso", "Debian 11.5.0 amd64 n"));
        disk = qemu.image("guest-disk.img", 16);
        extraDisk = qemu.image("extra-disk.img", 8);
        sataDisk = qemu.image("sata-disk.img", 8);
        otherIso = Files.copy(iso, qemu.images().resolve("other.iso"));
        host = Workbench.open(qemu.uri());
        // the ISO in a storage pool of the host, so that the wizard can read its label remotely
        Workbench.call(host, l -> {
            String pool = l.objects().define(ObjectKind.STORAGE_POOL, "<pool type='dir'><name>guest</name><target><path>"
                    + qemu.images() + "</path></target></pool>");
            l.objects().start(ObjectKind.STORAGE_POOL, pool);
            return pool;
        });
    }

    @AfterAll
    static void stopHost() throws Exception {
        Workbench.close(host);
        qemu.close();
    }

    private static void applyNow(DomainEditor editor) {
        assertTrue(editor.nowButton().getSelection(), "offered: also now");
        editor.apply();
        UiWait.until("applied now and for the next boot", () -> !editor.isDirty() && editor.message().equals("Applied."),
                editor::message);
    }

    @Test
    void aVmMadeByTheWizardFromAnIsoBootsShowsItsConsoleAndShutsDownFromTheManager() throws Exception {
        long violations = LibvirtThreadGuard.violations();
        NewVmWizard wizard = new NewVmWizard(List.of(host), host);
        WizardDialog dialog = new WizardDialog(Workbench.page().getWorkbenchWindow().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        String uuid;
        try {
            wizard.namePage().nameText().setText("vireo-guest");
            long downloads = host.calls().get("virStorageVolDownload");
            wizard.namePage().mediaText().setText(iso.toString());
            UiWait.until("the OS detected from the host's ISO", () -> wizard.namePage().detectedText().startsWith("Detected"),
                    wizard.namePage()::detectedText);
            assertEquals("Detected: Debian 11 (debian11)", wizard.namePage().detectedText());
            assertEquals(downloads + 1, host.calls().get("virStorageVolDownload"), "one ranged download of the descriptor");
            dialog.showPage(wizard.hardwarePage());
            UiWait.until("the OS list", () -> wizard.hardwarePage().shownOses().size() > 1,
                    () -> wizard.hardwarePage().shownOses().toString());
            wizard.hardwarePage().osSearchText().setText("debian 11");
            OsInfo debian = wizard.hardwarePage().shownOses().stream().filter(os -> os.shortId().equals("debian11"))
                    .findFirst().orElseThrow();
            wizard.hardwarePage().chooseOs(debian);
            assertEquals("qemu", wizard.spec().domainType, "this host has no KVM: TCG, from its capabilities");
            dialog.showPage(wizard.storagePage());
            wizard.storagePage().existingButton().setSelection(true);
            wizard.storagePage().newVolumeButton().setSelection(false);
            wizard.storagePage().existingButton().notifyListeners(SWT.Selection, new Event());
            wizard.storagePage().pathText().setText(disk.toString());
            dialog.showPage(wizard.previewPage());
            uuid = Workbench.await(wizard.finish()); // defines and starts it
        } finally {
            dialog.close();
        }
        DomainEditor editor = (DomainEditor) OpenHandler.open(Workbench.page(), new DomainNode(host, uuid));
        try {
            UiWait.until("the guest running", () -> editor.record() != null && editor.record().state().isActive(),
                    () -> String.valueOf(editor.record()));
            String xml = Workbench.call(host, l -> l.domains().domainXml(uuid));
            assertTrue(xml.contains("<target dev='vda' bus='virtio'/>") && xml.contains("machine='pc-q35"), xml);
            editor.showPage(DomainEditor.SERIAL_PAGE);
            var terminal = editor.page(SerialPage.class).terminal();
            UiWait.until("the console open", () -> editor.page(SerialPage.class).status().equals("Connected."),
                    () -> editor.page(SerialPage.class).status());
            try {
                SerialConsoleTest.untilShown(terminal, "the guest's line on its serial console", BOOT,
                        t -> t.contains("VIREO GUEST UP") && t.contains("disks=vda"));
            } catch (AssertionError e) {
                Path log = qemu.images().resolve("../home/cache/libvirt/qemu/log/vireo-guest.log");
                throw new AssertionError(e.getMessage() + "\n" + xml + "\n" + (Files.exists(log) ? Files.readString(log) : log), e);
            }
            Workbench.screenshot(editor.getSite().getShell(), "vm-new-guest-console");

            // a live change from the Hardware page: the balloon's target now and at the next boot
            editor.showPage(DomainEditor.HARDWARE_PAGE);
            editor.page(HardwarePage.class).select("Memory");
            editor.page(HardwarePage.class).setField("currentMemory", "768 MiB");
            assertTrue(editor.nowButton().isVisible() && editor.nowButton().getSelection(), "offered: also now");
            Workbench.screenshot(editor.getSite().getShell(), "vm-live-change");
            editor.apply();
            UiWait.until("applied now and for the next boot", () -> !editor.isDirty() && editor.message().startsWith("Applied"),
                    editor::message);
            assertEquals(1, host.calls().get("virDomainSetMemoryFlags"), "the running VM changed now");
            assertTrue(Workbench.call(host, l -> l.domains().nextBootXml(uuid)).contains("786432"), "and at its next boot");

            // the choices come from the host's domain capabilities (fetched once): TCG's CPU models
            HardwarePage hardware = editor.page(HardwarePage.class);
            hardware.select("CPUs");
            UiWait.until("the CPU models this host offers", () -> List.of(((Combo) hardware.field("model")).getItems())
                    .contains("qemu64"), () -> List.of(((Combo) hardware.field("model")).getItems()).toString());
            Workbench.screenshot(editor.getSite().getShell(), "vm-hardware-cpu");

            // vCPUs the VM started with are not hot-pluggable (libvirt's default): one fewer is for the
            // next boot, and the reason is shown (core's HotplugTest plugs a hot-pluggable one in live)
            hardware.setField("vcpuCurrent", "1");
            editor.apply();
            UiWait.until("the vCPU refusal shown", () -> editor.message().startsWith("Applied for the next boot; not now:"),
                    editor::message);
            assertTrue(editor.message().contains("hotpluggable vcpus"), editor.message());
            assertTrue(Workbench.call(host, l -> l.domains().nextBootXml(uuid)).contains("current='1'"), "kept for the next boot");

            // a disk added on the Hardware page is plugged in now: the guest's line lists it
            hardware.add("Disk");
            hardware.setField("sourceFile", extraDisk.toString());
            hardware.setField("driverType", "raw");
            applyNow(editor);
            SerialConsoleTest.untilShown(terminal, "the hot-plugged disk in the guest", BOOT, t -> t.contains("disks=vda vdb"));

            // the CD-ROM's media changed in place (an update, not a re-plug), seen by the cache from the event
            hardware.select("CD-ROM sda");
            hardware.setField("sourceFile", otherIso.toString());
            Workbench.screenshot(editor.getSite().getShell(), "vm-hotplug-cdrom");
            applyNow(editor);
            UiWait.until("the new media in the cache", () -> editor.record().xml().contains(otherIso.toString()),
                    () -> editor.record().xml());
            assertEquals(1, host.calls().get("virDomainUpdateDeviceFlags"), "the media changed in place");

            // a SATA disk cannot be plugged into a running q35 guest: applied for the next boot, the reason shown
            hardware.add("Disk");
            hardware.setField("targetDev", "sdc");
            hardware.setField("targetBus", "sata");
            hardware.setField("sourceFile", sataDisk.toString());
            hardware.setField("driverType", "raw");
            editor.apply();
            UiWait.until("the refusal shown", () -> editor.message().startsWith("Applied for the next boot; not now:"),
                    editor::message);
            Workbench.screenshot(editor.getSite().getShell(), "vm-hotplug-refused");
            assertTrue(editor.message().contains("hotplug"), editor.message());
            assertTrue(Workbench.call(host, l -> l.domains().nextBootXml(uuid)).contains("dev='sdc'"), "kept for the next boot");
        } finally {
            Workbench.page().closeEditor(editor, false);
        }

        DomainsView view = Workbench.view();
        UiWait.until("the new VM's row", () -> Workbench.row(view, host, "vireo-guest") != null, () -> Workbench.rows(view));
        Workbench.select(view, Workbench.row(view, host, "vireo-guest"));
        Workbench.execute("dev.vireo.ui.commands.shutdown");
        UiWait.until("the guest powered off by its power button", BOOT,
                () -> "shut off".equals(Workbench.row(view, host, "vireo-guest").getText(1)), () -> Workbench.rows(view));
        DomainRecord record = Services.monitor(host).domains().get(uuid);
        assertEquals("shut off", record.state().label());
        assertEquals(1, host.calls().get("virDomainShutdown"));
        assertEquals(violations, LibvirtThreadGuard.violations(), "no libvirt call on the UI thread");
        Workbench.call(host, l -> {
            l.domains().undefine(uuid);
            return null;
        });
    }
}
