package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vireo.api.LibvirtThreadGuard;
import dev.vireo.connection.VirtConnection;
import dev.vireo.core.tests.LibvirtDaemon;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.operations.DomainOperations;
import dev.vireo.ui.Services;
import dev.vireo.ui.editors.DomainEditor;
import dev.vireo.ui.editors.OverviewPage;
import dev.vireo.ui.handlers.OpenHandler;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.views.DomainNode;
import dev.vireo.ui.views.DomainsView;

/**
 * The workbench on a real libvirtd (the test driver served on 127.0.0.1): commands and edits go
 * over the wire; killing the daemon shows why the host is gone, and its return brings the rows back.
 */
class RemoteHostTest {
    private static LibvirtDaemon daemon;
    private static VirtConnection host;
    private static DomainsView view;

    @BeforeAll
    static void startDaemon() throws Exception {
        // the daemon's start probes it with libvirt calls, which the UI thread may not make
        daemon = Workbench.offUi(() -> LibvirtDaemon.start());
        view = Workbench.view();
        host = Workbench.open(daemon.uri("/default"));
        UiWait.until("the remote 'test' row", () -> Workbench.row(view, host, "test") != null, () -> Workbench.rows(view));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        Workbench.close(host);
        daemon.close();
    }

    @Test
    void commandsAndEditsGoOverTheWireAndTheRowFollowsTheEvents() throws Exception {
        long violations = LibvirtThreadGuard.violations();
        Workbench.select(view, Workbench.row(view, host, "test"));
        Workbench.execute("dev.vireo.ui.commands.pause");
        UiWait.until("paused", () -> "paused".equals(Workbench.row(view, host, "test").getText(1)), () -> Workbench.rows(view));
        Workbench.execute("dev.vireo.ui.commands.resume");
        UiWait.until("running", () -> "running".equals(Workbench.row(view, host, "test").getText(1)), () -> Workbench.rows(view));

        DomainRecord test = Services.monitor(host).domains().all().stream().filter(d -> d.name().equals("test")).findFirst().orElseThrow();
        DomainEditor editor = (DomainEditor) OpenHandler.open(Workbench.page(), new DomainNode(host, test.uuid()));
        try {
            UiWait.until("the definition", () -> editor.draft() != null, editor::message);
            editor.page(OverviewPage.class).title().setText("Edited over TCP");
            editor.apply();
            UiWait.until("applied", () -> !editor.isDirty(), editor::message);
            String xml = Workbench.call(host, l -> l.domains().nextBootXml(test.uuid()));
            assertTrue(xml.contains("<title>Edited over TCP</title>"), xml);
        } finally {
            Workbench.page().closeEditor(editor, false);
        }
        assertEquals(violations, LibvirtThreadGuard.violations(), "no libvirt call on the UI thread");
    }

    @Test
    void aKilledDaemonShowsWhyAndItsReturnBringsTheRowsBack() throws Exception {
        daemon.kill();
        UiWait.until("the host shown as lost, with the reason", () -> !connectionRow().getText(1).equals("connected"),
                () -> connectionRow().getText(1));
        String shown = connectionRow().getText(1);
        assertTrue(shown.startsWith("reconnecting") || shown.startsWith("disconnected"), shown);
        Workbench.await(CompletableFuture.runAsync(() -> {
            try {
                daemon.restart();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        UiWait.until("reconnected", () -> connectionRow().getText(1).equals("connected"), () -> connectionRow().getText(1));
        UiWait.until("the rows of the fresh host", () -> Workbench.row(view, host, "test") != null
                && "running".equals(Workbench.row(view, host, "test").getText(1)), () -> Workbench.rows(view));
    }

    @Test
    void aJobOnAStuckHostIsCancelledAtOnceAndTheUiStaysFree() throws Exception {
        String uuid = Services.monitor(host).domains().all().iterator().next().uuid();
        daemon.freeze();
        try {
            DomainOperations operations = new DomainOperations(Services.monitor(host));
            CompletableFuture<String> answer = HostJob.run("Reading a definition from a stuck host",
                    () -> operations.nextBootXml(uuid), true);
            UiWait.until("the job running", () -> job("Reading a definition from a stuck host") != null, () -> "");
            assertTrue(!answer.isDone(), "the host does not answer");
            long start = System.nanoTime();
            job("Reading a definition from a stuck host").cancel();
            UiWait.until("the job cancelled", answer::isCancelled, answer::toString);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("reliability: a Job waiting on a stuck host (SIGSTOP) was cancelled in " + ms + " ms");
            assertTrue(ms < 2000, ms + " ms");
        } finally {
            daemon.thaw();
        }
        assertNotNull(Workbench.call(host, l -> l.domains().domainXml(uuid)), "the host answers again once it runs");
    }

    private static Job job(String name) {
        return java.util.Arrays.stream(Job.getJobManager().find(null)).filter(j -> j.getName().equals(name))
                .findFirst().orElse(null);
    }

    private static TreeItem connectionRow() {
        for (TreeItem row : view.viewer().getTree().getItems()) {
            if (row.getData() == host) {
                return row;
            }
        }
        throw new AssertionError("no row for " + host.uri());
    }
}
