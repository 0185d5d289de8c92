package dev.vireo.ui.views;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.services.IEvaluationService;

import dev.vireo.api.ObjectKind;
import dev.vireo.connection.ConnectionListener;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.CacheListener;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainChange;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.Trace;
import dev.vireo.ui.credentials.CredentialsPrompt;
import dev.vireo.ui.credentials.SshQuestionDialog;
import dev.vireo.ui.handlers.DomainPropertyTester;
import dev.vireo.ui.preferences.VireoPreferences;
import dev.vireo.ui.widgets.UiTurnCoalescer;

/**
 * The manager view: connections, their virtual machines, networks and storage pools, with a
 * filter across all connections and a CPU sparkline per running machine. It shows only what the
 * monitor's cache holds and never calls libvirt; changes arrive as cache notifications on other
 * threads and are folded into one refresh per UI turn, so a burst of events costs one repaint.
 */
public class DomainsView extends ViewPart {
    public static final String ID = "dev.vireo.ui.views.domains";
    private static final int CPU_COLUMN = 2;
    /**
     * A GTK tree row costs about a millisecond to add: this many keep one UI turn near 50 ms, well
     * under the 100 ms a user notices.
     */
    private static final int CHANGES_PER_TURN = 50;

    private final ConnectionManager manager = Services.connections();
    private final Set<VirtConnection> watched = ConcurrentHashMap.newKeySet();
    /** Domain changes not yet shown; applied row by row, so a burst costs what it changes, not the whole tree. */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean fullRefreshPending = new AtomicBoolean(true);
    /** The name each row was placed by (UI thread): reading a row's text would fill a virtual tree's rows. */
    private final Map<DomainNode, String> placedNames = new HashMap<>();
    /**
     * Hosts (their state) and host sections (their objects) to refresh next turn, each alone: a
     * refresh of the whole tree labels every row again, seconds of the UI thread with thousands
     * of machines.
     */
    private final Set<Object> stale = ConcurrentHashMap.newKeySet();

    private record Pending(VirtConnection connection, DomainChange change) {
    }
    private final CacheListener cacheListener = new CacheListener() {
        @Override
        public void domainsChanged(ConnectionMonitor monitor, List<DomainChange> changes) {
            for (DomainChange change : changes) {
                pending.add(new Pending(monitor.connection(), change));
            }
            refresher.request();
        }

        @Override
        public void objectsChanged(ConnectionMonitor monitor, ObjectKind kind) {
            refreshLater(new HostSection(monitor.connection(), kind));
        }
    };
    private final ConnectionListener connectionListener = new ConnectionListener() {
        @Override
        public void connectionAdded(VirtConnection c) {
            watch(c);
            requestFullRefresh();
        }

        @Override
        public void connectionRemoved(VirtConnection c) {
            watched.remove(c);
            requestFullRefresh();
        }

        @Override
        public void connectionStateChanged(VirtConnection c) {
            refreshLater(c);
        }
    };
    private final IEclipsePreferences.IPreferenceChangeListener preferenceListener = e -> {
        if (VireoPreferences.STATS_INTERVAL.equals(e.getKey()) || VireoPreferences.STATS_BUDGET.equals(e.getKey())) {
            watched.forEach(c -> Services.monitor(c).sampleStats(VireoPreferences.statsInterval(),
                    VireoPreferences.statsBudget()));
        }
    };
    private TreeViewer viewer;
    private Text filter;
    private Display display;
    private UiTurnCoalescer refresher;
    private CredentialsPrompt credentialsPrompt;
    /** How long each refresh held the UI thread, for the responsiveness test and benchmark. */
    private volatile long longestRefreshNanos;
    private volatile int refreshes;

