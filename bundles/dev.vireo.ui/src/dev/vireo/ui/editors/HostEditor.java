package dev.vireo.ui.editors;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.MultiPageEditorPart;

import dev.vireo.api.ObjectKind;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CacheListener;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.preferences.VireoPreferences;
import dev.vireo.ui.widgets.UiTurnCoalescer;

/**
 * A host's details, as virt-manager's host details window: Overview (the host, its capabilities
 * and what Vireo's connection to it has cost), Virtual Networks and Storage. Lists come from the
 * monitor's cache and follow its change notifications; every action runs as a Job.
 */
public class HostEditor extends MultiPageEditorPart {
    public static final String ID = "dev.vireo.ui.editors.host";
    public static final int OVERVIEW_PAGE = 0, NETWORKS_PAGE = 1, STORAGE_PAGE = 2;

    private HostEditorInput input;
    private ConnectionMonitor monitor;
    private HostOverviewPage overview;
    private NetworksPage networks;
    private StoragePage storage;
    /** A burst of cache changes redraws each table once per UI turn, not once per change. */
    private UiTurnCoalescer networksRefresh, storageRefresh;
    private final CacheListener listener = new CacheListener() {
        @Override
        public void objectsChanged(ConnectionMonitor m, ObjectKind kind) {
            if (kind == ObjectKind.NETWORK) {
                networksRefresh.request();
            } else if (kind == ObjectKind.STORAGE_POOL) {
                storageRefresh.request();
            }
        }
    };

    @Override
    public void init(IEditorSite site, IEditorInput editorInput) throws PartInitException {
        if (!(editorInput instanceof HostEditorInput hostInput)) {
            throw new PartInitException(NLS.bind(Messages.NOT_A_HOST, editorInput));
        }
        super.init(site, editorInput);
        input = hostInput;
        monitor = Services.monitor(input.connection());
        setPartName(NLS.bind(Messages.HOST_4, input.getName()));
        setTitleToolTip(input.getToolTipText());
    }

    @Override
    protected void createPages() {
        overview = new HostOverviewPage(this, getContainer());
        setPageText(addPage(overview.control()), Messages.OVERVIEW);
        networks = new NetworksPage(this, getContainer());
        setPageText(addPage(networks.control()), Messages.VIRTUAL_NETWORKS);
        storage = new StoragePage(this, getContainer());
        setPageText(addPage(storage.control()), Messages.STORAGE);
        Display display = getContainer().getDisplay();
        networksRefresh = new UiTurnCoalescer(display, () -> {
            if (!networks.control().isDisposed()) {
                networks.refresh();
            }
        });
        storageRefresh = new UiTurnCoalescer(display, () -> {
            if (!storage.control().isDisposed()) {
                storage.refresh();
            }
        });
        monitor.addListener(listener);
    }

    @Override
    public void dispose() {
        monitor.removeListener(listener);
        super.dispose();
    }

    public HostEditorInput input() {
        return input;
    }

    public ConnectionMonitor monitor() {
        return monitor;
    }

    public HostOverviewPage overviewPage() {
        return overview;
    }

    public NetworksPage networksPage() {
        return networks;
    }

    public StoragePage storagePage() {
        return storage;
    }

    /** Shows one of the pages ({@code *_PAGE}). */
    public void showPage(int page) {
        setActivePage(page);
    }

    /** Runs an operation on the host as a Job; a failure is shown with libvirt's message. */
    <T> CompletableFuture<T> run(String name, Supplier<CompletableFuture<T>> operation) {
        return HostJob.run(name, operation, true);
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public void doSave(IProgressMonitor progress) {
    }

    @Override
    public void doSaveAs() {
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    /** Asks before deleting, unless the preferences say not to. */
    boolean confirmDelete(String what) {
        return !VireoPreferences.confirm(VireoPreferences.CONFIRM_DELETE_HOST_OBJECTS)
                || MessageDialog.openConfirm(getSite().getShell(), Messages.CONFIRM_DELETE, NLS.bind(Messages.DELETE_4,
                        what));
    }

    // --- table helpers shared by the pages -------------------------------------------------

    /** A host object's cached XML as a model, or {@code null} while it is not loaded (or unreadable). */
    static XmlObject parse(String xml) {
        try {
            return xml == null ? null : LibvirtModel.load(xml);
        } catch (ModelException e) {
            return null;
        }
    }

    static Table table(Composite parent, String... columns) {
        Table table = new Table(parent, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        for (String c : columns) {
            String[] nameAndWidth = c.split(":");
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(nameAndWidth[0]);
            column.setWidth(Integer.parseInt(nameAndWidth[1]));
        }
        return table;
    }

    /** Replaces a table's rows, keeping the selected row selected (rows are matched by their data). */
    static <T> void fill(Table table, List<T> rows, Function<T, Object> key, Function<T, String[]> text) {
        Object selected = table.getSelectionCount() == 1 ? table.getSelection()[0].getData() : null;
        table.removeAll();
        for (T row : rows) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(text.apply(row));
            item.setData(key.apply(row));
            if (Objects.equals(selected, item.getData())) {
                table.setSelection(item);
            }
        }
    }

    static String selectedKey(Table table) {
        return table.getSelectionCount() == 1 ? (String) table.getSelection()[0].getData() : null;
    }

    /** A "Name:" label in a two-column grid, top-aligned; returns the parent for the row's field. */
    static Composite labelled(Composite parent, String text) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(text + ":");
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(label);
        return parent;
    }

    /** A "Name: value" row in a two-column grid; returns the value's label. */
    static Label valueRow(Composite parent, String text) {
        Label value = new Label(labelled(parent, text), SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(value);
        return value;
    }

    static Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }
}
