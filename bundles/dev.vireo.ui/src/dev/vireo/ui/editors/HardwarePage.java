package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import dev.vireo.api.ObjectKind;
import dev.vireo.driver.DeviceTemplate;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.model.CapabilityChoices;
import dev.vireo.model.DomainQueries;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CachedObject;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.operations.HostDevices;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.dialogs.HostDeviceDialog;
import dev.vireo.ui.editors.FieldsPanel.Field;

/**
 * The virtual hardware, as virt-manager's details list: CPUs, memory, boot options and each
 * device, with a details panel generated from the model for the selected one. Add Hardware and
 * Remove change the working copy; Apply redefines the domain.
 */
public class HardwarePage implements DomainEditorPage {
    /** A row of the list: its label, the fields its panel edits, and the device it removes (if any). */
    record Item(String label, List<Field> fields, XmlObject device, String feature) {
    }

    private DomainEditor editor;
    private SashForm control;
    private Table list;
    private ScrolledComposite scroller;
    private Button remove;
    private Composite details;
    private Label diskWarning;
    private Label heading;
    private BootOrderPanel bootOrder;
    private final List<Item> items = new ArrayList<>();
    /** What the host offers for this VM's kind of machine; nothing until asked once, or if it cannot say. */
    private CapabilityChoices caps = CapabilityChoices.NONE;
    private CompletableFuture<Void> hostAnswered;

    @Override
    public Control createControl(DomainEditor editor, Composite parent) {
        this.editor = editor;
        control = new SashForm(parent, SWT.HORIZONTAL);
        Composite left = new Composite(control, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(left);
        list = new Table(left, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(list);
        list.addListener(SWT.Selection, e -> showDetails());
        Button add = new Button(left, SWT.PUSH);
        add.setText(Messages.A_DD_HARDWARE);
        add.addListener(SWT.Selection, e -> addMenu(add).setVisible(true));
        remove = new Button(left, SWT.PUSH);
        remove.setText(Messages.REMOVE);
        remove.addListener(SWT.Selection, e -> removeSelected());
        scroller = new ScrolledComposite(control, SWT.V_SCROLL | SWT.H_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        control.setWeights(30, 70);
        return control;
    }


    public Table list() {
        return list;
    }

    /** The details panel of the selected row; its text fields carry their {@link Field} as data. */
    public Composite details() {
        return details;
    }

    /** The boot order's list, while Boot Options is shown. */
    public Table bootOrder() {
        return bootOrder == null ? null : bootOrder.table();
    }

    /** Moves the device selected in the boot order up ({@code -1}) or down ({@code 1}), as its buttons do. */
    public void moveInBootOrder(int by) {
        bootOrder.moveSelected(by);
    }

    /** The warning under a disk's source when another domain uses it; {@code null} if none shown. */
    public String diskWarning() {
        return diskWarning == null || diskWarning.isDisposed() || diskWarning.getText().isEmpty() ? null
                : diskWarning.getText();
    }

    @Override
    public void show(XmlObject domain) {
        if (domain != null && hostAnswered == null) {
            askHost(domain);
        }
        String selected = list.getSelectionIndex() >= 0 ? list.getItem(list.getSelectionIndex()).getText() : null;
        items.clear();
        if (domain != null) {
            items.addAll(items(domain));
        }
        list.removeAll();
        for (Item item : items) {
            new TableItem(list, SWT.NONE).setText(item.label());
        }
        select(selected);
    }

    /**
     * Asks once what the host offers: the domain capabilities (kept by the monitor per emulator,
     * arch, machine and type; a host without them keeps the schema's choices) and the volumes of
     * its running pools, for disk sources (each pool listed once, then kept by the cache).
     */
    private void askHost(XmlObject domain) {
        XmlObject os = domain.object("os");
        CompletableFuture<CapabilityChoices> offered = os == null
                ? CompletableFuture.completedFuture(CapabilityChoices.NONE)
                : editor.monitor().domainCapabilities(os.string("arch"), os.string("machine"), domain.string("type"))
                        .thenApply(xml -> {
                            try {
                                return CapabilityChoices.of(xml);
                            } catch (ModelException e) {
                                return CapabilityChoices.NONE;
                            }
                        }).exceptionally(e -> CapabilityChoices.NONE);
        CompletableFuture<?>[] volumes = editor.monitor().objects(ObjectKind.STORAGE_POOL).all().stream()
                .filter(CachedObject::active).map(pool -> editor.monitor().volumes(pool.key()).exceptionally(e -> List.of()))
                .toArray(CompletableFuture[]::new);
        CompletableFuture<Void> answered = new CompletableFuture<>();
        hostAnswered = answered;
        offered.thenCombine(CompletableFuture.allOf(volumes), (c,
                v) -> c).thenAccept(c -> control.getDisplay().asyncExec(() -> {
            if (!control.isDisposed() && editor.draft() != null) {
                caps = c;
                show(editor.draft());
            }
            answered.complete(null);
        }));
    }

    /** Completes once the host's answers (capabilities, volumes) are in the forms. */
    public CompletableFuture<Void> hostAnswered() {
        return hostAnswered;
    }

    /** Selects the row with this label (or the first) and shows its details. */
    public void select(String label) {
        int index = 0;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).label().equals(label)) {
                index = i;
            }
        }
        if (!items.isEmpty()) {
            list.setSelection(index);
        }
        showDetails();
    }

