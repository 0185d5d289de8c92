package dev.vireo.ui.views;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.services.IEvaluationService;

import dev.vireo.connection.ConnectionListener;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.ObjectKind;
import dev.vireo.monitor.CacheListener;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainChange;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.credentials.CredentialsPrompt;
import dev.vireo.ui.handlers.DomainPropertyTester;
import dev.vireo.ui.preferences.VireoPreferences;
import dev.vireo.ui.widgets.Plot;

/**
 * The manager view: connections, their virtual machines, networks and storage pools, with a
 * filter across all connections and a CPU sparkline per running machine. It shows only what the
 * monitor's cache holds and never calls libvirt; changes arrive as cache notifications on other
 * threads and are folded into one refresh per UI turn, so a burst of events costs one repaint.
 */
public class DomainsView extends ViewPart {
    public static final String ID = "dev.vireo.ui.views.domains";
    private static final int CPU_COLUMN = 2;
    /** A GTK tree row costs about a millisecond to add: this many keep one UI turn near 100 ms. */
    private static final int CHANGES_PER_TURN = 100;

    private final ConnectionManager manager = ConnectionManager.getDefault();
    private final Set<VirtConnection> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    /** Domain changes not yet shown; applied row by row, so a burst costs what it changes, not the whole tree. */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean fullRefreshPending = new AtomicBoolean(true);

    private record Pending(VirtConnection connection, DomainChange change) {
    }
    private final Map<VirtConnection, HostSection[]> sections = new HashMap<>();
    private final CacheListener cacheListener = new CacheListener() {
        @Override
        public void domainsChanged(ConnectionMonitor monitor, List<DomainChange> changes) {
            for (DomainChange change : changes) {
                pending.add(new Pending(monitor.connection(), change));
            }
            requestRefresh();
        }

        @Override
        public void objectsChanged(ConnectionMonitor monitor, ObjectKind kind) {
            requestFullRefresh();
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
            requestFullRefresh();
        }
    };
    private final IEclipsePreferences.IPreferenceChangeListener preferenceListener = e -> {
        if (VireoPreferences.STATS_INTERVAL.equals(e.getKey())) {
            watched.forEach(c -> ConnectionMonitor.of(c).sampleStats(VireoPreferences.statsInterval()));
        }
    };
    private TreeViewer viewer;
    private Text filter;
    private Display display;
    private StateIcons icons;
    private CredentialsPrompt credentialsPrompt;
    /** How long each refresh held the UI thread, for the responsiveness test and benchmark. */
    private volatile long longestRefreshNanos;
    private volatile int refreshes;

