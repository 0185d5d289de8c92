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
import org.eclipse.osgi.util.NLS;
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
import dev.vireo.ui.Messages;
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
        pools = HostEditor.table(top, Messages.POOL_150, Messages.STATE_80, Messages.TYPE_70, Messages.SIZE,
                Messages.FREE, Messages.LOCATION);
        pools.addListener(SWT.Selection, e -> showVolumes());
        Composite poolButtons = new Composite(top, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).applyTo(poolButtons);
        HostEditor.button(poolButtons, Messages.ADD_POOL, this::openCreatePoolDialog);
        HostEditor.button(poolButtons, Messages.START, () -> poolAction(Messages.POOL_STARTING,
                operations()::startPool));
        HostEditor.button(poolButtons, Messages.S_TOP, () -> poolAction(Messages.POOL_STOPPING,
                operations()::stopPool));
        HostEditor.button(poolButtons, Messages.REFRESH, () -> poolAction(Messages.POOL_REFRESHING,
                operations()::refreshPool));
        HostEditor.button(poolButtons, Messages.DELETE_POOL, () -> {
            if (HostEditor.selectedKey(pools) != null
                    && editor.confirmDelete(NLS.bind(Messages.THE_POOL, pools.getSelection()[0].getText(0)))) {
                poolAction(Messages.POOL_DELETING, operations()::deletePool);
            }
        });
        Composite bottom = new Composite(control, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(bottom);
        volumesHeading = new Label(bottom, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(volumesHeading);
        volumes = HostEditor.table(bottom, Messages.VOLUME, Messages.SIZE, Messages.FORMAT_70, Messages.PATH_320);
        Composite volumeButtons = new Composite(bottom, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(volumeButtons);
        HostEditor.button(volumeButtons, Messages.NEW_VOLUME, this::openCreateVolumeDialog);
        HostEditor.button(volumeButtons, Messages.RESI_ZE, this::openResizeDialog);
        HostEditor.button(volumeButtons, Messages.DELETE_VOLUME, () -> {
            String path = HostEditor.selectedKey(volumes);
            if (path != null && editor.confirmDelete(NLS.bind(Messages.THE_VOLUME_AND_ITS_DATA, path))) {
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
                    xml == null ? "" : bytes((Long) xml.get("capacity")), xml == null ? ""
                            : bytes((Long) xml.get("available")),
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
            volumesHeading.setText(Messages.LOADING_THE_VOLUMES);
            editor.monitor().volumes(key).whenComplete((v,
                    e) -> control.getDisplay().asyncExec(this::showLoadedVolumes));
        }
        showLoadedVolumes();
    }

    private void showLoadedVolumes() {
        if (control.isDisposed()) {
            return;
        }
        String key = HostEditor.selectedKey(pools);
        List<StorageVolume> loaded = key == null ? null
                : editor.monitor().objects(ObjectKind.STORAGE_POOL).loadedVolumes(key);
        if (loaded == null) {
            volumes.removeAll();
            volumesHeading.setText(key == null ? Messages.SELECT_A_POOL_TO_SEE_ITS : Messages.LOADING_THE_VOLUMES);
            return;
        }
        volumesHeading.setText(NLS.bind(Messages.VOLUMES_OF, pools.getSelection()[0].getText(0)));
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
    private void poolAction(String pattern, Function<String, CompletableFuture<Void>> change) {
        String key = HostEditor.selectedKey(pools);
        if (key != null) {
            editor.run(NLS.bind(pattern, pools.getSelection()[0].getText(0)), () -> change.apply(key));
        }
    }

    /** A change to the selected pool's volumes; completes once the volumes, listed again, are shown. */
    private CompletableFuture<Void> volumeAction(String name,
            Function<String, CompletableFuture<List<StorageVolume>>> change) {
        String pool = HostEditor.selectedKey(pools);
        CompletableFuture<Void> shown = new CompletableFuture<>();
        editor.run(name, () -> change.apply(pool)).whenComplete((volumes,
                failure) -> control.getDisplay().asyncExec(() -> {
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
        form.put(Messages.NAME_2, "pool" + (pools.getItemCount() + 1));
        form.put(Messages.TYPE, "dir|fs|logical|netfs");
        form.put(Messages.TARGET_PATH, "/var/lib/libvirt/images/pool" + (pools.getItemCount() + 1));
        form.put(Messages.SOURCE_HOST_NETFS, "");
        form.put(Messages.SOURCE_PATH_OR_DEVICE_FS_LOGICAL, "");
        FormDialog dialog = new FormDialog(control.getShell(), Messages.NEW_STORAGE_POOL,
                Messages.THE_POOL_IS_DEFINED_BUILT_WHERE, form);
        if (dialog.open() == Window.OK) {
            Map<String, String> v = dialog.values();
            createPool(v.get(Messages.NAME_2), v.get(Messages.TYPE), v.get(Messages.TARGET_PATH),
                    v.get(Messages.SOURCE_HOST_NETFS),
                    v.get(Messages.SOURCE_PATH_OR_DEVICE_FS_LOGICAL));
        }
    }

    /** Defines, builds (where the type needs it) and starts a pool. */
    public CompletableFuture<String> createPool(String name, String type, String target, String sourceHost,
            String source) {
        return editor.run(NLS.bind(Messages.CREATING_POOL, name), () -> operations().createPool(name, type, target,
                sourceHost, source));
    }

    private void openCreateVolumeDialog() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(Messages.NAME_2, "volume" + (volumes.getItemCount() + 1) + ".qcow2");
        form.put(Messages.CAPACITY_GIB, "10");
        form.put(Messages.FORMAT, "qcow2|raw");
        FormDialog dialog = new FormDialog(control.getShell(), Messages.NEW_STORAGE_VOLUME,
                Messages.THE_VOLUME_IS_CREATED_IN_THE, form);
        if (dialog.open() == Window.OK) {
            Map<String, String> v = dialog.values();
            Long gib = wholeNumber(v.get(Messages.CAPACITY_GIB));
            if (gib != null) {
                createVolume(v.get(Messages.NAME_2), gib, v.get(Messages.FORMAT));
            }
        }
    }

    /** Creates a volume in the selected pool. */
    public CompletableFuture<Void> createVolume(String name, long gib, String format) {
        String pool = HostEditor.selectedKey(pools);
        if (pool == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(Messages.NO_POOL_SELECTED));
        }
        return volumeAction(NLS.bind(Messages.CREATING_VOLUME, name), p -> operations().createVolume(p, name, gib,
                format));
    }

    /** Deletes the selected volume. */
    public CompletableFuture<Void> deleteSelectedVolume() {
        String path = HostEditor.selectedKey(volumes);
        return path == null ? CompletableFuture.completedFuture(null)
                : volumeAction(NLS.bind(Messages.DELETING_VOLUME, path), p -> operations().deleteVolume(p, path));
    }

    private void openResizeDialog() {
        String path = HostEditor.selectedKey(volumes);
        if (path == null) {
            return;
        }
        FormDialog dialog = new FormDialog(control.getShell(), Messages.RESIZE_VOLUME, path,
                Map.of(Messages.NEW_CAPACITY_GIB, "20"));
        Long gib = dialog.open() == Window.OK ? wholeNumber(dialog.values().get(Messages.NEW_CAPACITY_GIB)) : null;
        if (gib != null) {
            volumeAction(NLS.bind(Messages.RESIZING_VOLUME, path), p -> operations().resizeVolume(p, path, gib << 30));
        }
    }

    /** The number typed, or {@code null} after telling the user it is not one. */
    private Long wholeNumber(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            MessageDialog.openError(control.getShell(), Messages.NOT_A_SIZE, NLS.bind(Messages.IS_NOT_A_WHOLE_NUMBER_OF,
                    text));
            return null;
        }
    }
}