    private List<Item> items(XmlObject domain) {
        DeviceForms.Context context = new DeviceForms.Context(caps, editor.monitor());
        List<Item> result = new ArrayList<>();
        for (String row : List.of(Messages.CPUS, Messages.MEMORY, Messages.BOOT_OPTIONS)) {
            result.add(new Item(row, DeviceForms.fields(row, domain, context), null, null));
        }
        for (EStructuralFeature feature : domain.eClass().getEAllStructuralFeatures()) {
            if (feature instanceof EReference ref && isDevice(ref)) {
                Object value = domain.eGet(ref);
                List<?> devices = ref.isMany() ? (List<?>) value : value == null ? List.of() : List.of(value);
                for (Object device : devices) {
                    XmlObject d = (XmlObject) device;
                    result.add(new Item(DeviceForms.rowLabel(ref.getName(), d),
                            DeviceForms.fields(d.eClass().getName(), d, context), d, ref.getName()));
                }
            }
        }
        return result;
    }

    private static boolean isDevice(EReference ref) {
        return ref.getEAnnotation("https://vireo.dev/xml").getDetails().get("path").startsWith("devices/");
    }

    private Item selected() {
        int i = list.getSelectionIndex();
        return i >= 0 && i < items.size() ? items.get(i) : null;
    }