    @Override
    public void createPartControl(Composite parent) {
        display = parent.getDisplay();
        icons = new StateIcons(display);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter virtual machines, networks and pools by name");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filter);
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.setUseHashlookup(true);
        column("Name", 230, SWT.LEFT, this::nameOf, this::imageOf);
        column("State", 120, SWT.LEFT, this::stateOf, e -> null);
        column("CPU usage", 100, SWT.LEFT, e -> "", e -> null);
        column("vCPUs", 55, SWT.RIGHT, e -> e instanceof DomainNode n && n.record() != null
                ? Integer.toString(n.record().vcpus()) : "", e -> null);
        column("Memory", 85, SWT.RIGHT, e -> e instanceof DomainNode n && n.record() != null
                ? formatMemory(n.record().memoryKiB()) : "", e -> null);
        viewer.getTree().addListener(SWT.PaintItem, this::paintSparkline);
        viewer.getTree().getVerticalBar().addListener(SWT.Selection, e -> updateVisible());
        viewer.setContentProvider(new ContentProvider());
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int category(Object element) {
                return element instanceof DomainNode ? 0 : 1; // machines, then the host's sections
            }

            @Override
            public int compare(Viewer v, Object a, Object b) {
                int byCategory = Integer.compare(category(a), category(b));
                return byCategory != 0 || a instanceof HostSection ? byCategory
                        : String.CASE_INSENSITIVE_ORDER.compare(nameOf(a), nameOf(b));
            }
        });
        viewer.addFilter(new NameFilter());
        viewer.setInput(manager);
        filter.addModifyListener(e -> {
            fullRefreshPending.set(true);
            refresh();
        });
        viewer.addDoubleClickListener(e -> {
            try {
                getSite().getService(IHandlerService.class).executeCommand("dev.vireo.ui.commands.open", null);
            } catch (Exception ex) {
                org.eclipse.core.runtime.ILog.of(getClass()).error("Cannot open " + e.getSelection(), ex);
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
        manager.connections().forEach(this::watch);
        manager.connections().forEach(credentialsPrompt::connectionStateChanged);
        refresh();
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
        watched.forEach(c -> {
            ConnectionMonitor.of(c).removeListener(cacheListener);
            ConnectionMonitor.of(c).setVisible(this, null);
        });
        icons.dispose();
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

    private void watch(VirtConnection c) {
        if (watched.add(c)) {
            ConnectionMonitor monitor = ConnectionMonitor.of(c);
            monitor.addListener(cacheListener);
            monitor.sampleStats(VireoPreferences.statsInterval());
        }
    }

    private void requestFullRefresh() {
        fullRefreshPending.set(true);
        requestRefresh();
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
        long start = System.nanoTime();
        viewer.getTree().setRedraw(false);
        try {
            if (fullRefreshPending.getAndSet(false)) {
                pending.clear();
                viewer.refresh();
                for (VirtConnection c : watched) {
                    viewer.setExpandedState(c, true);
                }
            } else {
                applyPending();
            }
        } finally {
            viewer.getTree().setRedraw(true);
        }
        // enablement of the lifecycle commands follows the cached state of the selection
        getSite().getService(IEvaluationService.class).requestEvaluation(DomainPropertyTester.NAMESPACE + ".active");
        getSite().getService(IEvaluationService.class).requestEvaluation(DomainPropertyTester.NAMESPACE + ".state");
        updateVisible();
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
            requestRefresh(); // the rest next turn, after whatever else is waiting
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
            } else if (!item.getText(0).equals(node.record().name())) {
                gone.add(node); // renamed: placed again by the comparator
                added.computeIfAbsent(node.connection(), c -> new ArrayList<>()).add(node);
            } else {
                changed.add(node);
            }
        }
        viewer.remove(gone.toArray());
        added.forEach((c, nodes) -> viewer.add(c, nodes.toArray()));
        viewer.update(changed.toArray(), null);
    }

    /** Tells each monitor which of its domains are on screen: those are sampled where sampling costs a call each. */
    private void updateVisible() {
        Rectangle area = viewer.getTree().getClientArea();
        Map<VirtConnection, Set<String>> visible = new HashMap<>();
        for (TreeItem connectionRow : viewer.getTree().getItems()) {
            for (TreeItem row : connectionRow.getExpanded() ? connectionRow.getItems() : new TreeItem[0]) {
                Rectangle bounds = row.getBounds();
                if (row.getData() instanceof DomainNode n && bounds.y + bounds.height >= 0 && bounds.y <= area.height) {
                    visible.computeIfAbsent(n.connection(), c -> new HashSet<>()).add(n.uuid());
                }
            }
        }
        watched.forEach(c -> ConnectionMonitor.of(c).setVisible(this, visible.get(c)));
    }

    private void paintSparkline(Event event) {
        if (event.index != CPU_COLUMN || !(event.item.getData() instanceof DomainNode n) || n.record() == null
                || !n.record().state().isActive()) {
            return;
        }
        double[] cpu = Plot.cpu(ConnectionMonitor.of(n.connection()).history(n.uuid()));
        Rectangle cell = ((TreeItem) event.item).getBounds(CPU_COLUMN);
        GC gc = event.gc;
        gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GREEN));
        Plot.line(gc, new Rectangle(cell.x + 3, cell.y + 3, cell.width - 6, cell.height - 6), cpu, 100, 3);
    }

    private String nameOf(Object e) {
        return switch (e) {
            case VirtConnection c -> c.uri();
            case HostSection s -> s.label();
            case HostSection.ObjectNode o -> o.object() == null ? "" : o.object().name();
            case DomainNode n -> n.record() == null ? "" : n.record().name();
            default -> "";
        };
    }

    private Image imageOf(Object e) {
        return e instanceof DomainNode n && n.record() != null ? icons.get(n.record().state()) : null;
    }

    private String stateOf(Object e) {
        return switch (e) {
            case VirtConnection c -> c.failure() == null ? c.state().label() : c.state().label() + ": " + c.failure();
            case HostSection.ObjectNode o -> o.object() == null ? "" : o.object().active() ? "active" : "inactive";
            case DomainNode n -> n.record() == null ? "" : n.record().state().label();
            default -> "";
        };
    }

    public static String formatMemory(long kib) {
        return kib >= 1024 * 1024 ? String.format("%.1f GiB", kib / (1024.0 * 1024)) : (kib / 1024) + " MiB";
    }

    private void column(String title, int width, int style, Function<Object, String> text, Function<Object, Image> image) {
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

    private HostSection[] sectionsOf(VirtConnection c) {
        return sections.computeIfAbsent(c, k -> new HostSection[] { new HostSection(k, ObjectKind.NETWORK),
                new HostSection(k, ObjectKind.STORAGE_POOL) });
    }

    /** Keeps the rows whose name contains the filter text; connections and sections always stay. */
    private final class NameFilter extends ViewerFilter {
        @Override
        public boolean select(Viewer v, Object parent, Object element) {
            String wanted = filter.getText().trim().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty() || element instanceof VirtConnection || element instanceof HostSection) {
                return true;
            }
            if (element instanceof DomainNode n && n.record() != null) {
                DomainRecord d = n.record();
                String title = d.definition() == null || d.definition().title() == null ? "" : d.definition().title();
                return d.name().toLowerCase(Locale.ROOT).contains(wanted) || title.toLowerCase(Locale.ROOT).contains(wanted);
            }
            return nameOf(element).toLowerCase(Locale.ROOT).contains(wanted);
        }
    }

    private final class ContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((ConnectionManager) input).connections().toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (parent instanceof HostSection s) {
                return s.children();
            }
            if (!(parent instanceof VirtConnection c)) {
                return new Object[0];
            }
            List<Object> children = new ArrayList<>();
            DomainCache.of(c).all().forEach(d -> children.add(new DomainNode(c, d.uuid())));
            children.addAll(List.of(sectionsOf(c)));
            return children.toArray();
        }

        @Override
        public Object getParent(Object element) {
            return switch (element) {
                case DomainNode n -> n.connection();
                case HostSection s -> s.connection();
                case HostSection.ObjectNode o -> o.section();
                default -> null;
            };
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof VirtConnection
                    || element instanceof HostSection s && !ConnectionMonitor.of(s.connection()).objects(s.kind()).all().isEmpty();
        }
    }
}
