package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import dev.vireo.model.XmlObject;
import dev.vireo.ui.Messages;

/**
 * The boot order, as virt-manager's Boot Options: the bootable devices (disks, NICs, host
 * devices), ticked to boot from, in the order dragged or moved with Up and Down. It is written as
 * each device's {@code <boot order>}, which libvirt does not allow beside {@code <os><boot dev>}:
 * that list is replaced.
 */
final class BootOrderPanel {
    private record Bootable(XmlObject device, String label) {
    }

    private final XmlObject domain;
    private final Runnable changed;
    private final List<Bootable> devices = new ArrayList<>();
    private final Table table;

    /** Adds the panel to {@code parent}, a two-column grid; {@code changed} runs after each edit. */
    BootOrderPanel(Composite parent, XmlObject domain, Runnable changed) {
        this.domain = domain;
        this.changed = changed;
        for (String feature : List.of("disks", "interfaces", "hostdevs")) {
            for (XmlObject d : domain.<XmlObject>list(feature)) {
                devices.add(new Bootable(d, DeviceForms.rowLabel(feature, d)));
            }
        }
        List<String> legacy = domain.object("os") == null ? List.of() : domain.object("os").list("bootDevices");
        devices.sort(Comparator.comparingInt(b -> order(b, legacy)));
        new Label(parent, SWT.NONE).setText(Messages.BOOT_ORDER);
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(box);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(box);
        table = new Table(box, SWT.BORDER | SWT.CHECK | SWT.SINGLE | SWT.FULL_SELECTION);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 120).span(1, 2).applyTo(table);
        for (Bootable b : devices) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(b.label());
            item.setChecked(order(b, legacy) < Integer.MAX_VALUE);
        }
        table.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK) {
                write();
            }
        });
        button(box, Messages.UP, -1);
        button(box, Messages.DO_WN, 1);
        dragToReorder();
    }

    Table table() {
        return table;
    }

    /** Moves the selected device up ({@code -1}) or down ({@code 1}). */
    void moveSelected(int by) {
        int from = table.getSelectionIndex();
        if (from >= 0 && from + by >= 0 && from + by < devices.size()) {
            move(from, from + by);
        }
    }

    private void button(Composite box, String text, int by) {
        Button b = new Button(box, SWT.PUSH);
        b.setText(text);
        GridDataFactory.fillDefaults().applyTo(b);
        b.addListener(SWT.Selection, e -> moveSelected(by));
    }

    private void move(int from, int to) {
        List<Boolean> ticks = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            ticks.add(item.getChecked());
        }
        devices.add(to, devices.remove(from));
        ticks.add(to, ticks.remove(from));
        for (int i = 0; i < devices.size(); i++) {
            table.getItem(i).setText(devices.get(i).label());
            table.getItem(i).setChecked(ticks.get(i));
        }
        table.setSelection(to);
        write();
    }

    private void write() {
        int order = 1;
        for (int i = 0; i < devices.size(); i++) {
            devices.get(i).device().set("bootOrder", table.getItem(i).getChecked() ? order++ : null);
        }
        if (domain.object("os") != null) {
            domain.object("os").set("bootDevices", List.of());
        }
        changed.run();
    }

    /** Where a device comes: its boot order; else its place in the {@code <os><boot dev>} list; else last. */
    private static int order(Bootable b, List<String> legacy) {
        Integer order = (Integer) b.device().get("bootOrder");
        if (order != null) {
            return order;
        }
        String kind = b.device().eClass().getName().equals("Interface") ? "network"
                : !b.device().eClass().getName().equals("Disk") ? ""
                        : switch (String.valueOf(b.device().string("device"))) {
                    case "cdrom" -> "cdrom";
                    case "floppy" -> "fd";
                    default -> "hd";
                };
        int i = legacy.indexOf(kind);
        return i < 0 ? Integer.MAX_VALUE : 1000 + i; // after any explicit order
    }

    private void dragToReorder() {
        int[] dragged = { -1 };
        DragSource source = new DragSource(table, DND.DROP_MOVE);
        source.setTransfer(new Transfer[] { TextTransfer.getInstance() });
        source.addDragListener(new DragSourceAdapter() {
            @Override
            public void dragStart(DragSourceEvent e) {
                dragged[0] = table.getSelectionIndex();
                e.doit = dragged[0] >= 0;
            }

            @Override
            public void dragSetData(DragSourceEvent e) {
                e.data = String.valueOf(dragged[0]);
            }
        });
        DropTarget target = new DropTarget(table, DND.DROP_MOVE);
        target.setTransfer(new Transfer[] { TextTransfer.getInstance() });
        target.addDropListener(new DropTargetAdapter() {
            @Override
            public void drop(DropTargetEvent e) {
                int to = e.item instanceof TableItem item ? table.indexOf(item) : devices.size() - 1;
                if (dragged[0] >= 0 && to >= 0 && to != dragged[0]) {
                    move(dragged[0], to);
                }
            }
        });
    }
}