    @Override
    public void createPartControl(Composite parent) {
        display = parent.getDisplay();
        refresher = new UiTurnCoalescer(display, this::refresh);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage(Messages.FILTER_VIRTUAL_MACHINES_NETWORKS_AND_POOLS);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filter);
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.VIRTUAL | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.setUseHashlookup(true);
        column(Messages.NAME_2, 230, SWT.LEFT, DomainsLabels::nameOf, e -> null);
        new StateIcons().paintInto(viewer.getTree());
        column(Messages.STATE, 120, SWT.LEFT, DomainsLabels::stateOf, e -> null);
        column(Messages.CPU_USAGE, 100, SWT.LEFT, e -> "", e -> null);
        column(Messages.VCPUS_2, 55, SWT.RIGHT, DomainsLabels::vcpusOf, e -> null);
        column(Messages.MEMORY, 85, SWT.RIGHT, DomainsLabels::memoryOf, e -> null);
        viewer.getTree().addListener(SWT.PaintItem, new SparklinePainter(CPU_COLUMN));
        if (Trace.on()) {
            viewer.getTree().addListener(SWT.Paint, e -> traceRowsPainted());
        }
        viewer.getTree().getVerticalBar().addListener(SWT.Selection, e -> updateVisible());
        // nothing is sampled while nobody can see it: the window minimized, the view hidden
        for (int event : new int[] { SWT.Iconify, SWT.Deiconify }) {
            parent.getShell().addListener(event, e -> display.asyncExec(this::updateVisible));
        }
        for (int event : new int[] { SWT.Show, SWT.Hide }) {
            parent.addListener(event, e -> display.asyncExec(this::updateVisible));
        }
        viewer.setContentProvider(new DomainsContentProvider());
        viewer.setComparator(new DomainsLabels.Order());
        viewer.addFilter(new DomainsLabels.NameFilter(filter::getText));
        viewer.setInput(manager);
        filter.addModifyListener(e -> {
            fullRefreshPending.set(true);
            refresher.run();
        });
        viewer.addDoubleClickListener(e -> {
            try {
                getSite().getService(IHandlerService.class).executeCommand("dev.vireo.ui.commands.open", null);
            } catch (Exception ex) {
                org.eclipse.core.runtime.ILog.of(getClass()).error(NLS.bind(Messages.CANNOT_OPEN, e.getSelection()),
                        ex);
            }
        });

        MenuManager menu = new MenuManager();
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer.getTree().setMenu(menu.createContextMenu(viewer.getTree()));
        getSite().registerContextMenu(menu, viewer);
        getSite().setSelectionProvider(viewer);
        getSite().getService(IContextService.class).activateContext("dev.vireo.ui.contexts.domains");

