package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

import dev.vireo.driver.HypervisorDriver;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;
import dev.vireo.operations.SnapshotOperations;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.dialogs.FormDialog;
import dev.vireo.ui.jobs.HostJob;

/**
 * The domain's snapshots as a tree by parent, listed when the page is first shown (libvirt sends
 * no snapshot events) and after each change; take, revert to, delete. Offered only where the
 * connection's driver declares snapshots.
 */
public class SnapshotsPage implements DomainEditorPage {
    private DomainEditor editor;
    private Composite control;
    private Tree tree;
    private Label status;
    private final List<Button> actions = new ArrayList<>();
    private boolean supported;
    private boolean loaded;

    /** One snapshot as libvirt describes it. */
    public record Snapshot(String name, String parent, String state, long created, String description) {
    }

    @Override
    public Control createControl(DomainEditor editor, Composite parent) {
        this.editor = editor;
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(control);
        String uri = editor.input().connection().uri();
        supported = Services.drivers().forUri(uri).map(d -> d.capabilities().snapshots()).orElse(true);
        status = new Label(control, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        tree = new Tree(control, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
        tree.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tree);
        for (String[] c : new String[][] { { Messages.SNAPSHOT, "220" }, { Messages.STATE, "100" },
                { Messages.TAKEN, "160" }, { Messages.DESCRIPTION, "260" } }) {
            TreeColumn column = new TreeColumn(tree, SWT.LEFT);
            column.setText(c[0]);
            column.setWidth(Integer.parseInt(c[1]));
        }
        Composite buttons = new Composite(control, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(buttons);
        actions.add(HostEditor.button(buttons, Messages.TAKE_SNAPSHOT, this::openCreateDialog));
        actions.add(HostEditor.button(buttons, Messages.RE_VERT_TO_SNAPSHOT, this::revertSelected));
        actions.add(HostEditor.button(buttons, Messages.DELETE_SNAPSHOT, this::deleteSelected));
        actions.add(HostEditor.button(buttons, Messages.REFRESH, this::load));
        if (!supported) {
            status.setText(NLS.bind(Messages.THE_DRIVER_DOES_NOT_SUPPORT_SNAPSHOTS,
                    Services.drivers().forUri(uri).map(HypervisorDriver::name).orElse("")));
            actions.forEach(b -> b.setEnabled(false));
        }
        return control;
    }


    public Tree tree() {
        return tree;
    }

    public String status() {
        return status.getText();
    }

    public boolean supported() {
        return supported;
    }

    /** The page is shown: list the snapshots the first time. */
    @Override
    public void shown() {
        if (supported && !loaded) {
            load();
        }
    }

    /** Lists the snapshots again; the future completes once they are shown. */
    public CompletableFuture<Void> load() {
        loaded = true;
        status.setText(Messages.LISTING_THE_SNAPSHOTS);
        String uuid = editor.input().uuid();
        CompletableFuture<Void> shown = new CompletableFuture<>();
        HostJob.run(NLS.bind(Messages.LISTING_THE_SNAPSHOTS_OF, editor.input().getName()),
                () -> operations().list(uuid), false).whenComplete((xmls, failure) -> control.getDisplay()
                        .asyncExec(() -> {
                            if (!control.isDisposed()) {
                                show(xmls, failure);
                            }
                            shown.complete(null);
                        }));
        return shown;
    }

    private void show(List<String> xmls, Throwable failure) {
        tree.removeAll();
        if (failure != null) {
            status.setText(NLS.bind(Messages.CANNOT_LIST_THE_SNAPSHOTS, HostJob.message(failure)));
            return;
        }
        List<Snapshot> snapshots = xmls.stream().map(SnapshotsPage::parse).filter(s -> s != null)
                .sorted(Comparator.comparingLong(Snapshot::created)).toList();
        Set<String> names = snapshots.stream().map(Snapshot::name).collect(Collectors.toSet());
        for (Snapshot s : snapshots) {
            if (s.parent() == null || !names.contains(s.parent())) {
                add(new TreeItem(tree, SWT.NONE), s, snapshots);
            }
        }
        status.setText(snapshots.isEmpty() ? Messages.NO_SNAPSHOTS : NLS.bind(Messages.SNAPSHOT_COUNT,
                snapshots.size()));
    }

    /** Fills a row and, below it, the rows of the snapshot's children, oldest first. */
    private static void add(TreeItem item, Snapshot s, List<Snapshot> all) {
        item.setText(new String[] { s.name(), s.state(),
                s.created() == 0 ? "" : java.time.Instant.ofEpochSecond(s.created()).toString().replace('T', ' '),
                s.description() == null ? "" : s.description() });
        item.setData(s);
        for (Snapshot child : all) {
            if (s.name().equals(child.parent())) {
                add(new TreeItem(item, SWT.NONE), child, all);
            }
        }
        item.setExpanded(true);
    }

    private static Snapshot parse(String xml) {
        try {
            XmlObject s = LibvirtModel.load(xml);
            Long created = (Long) s.get("creationTime");
            return new Snapshot(s.string("name"), s.string("parent"), s.string("state"),
                    created == null ? 0 : created, s.string("description"));
        } catch (ModelException e) {
            return null;
        }
    }

    /** The snapshot of the selected row, or {@code null}. */
    public Snapshot selected() {
        return tree.getSelectionCount() == 1 ? (Snapshot) tree.getSelection()[0].getData() : null;
    }

    /** Selects the row of a snapshot by name. */
    public void select(String name) {
        for (TreeItem item : all(tree.getItems(), new ArrayList<>())) {
            if (item.getText(0).equals(name)) {
                tree.setSelection(item);
            }
        }
    }

    private static List<TreeItem> all(TreeItem[] items, List<TreeItem> into) {
        for (TreeItem i : items) {
            into.add(i);
            all(i.getItems(), into);
        }
        return into;
    }

    private void openCreateDialog() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(Messages.NAME_2, "snapshot" + (all(tree.getItems(), new ArrayList<>()).size() + 1));
        form.put(Messages.DESCRIPTION, "");
        FormDialog dialog = new FormDialog(control.getShell(), Messages.TAKE_SNAPSHOT_2,
                Messages.OF_A_RUNNING_VIRTUAL_MACHINE_THE, form);
        if (dialog.open() == Window.OK) {
            create(dialog.values().get(Messages.NAME_2), dialog.values().get(Messages.DESCRIPTION));
        }
    }

    private SnapshotOperations operations() {
        return new SnapshotOperations(editor.monitor());
    }

    /** Takes a snapshot, then lists them again. */
    public CompletableFuture<Void> create(String name, String description) {
        String uuid = editor.input().uuid();
        return then(HostJob.run(NLS.bind(Messages.TAKING_SNAPSHOT_OF, name, editor.input().getName()),
                () -> operations().create(uuid, name, description), true));
    }

    /** Reverts the machine to the selected snapshot, then lists them again. */
    public CompletableFuture<Void> revertSelected() {
        return act(Messages.SNAPSHOT_REVERTING, operations()::revert);
    }

    /** Deletes the selected snapshot, then lists them again. */
    public CompletableFuture<Void> deleteSelected() {
        return act(Messages.SNAPSHOT_DELETING, operations()::delete);
    }

    /** A change to the selected snapshot, given the machine's UUID and the snapshot's name. */
    private CompletableFuture<Void> act(String pattern, BiFunction<String, String, CompletableFuture<Void>> change) {
        Snapshot s = selected();
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        String uuid = editor.input().uuid();
        return then(HostJob.run(NLS.bind(pattern, s.name(), editor.input().getName()),
                () -> change.apply(uuid, s.name()), true));
    }

    private CompletableFuture<Void> then(CompletableFuture<Void> change) {
        return change.handle((ok, failure) -> null).thenCompose(x -> {
            CompletableFuture<Void> listed = new CompletableFuture<>();
            control.getDisplay().asyncExec(() -> load().whenComplete((v, e) -> listed.complete(null)));
            return listed;
        });
    }
}