    private void showDetails() {
        if (details != null) {
            details.dispose();
        }
        diskWarning = null;
        bootOrder = null;
        details = new Composite(scroller, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(details);
        Item item = selected();
        remove.setEnabled(item != null && item.device() != null);
        if (item != null) {
            heading = new Label(details, SWT.NONE);
            heading.setText(item.label());
            heading.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
            GridDataFactory.fillDefaults().span(2, 1).applyTo(heading);
            FieldsPanel.create(details, item.fields(), new FieldsPanel.Listener() {
                @Override
                public void changed(Field field) {
                    editor.edited();
                    checkDiskPath(field.row());
                    relabel(item);
                }

                @Override
                public String check(Field field, Object value) {
                    String mac = field.kind() == FieldsPanel.Kind.MAC && value != null ? value.toString() : null;
                    DomainRecord user = mac == null ? null : editor.monitor().domains().usingMac(mac)
                            .filter(d -> !d.uuid().equals(editor.input().uuid())).orElse(null);
                    return user == null ? null : NLS.bind(Messages.MAC_ADDRESS_IS_USED_BY, mac, user.name());
                }

                @Override
                public void invalid(Field field, String problem) {
                    editor.setInvalid(field, problem);
                }
            });
            if (item.label().equals(Messages.BOOT_OPTIONS)) {
                bootOrder = new BootOrderPanel(details, editor.draft(), editor::edited);
            }
            if (item.device() != null && "Disk".equals(item.device().eClass().getName())) {
                diskWarning = new Label(details, SWT.WRAP);
                diskWarning.setForeground(details.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
                GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(diskWarning);
                checkDiskPath(item.device());
            }
        }
        scroller.setContent(details);
        scroller.setMinSize(details.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    /** A device's row follows what names it (a disk's target, a NIC's MAC) as it is edited. */
    private void relabel(Item item) {
        for (int i = 0; i < items.size() && item.device() != null; i++) {
            if (items.get(i).device() == item.device()) {
                Item renamed = new Item(DeviceForms.rowLabel(item.feature(), item.device()), item.fields(),
                        item.device(),
                        item.feature());
                items.set(i, renamed);
                list.getItem(i).setText(renamed.label());
                heading.setText(renamed.label());
            }
        }
    }

    /**
     * Warns, from the cache alone, when a disk's source is used by another domain: two guests
     * writing one disk corrupt it unless it is shareable.
     */
    private void checkDiskPath(XmlObject device) {
        if (diskWarning == null || diskWarning.isDisposed() || !"Disk".equals(device.eClass().getName())) {
            return;
        }
        String path = DomainQueries.diskSource(device);
        String others = path == null ? ""
                : String.join(", ", editor.monitor().domains().namesUsingDisk(path, editor.input().uuid()));
        diskWarning.setText(others.isEmpty() || Boolean.TRUE.equals(device.get("shareable")) ? ""
                : NLS.bind(Messages.WARNING_IS_ALSO_USED_BY_TWO, path, others));
        details.layout(true, true);
    }

    private Menu addMenu(Control owner) {
        Menu menu = new Menu(owner);
        for (DeviceTemplate template : templates()) {
            MenuItem item = new MenuItem(menu, SWT.PUSH);
            item.setText(template.label());
            item.addListener(SWT.Selection, e -> add(template.label()));
        }
        if (!templates().isEmpty()) {
            new MenuItem(menu, SWT.SEPARATOR);
            for (String type : List.of("usb", "pci")) {
                MenuItem item = new MenuItem(menu, SWT.PUSH);
                item.setText(NLS.bind(Messages.HOST_DEVICE_6, type.toUpperCase()));
                item.addListener(SWT.Selection, e -> {
                    HostDeviceDialog dialog = new HostDeviceDialog(control.getShell(), editor.monitor(), type);
                    if (dialog.open() == HostDeviceDialog.OK) {
                        addHostDevice(dialog.chosen());
                    }
                });
            }
        }
        return menu;
    }

    /** What Add Hardware offers: the devices the connection's driver plugin declares, with its defaults. */
    public List<DeviceTemplate> templates() {
        return Services.drivers().forUri(editor.input().connection().uri()).map(HypervisorDriver::devices).orElse(List.of());
    }

    /** Adds a new device of a kind Add Hardware offers (its label), with the driver's starting values, and selects it. */
    public void add(String label) {
        XmlObject domain = editor.draft();
        DeviceTemplate template = templates().stream().filter(t -> t.label().equals(label)).findFirst().orElse(null);
        if (domain == null || template == null) {
            return;
        }
        XmlObject device = domain.add(template.list());
        template.values().forEach(device::setText);
        template.domainValues().forEach(domain::setText);
        if ("disks".equals(template.list())) {
            device.set("targetDev", freeDiskName(domain));
        }
        added(template.list(), device);
    }

    /** Gives the VM a device of the host, as the host-device picker chose it. */
    public void addHostDevice(HostDevices.HostDevice chosen) {
        XmlObject domain = editor.draft();
        if (domain != null) {
            XmlObject device = domain.add("hostdevs");
            chosen.hostdev().forEach(device::setText);
            added("hostdevs", device);
        }
    }

    private void added(String list, XmlObject device) {
        editor.edited();
        show(editor.draft());
        select(DeviceForms.rowLabel(list, device));
    }

    private static String freeDiskName(XmlObject domain) {
        List<String> used = domain.<XmlObject>list("disks").stream().map(d -> d.string("targetDev")).toList();
        for (char c = 'a'; c <= 'z'; c++) {
            if (!used.contains("vd" + c)) {
                return "vd" + c;
            }
        }
        return "vdz";
    }

    private void removeSelected() {
        Item item = selected();
        if (item != null && item.device() != null) {
            item.device().remove();
            editor.edited();
            show(editor.draft());
        }
    }

    /** The control editing a field of the selected row, by the field's name; {@code null} if it has none. */
    public Control field(String name) {
        for (Control c : details.getChildren()) {
            if (c.getData() instanceof Field f && f.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** What a field of the selected row shows. */
    public String fieldText(String name) {
        Control c = field(name);
        return c instanceof Text t ? t.getText() : c instanceof Combo combo ? combo.getText()
                : String.valueOf(((Button) c).getSelection());
    }

    /** Types (or ticks, for a flag) a value into a field of the selected row, as a user does. */
    public void setField(String name, String value) {
        Control c = field(name);
        if (c instanceof Text t) {
            t.setText(value);
        } else if (c instanceof Combo combo) {
            combo.setText(value);
        } else {
            ((Button) c).setSelection(Boolean.parseBoolean(value));
            c.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        }
    }
}