        InstanceScope.INSTANCE.getNode(VireoPreferences.NODE).addPreferenceChangeListener(preferenceListener);
        manager.addConnectionListener(connectionListener);
        manager.addConnectionListener(credentialsPrompt = new CredentialsPrompt(display));
        manager.answerSshWith(SshQuestionDialog.prompter(parent.getShell()));
        manager.connections().forEach(this::watch);
        manager.connections().forEach(credentialsPrompt::connectionStateChanged);
        refresher.run();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        InstanceScope.INSTANCE.getNode(VireoPreferences.NODE).removePreferenceChangeListener(preferenceListener);
        manager.removeConnectionListener(connectionListener);
        manager.removeConnectionListener(credentialsPrompt);
        manager.answerSshWith(null);
        watched.forEach(c -> {
            Services.monitor(c).removeListener(cacheListener);
            Services.monitor(c).setVisible(this, null);
        });
        super.dispose();
    }

    public TreeViewer viewer() {
        return viewer;
    }

    public Text filter() {
        return filter;
    }

    /** The longest time one refresh held the UI thread so far, and how many there were. */
    public long longestRefreshNanos() {
        return longestRefreshNanos;
    }

    public int refreshes() {
        return refreshes;
    }

    /** For {@code --trace}: the first paint that shows a host's VM rows. */
    private void traceRowsPainted() {
        for (TreeItem host : viewer.getTree().getItems()) {
            if (host.getData() instanceof VirtConnection c && host.getExpanded() && !Trace.rowsPaintedOf(c)) {
                int rows = 0; // machines come first
                while (rows < host.getItemCount() && host.getItem(rows).getData() instanceof DomainNode) {
                    rows++;
                }
                if (rows > 0) {
                    Trace.rowsPainted(c, rows);
                }
            }
        }
    }

    private void watch(VirtConnection c) {
        if (watched.add(c)) {
            ConnectionMonitor monitor = Services.monitor(c);
            monitor.addListener(cacheListener);
            monitor.sampleStats(VireoPreferences.statsInterval(), VireoPreferences.statsBudget());
        }
    }

    private void refreshLater(Object hostOrSection) {
        stale.add(hostOrSection);
        refresher.request();
    }

    private void requestFullRefresh() {
        fullRefreshPending.set(true);
        refresher.request();
    }

    private void refresh() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        long start = System.nanoTime();
        viewer.getTree().setRedraw(false);
        try {
            if (fullRefreshPending.getAndSet(false)) {
                pending.clear();
                stale.clear();
                viewer.refresh();
                placedNames.clear();
                for (VirtConnection c : watched) {
                    viewer.setExpandedState(c, true);
                    Services.monitor(c).domains().all().forEach(d -> placedNames.put(new DomainNode(c, d.uuid()),
                            d.name()));
                }
            } else {
                refreshStale();
                applyPending();
            }
        } finally {
            viewer.getTree().setRedraw(true);
        }
        // enablement of the lifecycle commands follows the cached state of the selection
        getSite().getService(IEvaluationService.class).requestEvaluation(DomainPropertyTester.NAMESPACE + ".active");
        getSite().getService(IEvaluationService.class).requestEvaluation(DomainPropertyTester.NAMESPACE + ".state");
        updateVisible();
        if (Trace.on()) {
            watched.stream().filter(c -> !Trace.allXmlOf(c) && Services.monitor(c).isXmlLoaded())
                    .forEach(c -> Trace.allXml(c, Services.monitor(c).domains().size()));
        }
        longestRefreshNanos = Math.max(longestRefreshNanos, System.nanoTime() - start);
        refreshes++;
    }

    /**
     * Adds, removes and updates only the rows the queued changes name (the comparator places new
     * rows), at most {@link #CHANGES_PER_TURN} per UI turn: a burst is shown over several turns, and
     * the UI stays responsive between them.
     */
    private void applyPending() {
        Map<DomainNode, DomainChange.Kind> last = new LinkedHashMap<>();
        Pending p;
        for (int n = 0; n < CHANGES_PER_TURN && (p = pending.poll()) != null; n++) {
            last.put(new DomainNode(p.connection(), p.change().domain().uuid()), p.change().kind());
        }
        if (!pending.isEmpty()) {
            refresher.request(); // the rest next turn, after whatever else is waiting
        }
        List<DomainNode> gone = new ArrayList<>();
        Map<VirtConnection, List<DomainNode>> added = new HashMap<>();
        List<DomainNode> changed = new ArrayList<>();
        for (Map.Entry<DomainNode, DomainChange.Kind> e : last.entrySet()) {
            DomainNode node = e.getKey();
            TreeItem item = (TreeItem) viewer.testFindItem(node);
            if (node.record() == null) {
                if (item != null) {
                    gone.add(node);
                }
            } else if (item == null) {
                added.computeIfAbsent(node.connection(), c -> new ArrayList<>()).add(node);
            } else if (!node.record().name().equals(placedNames.get(node))) {
                gone.add(node); // renamed: placed again by the comparator
                added.computeIfAbsent(node.connection(), c -> new ArrayList<>()).add(node);
            } else {
                changed.add(node);
            }
        }
        gone.forEach(placedNames::remove);
        added.values().forEach(nodes -> nodes.forEach(n -> placedNames.put(n, n.record().name())));
        viewer.remove(gone.toArray());
        added.forEach((c, nodes) -> viewer.add(c, nodes.toArray()));
        viewer.update(changed.toArray(), null);
    }

    private void refreshStale() {
        for (Object element : List.copyOf(stale)) {
            stale.remove(element);
            if (element instanceof VirtConnection c) {
                viewer.update(c, null); // its state; its rows come and go with its cache's own changes
            } else {
                viewer.refresh(element);
            }
        }
    }

    /** Tells each monitor which of its domains are on screen: only those are sampled. */
    private void updateVisible() {
        if (viewer.getTree().isDisposed()) {
            return;
        }
        Map<VirtConnection, Set<String>> visible = RowsOnScreen.of(viewer.getTree());
        watched.forEach(c -> Services.monitor(c).setVisible(this, visible.get(c)));
    }

    private void column(String title, int width, int style, Function<Object, String> text,
            Function<Object, Image> image) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, style);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }

            @Override
            public Image getImage(Object element) {
                return image.apply(element);
            }

            @Override
            public String getToolTipText(Object element) {
                return text.apply(element);
            }
        });
    }
}
