package dev.vireo.ui.dialogs;

import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.operations.HostDevices.HostDevice;
import dev.vireo.operations.HostDevices;
import dev.vireo.ui.Messages;

/**
 * Picks a USB or PCI device of the host to give a VM, as virt-manager's Add Hardware "USB/PCI Host
 * Device" page: every device from the node-device cache, with the VMs already given it.
 */
public class HostDeviceDialog extends TitleAreaDialog {
    private final List<HostDevice> devices;
    private final String type;
    private Table table;
    private HostDevice chosen;

    /** {@code type}: {@code usb} or {@code pci}. */
    public HostDeviceDialog(Shell shell, ConnectionMonitor monitor, String type) {
        super(shell);
        this.type = type;
        devices = HostDevices.of(monitor, type);
    }

    public HostDevice chosen() {
        return chosen;
    }

    public Table table() {
        return table;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        String title = NLS.bind(Messages.ADD_HOST_DEVICE, type.toUpperCase());
        getShell().setText(title);
        setTitle(title);
        setMessage(devices.isEmpty() ? NLS.bind(Messages.THE_HOST_HAS_NO_DEVICES_TO, type.toUpperCase())
                : Messages.THE_VIRTUAL_MACHINE_GETS_THE_DEVICE);
        Composite area = (Composite) super.createDialogArea(parent);
        table = new Table(area, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 240).applyTo(table);
        for (String column : List.of(Messages.DEVICE, Messages.ADDRESS, Messages.NAME_ON_THE_HOST,
                Messages.ALSO_GIVEN_TO)) {
            new TableColumn(table, SWT.NONE).setText(column);
        }
        for (HostDevice d : devices) {
            new TableItem(table, SWT.NONE).setText(new String[] { d.description(), d.address(), d.name(),
                    String.join(", ", d.usedBy()) });
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        table.addListener(SWT.Selection, e -> selected());
        table.addListener(SWT.DefaultSelection, e -> okPressed());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText(Messages.ADD);
        getButton(IDialogConstants.OK_ID).setEnabled(false);
    }

    private void selected() {
        int i = table.getSelectionIndex();
        HostDevice d = i < 0 ? null : devices.get(i);
        getButton(IDialogConstants.OK_ID).setEnabled(d != null);
        if (d != null && !d.usedBy().isEmpty()) {
            setErrorMessage(null);
            setMessage(NLS.bind(Messages.ALREADY_GIVEN_TO_ONLY_ONE_RUNNING, String.join(", ", d.usedBy())),
                    IMessageProvider.WARNING);
        }
    }

    @Override
    protected void okPressed() {
        int i = table.getSelectionIndex();
        if (i >= 0) {
            chosen = devices.get(i);
            super.okPressed();
        }
    }
}
