package dev.vireo.ui.views;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.services.IEvaluationService;

import dev.vireo.connection.ConnectionListener;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.CacheListener;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainChange;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.handlers.DomainPropertyTester;

/**
 * The manager view: connections and their virtual machines. It shows only what the monitor's
 * cache holds and never calls libvirt; changes arrive as cache notifications on other threads
 * and are folded into one refresh per UI turn, so a burst of events costs one repaint.
 */
public class DomainsView extends ViewPart {
    public static final String ID = "dev.vireo.ui.views.domains";

    private final ConnectionManager manager = ConnectionManager.getDefault();
    private final Set<VirtConnection> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final CacheListener cacheListener = new CacheListener() {
        @Override
        public void domainsChanged(ConnectionMonitor monitor, List<DomainChange> changes) {
            requestRefresh();
        }
    };
    private final ConnectionListener connectionListener = new ConnectionListener() {
        @Override
        public void connectionAdded(VirtConnection c) {
            watch(c);
            requestRefresh();
        }

        @Override
        public void connectionRemoved(VirtConnection c) {
            watched.remove(c);
            requestRefresh();
        }

        @Override
        public void connectionStateChanged(VirtConnection c) {
            requestRefresh();
        }
    };
    private TreeViewer viewer;
    private Display display;

    @Override
    public void createPartControl(Composite parent) {
        display = parent.getDisplay();
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.setUseHashlookup(true);
        column("Name", 260, SWT.LEFT, this::nameOf);
        column("State", 150, SWT.LEFT, this::stateOf);
        column("vCPUs", 70, SWT.RIGHT, e -> e instanceof DomainNode n && n.record() != null
                ? Integer.toString(n.record().vcpus()) : "");
        column("Memory", 100, SWT.RIGHT, e -> e instanceof DomainNode n && n.record() != null
                ? formatMemory(n.record().memoryKiB()) : "");
        viewer.setContentProvider(new ContentProvider());
        viewer.setInput(manager);

        MenuManager menu = new MenuManager();
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer.getTree().setMenu(menu.createContextMenu(viewer.getTree()));
        getSite().registerContextMenu(menu, viewer);
        getSite().setSelectionProvider(viewer);

        manager.addConnectionListener(connectionListener);
        manager.connections().forEach(this::watch);
        refresh();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        manager.removeConnectionListener(connectionListener);
        watched.forEach(c -> ConnectionMonitor.of(c).removeListener(cacheListener));
        super.dispose();
    }

    public TreeViewer viewer() {
        return viewer;
    }

    private void watch(VirtConnection c) {
        if (watched.add(c)) {
            ConnectionMonitor.of(c).addListener(cacheListener);
        }
    }

    /** From any thread: schedule one refresh on the UI thread unless one is already due. */
    private void requestRefresh() {
        if (refreshPending.compareAndSet(false, true) && !display.isDisposed()) {
            display.asyncExec(this::refresh);
        }
    }

    private void refresh() {
        refreshPending.set(false);
        if (viewer.getControl().isDisposed()) {
            return;
        }
        viewer.refresh();
        for (VirtConnection c : watched) {
            viewer.setExpandedState(c, true);
        }
        // enablement of Run / Shut Down / Force Off follows the cached state of the selection
        getSite().getService(IEvaluationService.class).requestEvaluation(DomainPropertyTester.NAMESPACE + ".active");
    }

    private String nameOf(Object e) {
        if (e instanceof VirtConnection c) {
            return c.uri();
        }
        DomainRecord d = ((DomainNode) e).record();
        return d == null ? "" : d.name();
    }

    private String stateOf(Object e) {
        if (e instanceof VirtConnection c) {
            return c.failure() == null ? c.state().label() : c.state().label() + ": " + c.failure();
        }
        DomainRecord d = ((DomainNode) e).record();
        return d == null ? "" : d.state().label();
    }

    static String formatMemory(long kib) {
        return kib >= 1024 * 1024 ? String.format("%.1f GiB", kib / (1024.0 * 1024)) : (kib / 1024) + " MiB";
    }

    private void column(String title, int width, int style, Function<Object, String> text) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, style);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }
        });
    }

    private static final class ContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((ConnectionManager) input).connections().toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (!(parent instanceof VirtConnection c)) {
                return new Object[0];
            }
            List<DomainRecord> domains = DomainCache.of(c).all().stream()
                    .sorted(Comparator.comparing(DomainRecord::name, String.CASE_INSENSITIVE_ORDER)).toList();
            return domains.stream().map(d -> new DomainNode(c, d.uuid())).toArray();
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof DomainNode n ? n.connection() : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof VirtConnection c && DomainCache.of(c).size() > 0;
        }
    }
}
