package dev.vireo.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;

import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.TestHosts;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.ui.Services;
import dev.vireo.ui.views.DomainsView;

/** Driving the running Vireo workbench from a test on its UI thread: hosts, the manager view, commands. */
final class Workbench {
    private Workbench() {
    }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    static DomainsView view() throws Exception {
        return (DomainsView) page().showView(DomainsView.ID);
    }

    /** Opens Vireo's fixture host (a private in-process copy) through its driver; returns it once loaded. */
    static VirtConnection openFixtureHost() {
        return open("test://" + TestHosts.fixture());
    }

    static VirtConnection open(String uri) {
        VirtConnection c = Services.drivers().open(Services.connections(), uri);
        UiWait.until("the monitor of " + uri + " ready", () -> Services.monitor(c).isReady(), () -> c.state().label());
        return c;
    }

    static void close(VirtConnection c) {
        Services.connections().close(c);
    }

    /** Runs a libvirt call off the UI thread and dispatches events until it is done. */
    static <T> T call(VirtConnection c, Function<LibvirtConnection, T> call) {
        return await(c.submit(call));
    }

    /** Runs blocking work (a daemon starting, a tool) off the UI thread and dispatches events until it is done. */
    static <T> T offUi(Callable<T> work) {
        return await(CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    static <T> T await(CompletableFuture<T> future) {
        UiWait.until("a background call", future::isDone, future::toString);
        return future.join();
    }

    static void execute(String commandId) throws Exception {
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(commandId, null);
    }

    /** The manager's row of a domain (or network, pool) of a connection; {@code null} if not shown. */
    static TreeItem row(DomainsView view, VirtConnection c, String name) {
        for (TreeItem connectionRow : view.viewer().getTree().getItems()) {
            if (connectionRow.getData() == c) {
                for (TreeItem row : connectionRow.getItems()) {
                    if (name.equals(row.getText(0))) {
                        return row;
                    }
                    for (TreeItem child : row.getItems()) {
                        if (name.equals(child.getText(0))) {
                            return child;
                        }
                    }
                }
            }
        }
        return null;
    }

    static String rows(DomainsView view) {
        StringBuilder s = new StringBuilder();
        for (TreeItem c : view.viewer().getTree().getItems()) {
            s.append(c.getText(0)).append(" [").append(c.getText(1)).append("]");
            Arrays.stream(c.getItems()).forEach(d -> s.append(" ").append(d.getText(0)).append("=").append(d.getText(1)));
        }
        return s.toString();
    }

    static void select(DomainsView view, TreeItem row) {
        view.viewer().setSelection(new StructuredSelection(row.getData()), true);
        view.setFocus();
    }

    /** The control as it draws itself now, drawn afresh into an image (the screen may lag behind). */
    static ImageData printed(Control control) {
        Image image = new Image(control.getDisplay(), control.getSize().x, control.getSize().y);
        GC gc = new GC(image);
        control.print(gc);
        gc.dispose();
        ImageData data = image.getImageData();
        image.dispose();
        return data;
    }

    /** The first open dialog of {@code type} that {@code unanswered} accepts, waited for up to {@code timeout}. */
    static <T> T dialog(Class<T> type, Predicate<T> unanswered, String what, Duration timeout) {
        List<T> found = new ArrayList<>();
        UiWait.until(what, timeout, () -> {
            Arrays.stream(Display.getCurrent().getShells()).map(Shell::getData).filter(type::isInstance).map(type::cast)
                    .filter(unanswered).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        }, () -> "no dialog");
        return found.get(0);
    }

    /** Saves a picture of a shell as {@code target/screenshots/NAME.png}, for docs/ and for looking at. */
    static void screenshot(Shell shell, String name) throws IOException {
        shell.forceActive();
        capture(shell.getDisplay(), shell.getBounds(), name, shell);
    }

    /** The whole screen, other programs' windows included. */
    static void screenshotScreen(Display display, String name) throws IOException {
        capture(display, display.getBounds(), name, null);
    }

    private static void capture(Display display, Rectangle r, String name, Shell shell) throws IOException {
        // paint everything pending, for as long as GTK's theme animates a change of state (200 ms):
        // a button enabled just now is drawn greyed until then. Not a wait for the test's logic.
        long end = System.nanoTime() + 250_000_000L;
        while (System.nanoTime() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(10, () -> { });
                display.sleep();
            }
        }
        ImageData data;
        if (shell != null) {
            data = printed(shell);
        } else {
            Image image = new Image(display, r.width, r.height);
            GC gc = new GC(display);
            gc.copyArea(image, r.x, r.y);
            gc.dispose();
            data = image.getImageData();
            image.dispose();
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] { data };
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        loader.save(dir.resolve(name + ".png").toString(), SWT.IMAGE_PNG);
    }
}
