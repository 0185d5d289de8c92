package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vireo.plugins.PluginInstallation;
import dev.vireo.ui.dialogs.DriverPluginsDialog;
import dev.vireo.ui.dialogs.Question;

/**
 * Help > Driver Plugins changing a real installation: a copy of the product the build made, into
 * which the dialog installs the example driver's repository (the reactor builds both) with p2, then
 * uninstalls it. After each change the copy is started as a user would start it again, to see the
 * change take effect: the demo driver listed, serving demo:///, its VM shown in the copy's window;
 * then gone. Bad sources (not a repository, a missing dependency, unsigned content refused) say why
 * and change nothing.
 */
class DriverPluginInstallTest {
    private static final Path ROOT = Path.of(System.getProperty("vireo.root", "../..")).toAbsolutePath().normalize();
    private static final Path PRODUCT = ROOT.resolve("releng/dev.vireo.product/target/products/dev.vireo.product/linux/gtk/x86_64");
    private static final Path EXAMPLE = ROOT.resolve("examples/dev.vireo.example.repository/target/repository");
    private static final String DEMO = "Demo hypervisor driver for Vireo";

    @Test
    void installsTheExampleDriverFromItsRepositoryAndUninstallsIt(@TempDir Path work) throws Exception {
        assertTrue(Files.isExecutable(PRODUCT.resolve("vireo")) && Files.isDirectory(EXAMPLE),
                "the reactor builds the product and the example repository before this test");
        Path copy = work.resolve("vireo");
        Workbench.offUi(() -> new ProcessBuilder("cp", "-a", PRODUCT.toString(), copy.toString()).start().waitFor());
        assertFalse(vireo(copy, "--list-drivers").contains("\ndemo\t"), "no demo driver before");

        DriverPluginsDialog dialog = new DriverPluginsDialog(Workbench.page().getWorkbenchWindow().getShell(),
                () -> PluginInstallation.at(copy));
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            idle(dialog);
            assertEquals(null, dialog.getErrorMessage(), "the copy's p2 profile was read");
            int profiles = profileStates(copy);

            Path empty = Files.createDirectory(work.resolve("not-a-repository"));
            install(dialog, empty.toString());
            assertTrue(dialog.getErrorMessage().startsWith("Nothing was changed. No repository found at "),
                    dialog.getErrorMessage());

            install(dialog, brokenRepository(work).toString());
            assertTrue(dialog.getErrorMessage().contains("dev.vireo.no.such.library"),
                    "the missing dependency is named: " + dialog.getErrorMessage());

            install(dialog, EXAMPLE.toString(), "Cancel");
            assertTrue(dialog.getErrorMessage().startsWith("Nothing was changed.")
                    && dialog.getErrorMessage().toLowerCase().contains("unsigned"), dialog.getErrorMessage());
            assertEquals(profiles, profileStates(copy), "nothing was installed");
            try (Stream<Path> plugins = Files.list(copy.resolve("plugins"))) {
                assertTrue(plugins.noneMatch(p -> p.getFileName().toString().startsWith("dev.vireo.example.demo")),
                        "the refused plugin's file is not left behind");
            }

            install(dialog, EXAMPLE.toString(), "Install Anyway");
            assertEquals(null, dialog.getErrorMessage());
            assertTrue(dialog.getMessage().startsWith("Installed the plugin from "), dialog.getMessage());
            String[] demo = row(dialog, DEMO);
            assertEquals(List.of("dev.vireo.example.demo", "Example Corp.", "installed: restart Vireo to use it"),
                    List.of(demo[2], demo[4], demo[5]));
            assertTrue(dialog.restartButton().isEnabled(), "a restart is offered");
            select(dialog, DEMO);
            assertTrue(dialog.uninstallButton().isEnabled() && dialog.updateButton().isEnabled(),
                    "a plugin a user installed");
            Workbench.screenshot(dialog.getShell(), "driver-plugins-installed");

            String drivers = vireo(copy, "--list-drivers");
            assertTrue(drivers.contains("\ndemo\tdemo\tDemo hypervisor\tdev.vireo.example.demo\n"), drivers);
            assertTrue(vireo(copy, "--list-domains", "demo:///").contains("test\trunning"),
                    "demo:/// serves the test driver's VM");
            workbenchShows(copy, work.resolve("trace"), "demo:///");

            press(dialog, dialog.updateButton());
            assertTrue(dialog.getMessage().startsWith(DEMO + " " + demo[3] + " is the newest in "),
                    dialog.getMessage());

            select(dialog, DEMO);
            press(dialog, dialog.uninstallButton());
            assertEquals(null, dialog.getErrorMessage());
            assertTrue(dialog.getMessage().startsWith("Uninstalled " + DEMO), dialog.getMessage());
            assertFalse(rows(dialog).contains(DEMO), rows(dialog));
            Workbench.screenshot(dialog.getShell(), "driver-plugins-uninstalled");
            assertFalse(vireo(copy, "--list-drivers").contains("\ndemo\t"), "gone when the product starts again");
        } finally {
            dialog.close();
        }
    }

    /** Types a location, presses Install, answers p2's trust question if one is given, waits until done. */
    private static void install(DriverPluginsDialog dialog, String location, String... trustAnswer) throws IOException {
        dialog.location().setText(location);
        press(dialog, dialog.installButton(), trustAnswer);
    }

    private static void press(DriverPluginsDialog dialog, Button button, String... trustAnswer) throws IOException {
        assertTrue(button.isEnabled(), button.getText() + " is enabled");
        button.notifyListeners(SWT.Selection, new Event());
        if (trustAnswer.length > 0) {
            Question question = Workbench.dialog(Question.class, q -> !q.answer().isDone(),
                    "p2's question about unsigned content", Duration.ofSeconds(60));
            Workbench.screenshot(question.getShell(), "driver-plugins-unsigned");
            int index = trustAnswer[0].equals("Install Anyway") ? 0 : 1;
            assertEquals(trustAnswer[0], question.button(index).getText());
            question.button(index).notifyListeners(SWT.Selection, new Event());
        }
        idle(dialog);
    }

    private static void idle(DriverPluginsDialog dialog) {
        UiWait.until("p2 done", Duration.ofSeconds(120), () -> !dialog.isBusy(), dialog::getMessage);
    }

    private static void select(DriverPluginsDialog dialog, String name) {
        TableItem item = Arrays.stream(dialog.table().getItems()).filter(i -> i.getText(0).equals(name)).findFirst().orElseThrow();
        dialog.table().setSelection(item);
        dialog.table().notifyListeners(SWT.Selection, new Event());
    }

    private static String[] row(DriverPluginsDialog dialog, String name) {
        TableItem item = Arrays.stream(dialog.table().getItems()).filter(i -> i.getText(0).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + rows(dialog)));
        String[] cells = new String[dialog.table().getColumnCount()];
        Arrays.setAll(cells, item::getText);
        return cells;
    }

    private static String rows(DriverPluginsDialog dialog) {
        return Arrays.stream(dialog.table().getItems()).map(i -> i.getText(0)).collect(Collectors.joining(", "));
    }

    /** The states p2 has recorded of the copy's profile: one more after each change it made. */
    private static int profileStates(Path copy) throws IOException {
        try (Stream<Path> states = Files.list(copy.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/"
                + PluginInstallation.PROFILE + ".profile"))) {
            return (int) states.count();
        }
    }

    /** A repository whose one feature needs a library no repository has. */
    private static Path brokenRepository(Path work) throws IOException {
        Path repository = Files.createDirectory(work.resolve("broken-repository"));
        Files.writeString(repository.resolve("content.xml"), """
                <?xml version='1.0' encoding='UTF-8'?>
                <?metadataRepository version='1.2.0'?>
                <repository name='Broken' type='org.eclipse.equinox.internal.p2.metadata.repository.LocalMetadataRepository' version='1'>
                  <units size='1'>
                    <unit id='broken.driver.feature.group' version='1.0.0'>
                      <properties size='2'>
                        <property name='org.eclipse.equinox.p2.name' value='Broken driver'/>
                        <property name='org.eclipse.equinox.p2.type.group' value='true'/>
                      </properties>
                      <provides size='1'>
                        <provided namespace='org.eclipse.equinox.p2.iu' name='broken.driver.feature.group' version='1.0.0'/>
                      </provides>
                      <requires size='1'>
                        <required namespace='org.eclipse.equinox.p2.iu' name='dev.vireo.no.such.library' range='0.0.0'/>
                      </requires>
                      <touchpoint id='null' version='0.0.0'/>
                    </unit>
                  </units>
                </repository>
                """);
        return repository;
    }

    /** Starts the copied product's workbench on {@code uri} and waits until its window shows that host's VMs. */
    private static void workbenchShows(Path copy, Path trace, String uri) throws IOException {
        Process p = new ProcessBuilder(copy.resolve("vireo").toString(), "--connect", uri, "--trace", trace.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            UiWait.until("the copy's window showing " + uri, Duration.ofSeconds(120),
                    () -> read(trace).contains(" rows-painted " + uri + " "), () -> read(trace));
        } finally {
            p.destroy();
            UiWait.until("the copy's workbench closed", Duration.ofSeconds(30), () -> !p.isAlive(), p::toString);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Starts the copied product as a user would and returns what it printed. */
    private static String vireo(Path copy, String... args) {
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                Process p = new ProcessBuilder(Stream.concat(Stream.of(copy.resolve("vireo").toString()),
                        Stream.of(args))
                        .toList()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = "\n" + new String(p.getInputStream().readAllBytes());
                p.waitFor(10, TimeUnit.SECONDS);
                return out;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        UiWait.until("vireo " + String.join(" ", args), Duration.ofSeconds(120), output::isDone, output::toString);
        return output.join();
    }
}
