package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import dev.vireo.driver.DeviceTemplate;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.model.DomainQueries;
import dev.vireo.model.XmlObject;
import dev.vireo.ui.Services;
import dev.vireo.ui.editors.FieldsPanel.Field;

/**
 * The virtual hardware, as virt-manager's details list: CPUs, memory, boot options and each
 * device, with a details panel generated from the model for the selected one. Add Hardware and
 * Remove change the working copy; Apply redefines the domain.
 */
public class HardwarePage implements DomainEditorPage {
    /** A row of the list: its label, the fields its panel edits, and the device it removes (if any). */
    record Item(String label, List<Field> fields, XmlObject device) {
    }

    private DomainEditor editor;
    private SashForm control;
    private Table list;
    private ScrolledComposite scroller;
    private Button remove;
    private Composite details;
    private Label diskWarning;
    private List<Item> items = List.of();

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
        add.setText("A&dd Hardware...");
        add.addListener(SWT.Selection, e -> addMenu(add).setVisible(true));
        remove = new Button(left, SWT.PUSH);
        remove.setText("&Remove");
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

    /** The warning under a disk's source when another domain uses it; {@code null} if none shown. */
    public String diskWarning() {
        return diskWarning == null || diskWarning.isDisposed() || diskWarning.getText().isEmpty() ? null
                : diskWarning.getText();
    }

    @Override
    public void show(XmlObject domain) {
        String selected = list.getSelectionIndex() >= 0 ? list.getItem(list.getSelectionIndex()).getText() : null;
        items = domain == null ? List.of() : items(domain);
        list.removeAll();
        for (Item item : items) {
            new TableItem(list, SWT.NONE).setText(item.label());
        }
        select(selected);
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

    private static List<Item> items(XmlObject domain) {
        List<Item> result = new ArrayList<>();
        List<Field> cpus = fields(domain, "vcpu", "vcpuCurrent", "vcpuPlacement");
        cpus.addAll(fields(domain.object("cpu")));
        result.add(new Item("CPUs", cpus, null));
        result.add(new Item("Memory", fields(domain, "memory", "memoryUnit", "currentMemory", "currentMemoryUnit"), null));
        if (domain.object("os") != null) {
            result.add(new Item("Boot Options", fields(domain.object("os")), null));
        }
        for (EStructuralFeature feature : domain.eClass().getEAllStructuralFeatures()) {
            if (feature instanceof EReference ref && isDevice(ref)) {
                Object value = domain.eGet(ref);
                List<?> devices = ref.isMany() ? (List<?>) value : value == null ? List.of() : List.of(value);
                for (Object device : devices) {
                    XmlObject d = (XmlObject) device;
                    result.add(new Item(deviceLabel(ref.getName(), d), fields(d), d));
                }
            }
        }
        return result;
    }

    private static boolean isDevice(EReference ref) {
        return ref.getEAnnotation("https://vireo.dev/xml").getDetails().get("path").startsWith("devices/");
    }

    /** The fields of an object ({@code null}: none): all of its attributes, or only the named ones. */
    private static List<Field> fields(XmlObject owner, String... names) {
        List<Field> list = new ArrayList<>();
        if (owner != null) {
            for (EAttribute a : owner.eClass().getEAllAttributes()) {
                if (names.length == 0 || List.of(names).contains(a.getName())) {
                    list.add(new Field(owner, a));
                }
            }
        }
        return list;
    }

    /** Names a device as virt-manager's list does, e.g. "Disk vda", "NIC 52:54:00:8a:2c:11", "Controller usb 0". */
    static String deviceLabel(String feature, XmlObject d) {
        return switch (feature) {
            case "disks" -> switch (String.valueOf(d.string("device"))) {
                case "cdrom" -> "CD-ROM";
                case "floppy" -> "Floppy";
                case "lun" -> "LUN";
                default -> "Disk";
            } + " " + d.string("targetDev");
            case "interfaces" -> "NIC " + d.string("mac");
            case "graphics" -> "Display " + String.valueOf(d.string("type")).toUpperCase();
            case "controllers" -> "Controller " + d.string("type") + " " + d.get("index");
            case "channels" -> "Channel " + (d.string("targetName") != null ? d.string("targetName") : d.string("type"));
            case "inputs" -> FieldsPanel.label(String.valueOf(d.string("type"))) + " " + d.string("bus");
            default -> FieldsPanel.label(d.eClass().getName()) + " " + firstOf(d, "model", "type", "targetPort");
        };
    }

    private static String firstOf(XmlObject d, String... names) {
        for (String name : names) {
            if (d.eClass().getEStructuralFeature(name) != null && d.get(name) != null) {
                return String.valueOf(d.get(name));
            }
        }
        return "";
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
        details = new Composite(scroller, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(details);
        Item item = selected();
        remove.setEnabled(item != null && item.device() != null);
        if (item != null) {
            Label heading = new Label(details, SWT.NONE);
            heading.setText(item.label());
            heading.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
            GridDataFactory.fillDefaults().span(2, 1).applyTo(heading);
            FieldsPanel.create(details, item.fields(), new FieldsPanel.Listener() {
                @Override
                public void changed(Field field) {
                    editor.edited();
                    checkDiskPath(field.owner());
                }

                @Override
                public void invalid(Field field, String problem) {
                    editor.setInvalid(field, problem);
                }
            });
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
                : "Warning: " + path + " is also used by " + others
                        + ". Two virtual machines writing one disk corrupt it; mark it shareable if it is meant to be shared.");
        details.layout(true, true);
    }

    private Menu addMenu(Control owner) {
        Menu menu = new Menu(owner);
        for (DeviceTemplate template : templates()) {
            MenuItem item = new MenuItem(menu, SWT.PUSH);
            item.setText(template.label());
            item.addListener(SWT.Selection, e -> add(template.label()));
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
        if ("disks".equals(template.list())) {
            device.set("targetDev", freeDiskName(domain));
        }
        editor.edited();
        show(domain);
        select(deviceLabel(template.list(), device));
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

    /** The text field of a field of the selected row, by the field's name. */
    public Text field(String name) {
        for (Control c : details.getChildren()) {
            if (c instanceof Text t && t.getData() instanceof Field f && f.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
