package dev.vireo.ui.editors;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;

import dev.vireo.api.ObjectKind;
import dev.vireo.api.StorageVolume;
import dev.vireo.model.Units;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CachedObject;
import dev.vireo.operations.StorageOperations;
import dev.vireo.ui.dialogs.FormDialog;

/**
 * The host's storage pools from the cache, and the volumes of the selected pool, fetched when the
 * pool is first selected (virt-manager's lazy volume listing). Create, start, stop, refresh and
 * delete pools; create, resize and delete volumes.
 */
public class StoragePage {
    private final HostEditor editor;
    private final SashForm control;
    private final Table pools;
    private final Table volumes;
    private final Label volumesHeading;

    StoragePage(HostEditor editor, Composite parent) {
        this.editor = editor;
        control = new SashForm(parent, SWT.VERTICAL);
        Composite top = new Composite(control, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(top);
        pools = HostEditor.table(top, "Pool:150", "State:80", "Type:70", "Size:90", "Free:90", "Location:220");
        pools.addListener(SWT.Selection, e -> showVolumes());
        Composite poolButtons = new Composite(top, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).applyTo(poolButtons);
        HostEditor.button(poolButtons, "&Add Pool...", this::openCreatePoolDialog);
        HostEditor.button(poolButtons, "&Start", () -> poolAction("Starting", operations()::startPool));
        HostEditor.button(poolButtons, "S&top", () -> poolAction("Stopping", operations()::stopPool));
        HostEditor.button(poolButtons, "&Refresh", () -> poolAction("Refreshing", operations()::refreshPool));
        HostEditor.button(poolButtons, "&Delete Pool", () -> {
            if (HostEditor.selectedKey(pools) != null
                    && editor.confirmDelete("the pool " + pools.getSelection()[0].getText(0))) {
                poolAction("Deleting", operations()::deletePool);
            }
        });
        Composite bottom = new Composite(control, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(bottom);
        volumesHeading = new Label(bottom, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(volumesHeading);
        volumes = HostEditor.table(bottom, "Volume:180", "Size:90", "Format:70", "Path:320");
        Composite volumeButtons = new Composite(bottom, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(volumeButtons);
        HostEditor.button(volumeButtons, "&New Volume...", this::openCreateVolumeDialog);
        HostEditor.button(volumeButtons, "Resi&ze...", this::openResizeDialog);
        HostEditor.button(volumeButtons, "Delete &Volume", () -> {
            String path = HostEditor.selectedKey(volumes);
            if (path != null && editor.confirmDelete("the volume " + path + " and its data")) {
                deleteSelectedVolume();
            }
        });
        control.setWeights(50, 50);
        refresh();
    }

    Control control() {
        return control;
    }

    public Table pools() {
        return pools;
    }

    public Table volumes() {
        return volumes;
    }

    void refresh() {
        List<CachedObject> all = editor.monitor().objects(ObjectKind.STORAGE_POOL).all().stream()
                .sorted(Comparator.comparing(CachedObject::name)).toList();
        HostEditor.fill(pools, all, CachedObject::key, p -> {
            XmlObject xml = HostEditor.parse(p.xml());
            return new String[] { p.name(), p.active() ? "active" : "inactive", xml == null ? "" : xml.string("type"),
                    xml == null ? "" : bytes((Long) xml.get("capacity")), xml == null ? "" : bytes((Long) xml.get("available")),
                    xml == null || xml.string("targetPath") == null ? "" : xml.string("targetPath") };
        });
        showLoadedVolumes();
    }

    /** Selects a pool by name and lists its volumes. */
    public void select(String name) {
        for (int i = 0; i < pools.getItemCount(); i++) {
            if (pools.getItem(i).getText(0).equals(name)) {
                pools.setSelection(i);
            }
        }
        showVolumes();
    }

    private void showVolumes() {
        String key = HostEditor.selectedKey(pools);
        if (key == null) {
            return;
        }
        if (editor.monitor().objects(ObjectKind.STORAGE_POOL).loadedVolumes(key) == null) {
            volumesHeading.setText("Loading the volumes...");
            editor.monitor().volumes(key).whenComplete((v, e) -> control.getDisplay().asyncExec(this::showLoadedVolumes));
        }
        showLoadedVolumes();
    }

    private void showLoadedVolumes() {
        if (control.isDisposed()) {
            return;
        }
        String key = HostEditor.selectedKey(pools);
        List<StorageVolume> loaded = key == null ? null : editor.monitor().objects(ObjectKind.STORAGE_POOL).loadedVolumes(key);
        if (loaded == null) {
            volumes.removeAll();
            volumesHeading.setText(key == null ? "Select a pool to see its volumes." : "Loading the volumes...");
            return;
        }
        volumesHeading.setText("Volumes of " + pools.getSelection()[0].getText(0) + ":");
        List<VolumeRow> rows = loaded.stream().sorted(Comparator.comparing(StorageVolume::name)).map(VolumeRow::of).toList();
        HostEditor.fill(volumes, rows, VolumeRow::path, r -> new String[] { r.name(), r.size(), r.format(), r.path() });
    }

    /** A volume as its row shows it, its XML read once. */
    private record VolumeRow(String name, String size, String format, String path) {
        static VolumeRow of(StorageVolume v) {
            XmlObject xml = HostEditor.parse(v.xml());
            if (xml == null) {
                return new VolumeRow(v.name(), "", "", v.key());
            }
            Long capacity = (Long) xml.get("capacity");
            String unit = xml.string("capacityUnit") == null ? "bytes" : xml.string("capacityUnit");
            return new VolumeRow(v.name(), bytes(Units.toKiB(capacity == null ? 0 : capacity, unit) * 1024),
                    xml.string("format") == null ? "" : xml.string("format"),
                    xml.string("targetPath") != null ? xml.string("targetPath") : v.key());
        }
    }

    private static String bytes(Long value) {
        return value == null ? "" : Units.formatKiB(value / 1024);
    }

    private StorageOperations operations() {
        return new StorageOperations(editor.monitor());
    }

    /** A change to the selected pool, given its key. */
    private void poolAction(String verb, Function<String, CompletableFuture<Void>> change) {
        String key = HostEditor.selectedKey(pools);
        if (key != null) {
            editor.run(verb + " pool " + pools.getSelection()[0].getText(0), () -> change.apply(key));
        }
    }

    /** A change to the selected pool's volumes; completes once the volumes, listed again, are shown. */
    private CompletableFuture<Void> volumeAction(String name, Function<String, CompletableFuture<List<StorageVolume>>> change) {
        String pool = HostEditor.selectedKey(pools);
        CompletableFuture<Void> shown = new CompletableFuture<>();
        editor.run(name, () -> change.apply(pool)).whenComplete((volumes, failure) -> control.getDisplay().asyncExec(() -> {
            showLoadedVolumes();
            if (failure != null) {
                shown.completeExceptionally(failure);
            } else {
                shown.complete(null);
            }
        }));
        return shown;
    }

    private void openCreatePoolDialog() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Name", "pool" + (pools.getItemCount() + 1));
        form.put("Type", "dir|fs|logical|netfs");
        form.put("Target path", "/var/lib/libvirt/images/pool" + (pools.getItemCount() + 1));
        form.put("Source host (netfs)", "");
        form.put("Source path or device (fs, logical, netfs)", "");
        FormDialog dialog = new FormDialog(control.getShell(), "New Storage Pool",
                "The pool is defined, built where it needs to be, and started.", form);
        if (dialog.open() == Window.OK) {
            Map<String, String> v = dialog.values();
            createPool(v.get("Name"), v.get("Type"), v.get("Target path"), v.get("Source host (netfs)"),
                    v.get("Source path or device (fs, logical, netfs)"));
        }
    }

    /** Defines, builds (where the type needs it) and starts a pool. */
    public CompletableFuture<String> createPool(String name, String type, String target, String sourceHost, String source) {
        return editor.run("Creating pool " + name, () -> operations().createPool(name, type, target, sourceHost, source));
    }

    private void openCreateVolumeDialog() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Name", "volume" + (volumes.getItemCount() + 1) + ".qcow2");
        form.put("Capacity (GiB)", "10");
        form.put("Format", "qcow2|raw");
        FormDialog dialog = new FormDialog(control.getShell(), "New Storage Volume",
                "The volume is created in the selected pool.", form);
        if (dialog.open() == Window.OK) {
            Map<String, String> v = dialog.values();
            Long gib = wholeNumber(v.get("Capacity (GiB)"));
            if (gib != null) {
                createVolume(v.get("Name"), gib, v.get("Format"));
            }
        }
    }

    /** Creates a volume in the selected pool. */
    public CompletableFuture<Void> createVolume(String name, long gib, String format) {
        String pool = HostEditor.selectedKey(pools);
        if (pool == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no pool selected"));
        }
        return volumeAction("Creating volume " + name, p -> operations().createVolume(p, name, gib, format));
    }

    /** Deletes the selected volume. */
    public CompletableFuture<Void> deleteSelectedVolume() {
        String path = HostEditor.selectedKey(volumes);
        return path == null ? CompletableFuture.completedFuture(null)
                : volumeAction("Deleting volume " + path, p -> operations().deleteVolume(p, path));
    }

    private void openResizeDialog() {
        String path = HostEditor.selectedKey(volumes);
        if (path == null) {
            return;
        }
        FormDialog dialog = new FormDialog(control.getShell(), "Resize Volume", path, Map.of("New capacity (GiB)", "20"));
        Long gib = dialog.open() == Window.OK ? wholeNumber(dialog.values().get("New capacity (GiB)")) : null;
        if (gib != null) {
            volumeAction("Resizing volume " + path, p -> operations().resizeVolume(p, path, gib << 30));
        }
    }

    /** The number typed, or {@code null} after telling the user it is not one. */
    private Long wholeNumber(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            MessageDialog.openError(control.getShell(), "Not a Size", "'" + text + "' is not a whole number of GiB.");
            return null;
        }
    }
}
