package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Spinner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.connection.VirtConnection;
import dev.vireo.osinfo.OsInfo;
import dev.vireo.ui.Services;
import dev.vireo.ui.editors.DomainEditorInput;
import dev.vireo.ui.wizards.NewVmWizard;

/** The New Virtual Machine wizard end to end on Vireo's fixture host. */
class NewVmWizardTest {
    private static VirtConnection host;

    @BeforeAll
    static void openHost() throws Exception {
        host = Workbench.openFixtureHost();
    }

    @AfterAll
    static void closeHost() {
        Workbench.close(host);
    }

    @Test
    void createsAMachineWithANewVolumeAndWarnsFromTheCacheAboutADiskInUse() throws Exception {
        NewVmWizard wizard = new NewVmWizard(List.of(host), host);
        WizardDialog dialog = new WizardDialog(Workbench.page().getWorkbenchWindow().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            wizard.namePage().nameText().setText("test");
            assertTrue(wizard.namePage().getErrorMessage().contains("exists"), "the name is checked against the cache");
            wizard.namePage().nameText().setText("vireo-new");
            wizard.namePage().mediaText().setText("/isos/debian-12.iso");
            assertTrue(wizard.namePage().isPageComplete());
            Workbench.screenshot(dialog.getShell(), "wizard-name");

            dialog.showPage(wizard.hardwarePage());
            assertEquals("test", wizard.spec().domainType, "the hypervisor comes from the host's capabilities");
            Workbench.screenshot(dialog.getShell(), "wizard-hardware");

            dialog.showPage(wizard.storagePage());
            long calls = host.calls().total();
            click(wizard.storagePage().existingButton());
            wizard.storagePage().pathText().setText("/images/clone-source.img");
            String warning = wizard.storagePage().warning();
            assertNotNull(warning);
            assertTrue(warning.contains("clone-source"), warning);
            assertEquals(calls, host.calls().total(), "the in-use check made no call");
            Workbench.screenshot(dialog.getShell(), "wizard-storage-in-use");
            click(wizard.storagePage().newVolumeButton());
            assertNull(wizard.storagePage().warning());
            int pool = Arrays.asList(wizard.storagePage().poolCombo().getItems()).indexOf("images");
            wizard.storagePage().poolCombo().select(pool);
            wizard.storagePage().poolCombo().notifyListeners(SWT.Selection, new Event());

            dialog.showPage(wizard.previewPage());
            String preview = wizard.previewPage().xml();
            assertTrue(preview.contains("<name>vireo-new</name>") && preview.contains("/isos/debian-12.iso"), preview);
            Workbench.screenshot(dialog.getShell(), "wizard-preview");

            String uuid = Workbench.await(wizard.finish());
            UiWait.until("the new machine running in the cache", () -> Services.monitor(host).domains().get(uuid) != null
                    && Services.monitor(host).domains().get(uuid).state().isActive() && Services.monitor(host).domains().get(uuid).definition() != null,
                    () -> String.valueOf(Services.monitor(host).domains().get(uuid)));
            assertEquals(List.of("/images/vireo-new.qcow2", "/isos/debian-12.iso"),
                    Services.monitor(host).domains().get(uuid).definition().diskSources());
            String poolKey = Services.monitor(host).objects(ObjectKind.STORAGE_POOL).all().stream()
                    .filter(p -> p.name().equals("images")).findFirst().orElseThrow().key();
            assertTrue(Workbench.call(host, l -> l.storage().volumes(poolKey)).stream().map(StorageVolume::name).toList()
                    .contains("vireo-new.qcow2"), "the volume was made in the pool");
        } finally {
            dialog.close();
        }
    }

    @Test
    void anIsoUrlBecomesANetworkCdromThatLibvirtAccepts() throws Exception {
        NewVmWizard wizard = new NewVmWizard(List.of(host), host);
        WizardDialog dialog = new WizardDialog(Workbench.page().getWorkbenchWindow().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            wizard.namePage().nameText().setText("vireo-net-install");
            wizard.namePage().chooseInstall(NewVmWizard.Install.URL);
            wizard.namePage().mediaText().setText("ftp://nowhere");
            assertNotNull(wizard.namePage().getErrorMessage());
            wizard.namePage().mediaText().setText("https://deb.example/debian-12.iso");
            assertTrue(wizard.namePage().isPageComplete());
            dialog.showPage(wizard.hardwarePage());
            dialog.showPage(wizard.storagePage());
            dialog.showPage(wizard.previewPage());
            wizard.spec().customize = true; // defined, not started, its editor opened
            String uuid = Workbench.await(wizard.finish());
            UiWait.until("the new machine's editor", () -> editorOf(uuid) != null, () -> "none");
            Workbench.page().closeEditor(editorOf(uuid), false);
            String xml = Workbench.call(host, l -> l.domains().domainXml(uuid));
            assertTrue(xml.contains("<source protocol='https' name='/debian-12.iso'>")
                    && xml.contains("<host name='deb.example' port='443'/>"), xml);
        } finally {
            dialog.close();
        }
    }

