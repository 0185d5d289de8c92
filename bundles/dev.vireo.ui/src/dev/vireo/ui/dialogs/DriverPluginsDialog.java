package dev.vireo.ui.dialogs;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

import dev.vireo.driver.Capabilities;
import dev.vireo.driver.DriverRegistry;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.ui.Services;

/**
 * Help > Driver Plugins: the hypervisor drivers installed, each with its plugin's version and
 * provider, what it declares it can do, and whether it is in use, was disabled this session (its
 * code hung) or was rejected (a declaration Vireo could not read). Reads the driver registry only.
 */
public class DriverPluginsDialog extends TitleAreaDialog {
    private Table table;
    private Label details;

    public DriverPluginsDialog(Shell shell) {
        super(shell);
    }

    public Table table() {
        return table;
    }

    /** The selected driver's capabilities, in full. */
    public Label details() {
        return details;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        getShell().setText("Driver Plugins");
        setTitle("Driver plugins");
        setMessage("Each kind of host Vireo manages comes from a driver plugin; third parties install their own.");
        Composite area = (Composite) super.createDialogArea(parent);
        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(980, 160).indent(8, 8).applyTo(table);
        for (String column : List.of("Driver", "URI schemes", "Plugin", "Version", "Provider", "Status", "Capabilities")) {
            new TableColumn(table, SWT.NONE).setText(column);
        }
        DriverRegistry registry = Services.drivers();
        for (HypervisorDriver d : registry.drivers()) {
            Bundle plugin = Platform.getBundle(d.contributor());
            String disabled = registry.disabledReason(d.id());
            row(d.name(), String.join(", ", d.schemes()), d.contributor(),
                    plugin == null ? "" : plugin.getVersion().toString(),
                    plugin == null ? "" : String.valueOf(plugin.getHeaders().get(Constants.BUNDLE_VENDOR)),
                    disabled == null ? "in use" : "disabled: " + disabled, capabilities(d.capabilities()));
        }
        for (String rejected : registry.rejected()) {
            row("", "", "", "", "", "rejected: " + rejected, "");
        }
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
        // the selected driver's capabilities in full: the column is cut where the dialog ends
        details = new Label(area, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(980, SWT.DEFAULT).indent(8, 4).applyTo(details);
        table.addListener(SWT.Selection, e -> {
            TableItem[] selected = table.getSelection(); // not the event's item: GTK names the focused row
            details.setText(selected.length == 0 ? "" : selected[0].getText(0) + ": " + selected[0].getText(6));
            area.layout(true);
        });
        Label install = new Label(area, SWT.WRAP);
        install.setText("To add a driver plugin, run  vireo install REPOSITORY FEATURE  (a p2 repository: a folder, "
                + "a zip or a URL) and start Vireo again. The Error Log says why a plugin was rejected.");
        GridDataFactory.fillDefaults().grab(true, false).hint(980, SWT.DEFAULT).indent(8, 4).applyTo(install);
        return area;
    }

    private void row(String... cells) {
        new TableItem(table, SWT.NONE).setText(cells);
    }

    /** "events: domain, network; bulk statistics, snapshots; consoles: spice, vnc", each list sorted. */
    static String capabilities(Capabilities c) {
        List<String> parts = new ArrayList<>();
        if (!c.events().isEmpty()) {
            parts.add("events: " + String.join(", ", c.events().stream().sorted().toList()));
        }
        List<String> features = new ArrayList<>();
        String[] names = { "bulk statistics", "snapshots", "migration", "managed save", "volume creation" };
        boolean[] has = { c.bulkStats(), c.snapshots(), c.migration(), c.managedSave(), c.volumeCreation() };
        for (int i = 0; i < names.length; i++) {
            if (has[i]) {
                features.add(names[i]);
            }
        }
        if (!features.isEmpty()) {
            parts.add(String.join(", ", features));
        }
        if (!c.consoles().isEmpty()) {
            parts.add("consoles: " + String.join(", ", c.consoles().stream().sorted().toList()));
        }
        return String.join("; ", parts);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
