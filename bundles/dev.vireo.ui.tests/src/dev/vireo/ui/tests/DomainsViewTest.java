package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vireo.api.CallCounter;
import dev.vireo.api.LibvirtThreadGuard;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.ui.Services;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.views.DomainsView;

/** The Vireo workbench as started by its application, on the embedded test:///default host. */
class DomainsViewTest {
    private DomainsView view;
    private VirtConnection connection;

    @BeforeEach
    void showView() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (DomainsView) page.showView(DomainsView.ID);
        UiWait.until("the application's connection", () -> embedded() != null,
                () -> Services.connections().connections().toString());
        connection = embedded();
        UiWait.until("the 'test' row", () -> row("test") != null, this::rows);
    }

    @Test
    void theWindowIsVireo() {
        assertEquals("Vireo", PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getText());
    }

    @Test
    void shutDownAndRunFromTheViewFollowTheEventsWithoutUiThreadCalls() throws Exception {
        long violationsBefore = LibvirtThreadGuard.violations();
        UiWait.until("'test' running", () -> "running".equals(row("test").getText(1)), this::rows);
        assertEquals("2", row("test").getText(3));
        assertEquals("2.0 GiB", row("test").getText(4));

        CallCounter calls = connection.calls();
        long before = calls.total();
        select("test");
        execute("dev.vireo.ui.commands.shutdown");
        UiWait.until("'test' shut off", () -> "shut off".equals(row("test").getText(1)), this::rows);
        assertEquals(1, calls.get("virDomainShutdown"));

        execute("dev.vireo.ui.commands.start");
        UiWait.until("'test' running again", () -> "running".equals(row("test").getText(1)), this::rows);
        assertEquals(1, calls.get("virDomainCreate"));

        assertEquals(before + 2, calls.total(),
                "the two commands' calls and nothing else: rows follow lifecycle events: " + calls.snapshot());
        assertEquals(violationsBefore, LibvirtThreadGuard.violations(), "no libvirt call on the UI thread");
    }

    @Test
    void theUiThreadIsGuarded() {
        assertEquals(Display.getCurrent().getThread(), Thread.currentThread());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LibvirtConnection.open("test:///default"));
        assertNotNull(e.getMessage());
    }

    /** Other tests' hosts may still be listed; their domains can be called "test" too. */
    private static VirtConnection embedded() {
        return Services.connections().connections().stream().filter(c -> "test:///default".equals(c.uri()))
                .findFirst().orElse(null);
    }

    private void execute(String commandId) throws Exception {
        IHandlerService handlers = view.getSite().getService(IHandlerService.class);
        handlers.executeCommand(commandId, null);
    }

    private void select(String name) {
        TreeItem item = row(name);
        view.viewer().setSelection(new StructuredSelection(item.getData()), true);
        assertEquals(DomainNode.class, item.getData().getClass());
        view.setFocus();
    }

    private TreeItem row(String name) {
        return Workbench.row(view, connection, name);
    }

    private String rows() {
        return Workbench.rows(view);
    }
}
