package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.Test;

import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.EditorAreaHint;
import dev.vireo.ui.views.DomainsView;

/**
 * The platform's views in Vireo's window, as Window > Show View offers them: Properties of the
 * selected virtual machine (read from the cache), the Error Log with what Vireo logged, and the
 * Progress view with a running Job.
 */
class PlatformViewsTest {
    private static final String ERROR_LOG = "org.eclipse.pde.runtime.LogView";

    @Test
    void showViewOffersThePlatformsViews() {
        List<String> shortcuts = List.of(Workbench.page().getShowViewShortcuts());
        assertTrue(shortcuts.containsAll(List.of(DomainsView.ID, IPageLayout.ID_PROP_SHEET,
                IPageLayout.ID_PROGRESS_VIEW,
                ERROR_LOG)), shortcuts.toString());
    }

    @Test
    void propertiesShowTheSelectedMachineFromTheCache() throws Exception {
        VirtConnection host = Workbench.openFixtureHost();
        IViewPart properties = null;
        try {
            DomainsView view = Workbench.view();
            UiWait.until("the fixture's machines", () -> Workbench.row(view, host, "devices-galore") != null,
                    () -> Workbench.rows(view));
            long calls = host.calls().total();
            properties = Workbench.page().showView(IPageLayout.ID_PROP_SHEET);
            Workbench.select(view, Workbench.row(view, host, "devices-galore"));
            PropertySheet sheet = (PropertySheet) properties;
            UiWait.until("the machine's properties", () -> values(sheet).contains("Name=devices-galore"),
                    () -> values(sheet));
            assertTrue(values(sheet).contains("Host=" + host.uri()), values(sheet));
            assertTrue(values(sheet).matches("(?s).*State=running.*"), values(sheet));
            assertEquals(calls, host.calls().total(), "read from the cache: no libvirt call");
            Workbench.screenshot(view.getSite().getShell(), "properties");
        } finally {
            if (properties != null) {
                Workbench.page().hideView(properties);
            }
            Workbench.close(host);
        }
    }

    @Test
    void theErrorLogShowsWhatVireoLogged() throws Exception {
        IViewPart log = Workbench.page().showView(ERROR_LOG);
        try {
            ILog.of(PlatformViewsTest.class).error("Vireo test: the Error Log shows this");
            Tree tree = find((Composite) control(log), Tree.class);
            UiWait.until("the logged error in the view, loaded",
                    () -> texts(tree).contains("Vireo test: the Error Log shows this")
                    && !labels(control(log)).contains("Loading"), () -> texts(tree) + " / " + labels(control(log)));
            Workbench.screenshot(log.getSite().getShell(), "error-log");
        } finally {
            Workbench.page().hideView(log);
        }
    }

    @Test
    void theProgressViewShowsARunningJob() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Job job = Job.create("Vireo test: a long operation", (IProgressMonitor monitor) -> {
            monitor.beginTask("Waiting for the test", IProgressMonitor.UNKNOWN);
            try {
                while (!monitor.isCanceled() && !release.await(50, TimeUnit.MILLISECONDS)) {
                    monitor.worked(1); // waiting on the test's latch, checking for cancel meanwhile
                }
            } catch (InterruptedException e) {
                return Status.CANCEL_STATUS;
            }
            return Status.OK_STATUS;
        });
        IViewPart progress = Workbench.page().showView(IPageLayout.ID_PROGRESS_VIEW);
        try {
            job.schedule();
            UiWait.until("the job in the Progress view",
                    () -> labels(control(progress)).contains("Vireo test: a long operation"),
                    () -> labels(control(progress)));
            Workbench.screenshot(progress.getSite().getShell(), "progress");
        } finally {
            release.countDown();
            job.join(10_000, null);
            Workbench.page().hideView(progress);
        }
        assertEquals(IStatus.OK, job.getResult().getSeverity());
    }

    @Test
    void theEmptyEditorAreaSaysWhatGoesThere() throws Exception {
        Workbench.page().closeAllEditors(false);
        Workbench.page().resetPerspective(); // as a new user sees it
        IWorkbenchWindow window = Workbench.page().getWorkbenchWindow();
        assertEquals(0, EditorAreaHint.install(window), "installed by Vireo's window advisor already");
        List<MPartStack> stacks = window.getService(EModelService.class).findElements(window.getService(MWindow.class),
                null, MPartStack.class, List.of("EditorStack"));
        CTabFolder folder = (CTabFolder) stacks.get(0).getWidget();
        Rectangle area = folder.getClientArea();
        ImageData pixels = Workbench.printed(folder);
        int middle = area.y + area.height / 3 + 30;
        RGB background = pixels.palette.getRGB(pixels.getPixel(area.x + 2, middle));
        long drawn = 0; // anything but the background in a band where the hint is: its letters
        for (int y = middle - 40; y < middle + 10; y++) {
            for (int x = area.x + 4; x < area.x + area.width - 4; x++) {
                drawn += pixels.palette.getRGB(pixels.getPixel(x, y)).equals(background) ? 0 : 1;
            }
        }
        Workbench.screenshot(window.getShell(), "editor-area-hint");
        assertTrue(drawn > 50, "the hint's text in the middle of the empty editor area: " + drawn + " pixels in "
                + area + ", " + stacks.size() + " stacks, visible " + folder.isVisible());
    }

    /** The view's own widgets: its part's composite in the workbench model. */
    private static Control control(IViewPart view) {
        return (Control) view.getSite().getService(MPart.class).getWidget();
    }

    private static <T extends Control> T find(Composite root, Class<T> type) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof Composite composite) {
                T inner = find(composite, type);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static String labels(Control root) {
        List<String> all = new ArrayList<>();
        collect(root, all);
        return String.join(" | ", all);
    }

    private static void collect(Control c, List<String> all) {
        if (c instanceof Label l) {
            all.add(l.getText());
        } else if (c instanceof Link l) {
            all.add(l.getText());
        } else if (c instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, all);
            }
        }
    }

    private static String texts(Tree tree) {
        StringBuilder s = new StringBuilder();
        for (TreeItem item : tree.getItems()) {
            s.append(item.getText(0)).append(" | ");
        }
        return s.toString();
    }

    /** The Properties view's rows as name=value, categories opened. */
    private static String values(PropertySheet sheet) {
        Tree tree = (Tree) sheet.getCurrentPage().getControl();
        StringBuilder s = new StringBuilder();
        for (TreeItem category : tree.getItems()) {
            category.setExpanded(true);
            for (TreeItem row : category.getItems()) {
                s.append(row.getText(0)).append('=').append(row.getText(1)).append('\n');
            }
        }
        return s.toString();
    }
}