    @Test
    void theOsIsDetectedFromTheIsoAndSearchableAsYouTypeAndDecidesTheDevices(@TempDir Path dir) throws Exception {
        // an ISO made now, with the volume id of Debian 11's netinst image, which osinfo-db matches
        Files.writeString(Files.createDirectories(dir.resolve("content")).resolve("README"), "Vireo test medium\n");
        Path iso = dir.resolve("debian-11-netinst.iso");
        Process mkisofs = new ProcessBuilder("xorriso", "-as", "mkisofs", "-V", "Debian 11.5.0 amd64 n", "-o",
                iso.toString(), dir.resolve("content").toString()).redirectErrorStream(true).start();
        String log = new String(mkisofs.getInputStream().readAllBytes());
        assertTrue(mkisofs.waitFor(60, TimeUnit.SECONDS) && mkisofs.exitValue() == 0, log);

        NewVmWizard wizard = new NewVmWizard(List.of(host), host);
        WizardDialog dialog = new WizardDialog(Workbench.page().getWorkbenchWindow().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            wizard.namePage().nameText().setText("vireo-detected");
            wizard.namePage().mediaText().setText(iso.toString());
            UiWait.until("the OS detected from the ISO", () -> wizard.namePage().detectedText().startsWith("Detected"),
                    wizard.namePage()::detectedText);
            assertEquals("Detected: Debian 11 (debian11)", wizard.namePage().detectedText());
            assertEquals("debian11", wizard.spec().os.shortId());
            Workbench.screenshot(dialog.getShell(), "wizard-os-detected");

            dialog.showPage(wizard.hardwarePage());
            UiWait.until("the OS list", () -> wizard.hardwarePage().shownOses().size() > 100,
                    () -> wizard.hardwarePage().shownOses().size() + " shown");
            wizard.hardwarePage().osSearchText().setText("windows 11");
            OsInfo win11 = wizard.hardwarePage().shownOses().stream().filter(os -> os.shortId().equals("win11"))
                    .findFirst().orElseThrow(() -> new AssertionError(wizard.hardwarePage().shownOses().toString()));
            wizard.hardwarePage().osSearchText().setText("debian 10");
            assertEquals("debian11", wizard.hardwarePage().shownOses().get(0).shortId(), "the detected OS stays in view");
            OsInfo debian10 = wizard.hardwarePage().shownOses().get(1);
            assertEquals("debian10", debian10.shortId());
            wizard.hardwarePage().chooseOs(debian10);
            Spinner memory = wizard.hardwarePage().memorySpinner();
            assertTrue(debian10.recommendedRamMiB(wizard.spec().arch) > 0, "the fixture host's arch: " + wizard.spec().arch);
            assertEquals(Math.min(debian10.recommendedRamMiB(wizard.spec().arch), memory.getMaximum()),
                    memory.getSelection(), "memory as the OS recommends, within the host's");
            wizard.hardwarePage().osSearchText().setText("windows 11");
            wizard.hardwarePage().chooseOs(win11);
            Workbench.screenshot(dialog.getShell(), "wizard-os-search");

            dialog.showPage(wizard.storagePage());
            dialog.showPage(wizard.previewPage());
            String preview = wizard.previewPage().xml();
            assertTrue(preview.contains("<hyperv>") && preview.contains("offset=\"localtime\"")
                    && preview.contains("<libosinfo:os id=\"http://microsoft.com/win/11\"/>"), preview);
        } finally {
            dialog.close();
        }
    }

    private static org.eclipse.ui.IEditorPart editorOf(String uuid) {
        return java.util.Arrays.stream(Workbench.page().getEditorReferences())
                .map(r -> r.getEditor(false)).filter(e -> e != null
                        && e.getEditorInput() instanceof dev.vireo.ui.editors.DomainEditorInput i && i.uuid().equals(uuid))
                .findFirst().orElse(null);
    }

    private static void click(Button radio) {
        radio.setSelection(true);
        for (var sibling : radio.getParent().getChildren()) {
            if (sibling != radio && sibling instanceof Button b && (b.getStyle() & SWT.RADIO) != 0) {
                b.setSelection(false);
            }
        }
        radio.notifyListeners(SWT.Selection, new Event());
    }
}
