package dev.vireo.ui.dialogs;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.ListSelectionDialog;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

import dev.vireo.driver.Capabilities;
import dev.vireo.driver.DriverRegistry;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.plugins.InstalledPlugin;
import dev.vireo.plugins.PluginInstallation;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;

/**
 * Help > Driver Plugins: the hypervisor drivers installed, each with its plugin's version and
 * provider, what it declares it can do, and whether it is in use, was disabled this session (its
 * code hung) or was rejected (a declaration Vireo could not read); and the plugins a user added,
 * which it installs from a p2 repository (a URL, a folder or a zip archive), updates and
 * uninstalls. p2's work runs as a Job; a change takes effect after a restart, which it offers.
 */
public class DriverPluginsDialog extends TitleAreaDialog {
    private static final int UPDATE = IDialogConstants.CLIENT_ID;
    private static final int UNINSTALL = IDialogConstants.CLIENT_ID + 1;
    private static final int RESTART = IDialogConstants.CLIENT_ID + 2;

    private final Callable<PluginInstallation> installationSource;
    // set by a Job, read on the UI thread after it: null until read, or when this Vireo was not installed by p2
    private volatile PluginInstallation installation;
    private List<InstalledPlugin> plugins = List.of();
    private Set<String> units = Set.of();
    private boolean busy = true;
    private Table table;
    private Label details;
    private Text location;
    private Button install;

    /** The plugins of the Vireo this runs in. */
    public DriverPluginsDialog(Shell shell) {
        this(shell, PluginInstallation::running);
    }

    public DriverPluginsDialog(Shell shell, Callable<PluginInstallation> installation) {
        super(shell);
        this.installationSource = installation;
    }

    public Table table() {
        return table;
    }

    /** The selected driver's capabilities, in full. */
    public Label details() {
        return details;
    }

    /** Where to install from: a p2 repository's URL, folder or zip archive. */
    public Text location() {
        return location;
    }

    public Button installButton() {
        return install;
    }

    public Button updateButton() {
        return getButton(UPDATE);
    }

    public Button uninstallButton() {
        return getButton(UNINSTALL);
    }

    public Button restartButton() {
        return getButton(RESTART);
    }

    /** Whether p2 is at work (reading the installation, or changing it). */
    public boolean isBusy() {
        return busy;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        getShell().setText(Messages.DRIVER_PLUGINS);
        setTitle(Messages.DRIVER_PLUGINS_2);
        setMessage(Messages.EACH_KIND_OF_HOST_VIREO_MANAGES);
        Composite area = new Composite((Composite) super.createDialogArea(parent), SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(8, 8).applyTo(area);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(area);
        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(980, 160).applyTo(table);
        for (String column : List.of(Messages.DRIVER, Messages.URI_SCHEMES, Messages.PLUGIN, Messages.VERSION,
                Messages.PROVIDER, Messages.STATUS, Messages.CAPABILITIES)) {
            new TableColumn(table, SWT.NONE).setText(column);
        }
        // the selected driver's capabilities in full: the column is cut where the dialog ends
        details = new Label(area, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(980, SWT.DEFAULT).applyTo(details);
        table.addListener(SWT.Selection, e -> {
            TableItem[] selected = table.getSelection(); // not the event's item: GTK names the focused row
            details.setText(selected.length == 0 ? "" : selected[0].getText(0) + ": " + selected[0].getText(6));
            area.layout(true);
            enable();
        });
        Composite from = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(from);
        GridDataFactory.fillDefaults().grab(true, false).indent(0, 4).applyTo(from);
        new Label(from, SWT.NONE).setText(Messages.INSTALL_FROM);
        location = new Text(from, SWT.BORDER);
        location.setMessage(Messages.PLUGIN_LOCATION_HINT);
        GridDataFactory.fillDefaults().grab(true, false).hint(400,
                SWT.DEFAULT).applyTo(location); // not as wide as its text
        location.addListener(SWT.Modify, e -> enable());
        Button browse = new Button(from, SWT.PUSH);
        browse.setText(Messages.ARCHIVE);
        browse.addListener(SWT.Selection, e -> {
            FileDialog files = new FileDialog(getShell(), SWT.OPEN);
            files.setFilterExtensions(new String[] { "*.zip", "*" });
            String chosen = files.open();
            if (chosen != null) {
                location.setText(chosen);
            }
        });
        install = new Button(from, SWT.PUSH);
        install.setText(Messages.INSTALL);
        install.addListener(SWT.Selection, e -> install());
        refresh();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, UPDATE, Messages.UPDATE, false);
        createButton(parent, UNINSTALL, Messages.UNINSTALL, false);
        createButton(parent, RESTART, Messages.RESTART_NOW, false).setEnabled(false); // until something changed
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
        run(Messages.READING_THE_INSTALLED_PLUGINS, monitor -> {
            installation = installationSource.call();
            return Status.OK_STATUS;
        }, null);
    }

    @Override
    protected void buttonPressed(int id) {
        InstalledPlugin selected = selectedPlugin();
        if (id == UPDATE && selected != null) {
            run(NLS.bind(Messages.PLUGIN_UPDATING, selected.name()), m -> installation.update(selected, this::trust, m),
                    NLS.bind(Messages.PLUGIN_UPDATED, selected.name()));
        } else if (id == UNINSTALL && selected != null) {
            run(NLS.bind(Messages.PLUGIN_UNINSTALLING, selected.name()), m -> installation.uninstall(selected, m),
                    NLS.bind(Messages.PLUGIN_UNINSTALLED, selected.name()));
        } else if (id == RESTART) {
            close();
            PlatformUI.getWorkbench().restart();
        } else {
            super.buttonPressed(id);
        }
    }

    private void install() {
        URI from = repository(location.getText().strip());
        run(NLS.bind(Messages.PLUGIN_INSTALLING, from), monitor -> {
            List<IInstallableUnit> offered = installation.featuresIn(from, monitor);
            if (offered.isEmpty()) {
                return Status.error(NLS.bind(Messages.PLUGIN_NO_FEATURE, from));
            }
            List<IInstallableUnit> chosen = offered.size() > 1 ? choose(offered) : offered;
            return chosen.isEmpty() ? Status.CANCEL_STATUS : installation.install(from, chosen, this::trust, monitor);
        }, NLS.bind(Messages.PLUGIN_INSTALLED, from));
    }

    /** A p2 repository's location as typed: a URL as it is, a zip or jar archive, or a folder. */
    static URI repository(String typed) {
        if (typed.contains("://")) {
            return URI.create(typed);
        }
        URI file = Path.of(typed).toAbsolutePath().normalize().toUri();
        return typed.endsWith(".zip") || typed.endsWith(".jar") ? URI.create("jar:" + file + "!/") : file;
    }

    private interface Work {
        IStatus run(IProgressMonitor monitor) throws Exception;
    }

    /**
     * Runs p2's work as a Job (in the Progress view, cancellable), the dialog's actions disabled
     * meanwhile; then shows the outcome: {@code done}, p2's own information, or why nothing changed.
     */
    private void run(String name, Work work, String done) {
        busy = true;
        enable();
        Job job = Job.create(name, (IProgressMonitor monitor) -> {
            IStatus status;
            try {
                status = work.run(monitor);
            } catch (CoreException e) {
                status = e.getStatus();
            } catch (Exception e) {
                status = Status.error(String.valueOf(e.getMessage()), e);
            }
            IStatus outcome = status;
            Display.getDefault().asyncExec(() -> finished(outcome, done));
            return Status.OK_STATUS; // the outcome is shown in the dialog
        });
        job.schedule();
    }

    private void finished(IStatus outcome, String done) {
        busy = false;
        if (table == null || table.isDisposed()) {
            return;
        }
        if (installation == null) { // not installed by p2: the list stands, changes cannot be made
            setMessage(PluginInstallation.explain(outcome), IMessageProvider.WARNING);
        } else if (outcome.getSeverity() == IStatus.ERROR || outcome.getSeverity() == IStatus.CANCEL) {
            String why = PluginInstallation.explain(outcome);
            setErrorMessage(NLS.bind(Messages.NOTHING_WAS_CHANGED, (why.isEmpty() ? Messages.CANCELLED : why)));
        } else {
            setErrorMessage(null);
            if (outcome.isOK() && done != null) {
                setMessage(done, IMessageProvider.INFORMATION);
                restartButton().setEnabled(true);
            } else if (!outcome.isOK()) {
                setMessage(outcome.getMessage(), IMessageProvider.INFORMATION);
            }
        }
        if (installation != null) {
            try { // the profile is a local file, quick to read
                plugins = installation.plugins();
                units = installation.units();
            } catch (CoreException e) {
                setErrorMessage(e.getMessage());
            }
        }
        refresh();
    }

    /** Asks on the UI thread, without blocking it, and waits for the answer (called by p2, off the UI thread). */
    private boolean trust(List<String> unsigned, List<String> untrusted) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        Display.getDefault().asyncExec(() -> {
            if (table == null || table.isDisposed()) {
                answer.complete(-1);
                return;
            }
            String what = (unsigned.isEmpty() ? "" : NLS.bind(Messages.PLUGIN_UNSIGNED, String.join("\n  ",
                    unsigned.stream().map(f -> Path.of(f).getFileName().toString()).toList())))
                    + (untrusted.isEmpty() ? "" : NLS.bind(Messages.PLUGIN_UNTRUSTED, String.join("\n  ", untrusted)));
            Question question = new Question(getShell(), Messages.INSTALL_UNSIGNED_CONTENT,
                    NLS.bind(Messages.INSTALL_ONLY_WHAT_YOU_GOT_FROM, what), Messages.INSTALL_ANYWAY, Messages.CANCEL);
            question.open();
            question.answer().thenAccept(answer::complete);
        });
        return answer.join() == 0;
    }

    /** The features to install when a repository offers several (asked on the UI thread). */
    private List<IInstallableUnit> choose(List<IInstallableUnit> offered) {
        List<IInstallableUnit> chosen = new ArrayList<>();
        Display.getDefault().syncExec(() -> {
            ListSelectionDialog dialog = ListSelectionDialog.of(offered).contentProvider(ArrayContentProvider.getInstance())
                    .labelProvider(LabelProvider.createTextProvider(f -> ((IInstallableUnit) f)
                            .getProperty(IInstallableUnit.PROP_NAME, null) + " " + ((IInstallableUnit) f).getVersion()))
                    .title(Messages.INSTALL).message(Messages.THE_REPOSITORY_OFFERS_THESE_INSTALL_WHICH).create(getShell());
            if (dialog.open() == OK) {
                for (Object f : dialog.getResult()) {
                    chosen.add((IInstallableUnit) f);
                }
            }
        });
        return chosen;
    }

    private void refresh() {
        table.removeAll();
        details.setText("");
        DriverRegistry registry = Services.drivers();
        List<InstalledPlugin> unmatched = new ArrayList<>(plugins);
        for (HypervisorDriver d : registry.drivers()) {
            Bundle plugin = Platform.getBundle(d.contributor());
            InstalledPlugin installed = plugins.stream().filter(p -> p.units().contains(d.contributor())).findFirst()
                    .orElse(null);
            unmatched.remove(installed);
            String disabled = registry.disabledReason(d.id());
            String status = disabled != null ? "disabled: " + disabled
                    : installation != null && !units.contains(d.contributor())
                            ? Messages.UNINSTALLED_GONE_AFTER_A_RESTART : Messages.IN_USE;
            row(installed, d.name(), String.join(", ", d.schemes()), d.contributor(),
                    plugin == null ? "" : plugin.getVersion().toString(),
                    plugin == null ? "" : String.valueOf(plugin.getHeaders().get(Constants.BUNDLE_VENDOR)),
                    status, capabilities(d.capabilities()));
        }
        for (InstalledPlugin p : unmatched) {
            row(p, p.name(), "", String.join(", ", p.units()), p.version(), p.provider(),
                    Messages.INSTALLED_RESTART_VIREO_TO_USE_IT, "");
        }
        for (String rejected : registry.rejected()) {
            row(null, "", "", "", "", "", "rejected: " + rejected, "");
        }
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
        enable();
    }

    private void row(InstalledPlugin plugin, String... cells) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(cells);
        item.setData(plugin);
    }

    private InstalledPlugin selectedPlugin() {
        TableItem[] selected = table.getSelection();
        return selected.length == 0 ? null : (InstalledPlugin) selected[0].getData();
    }

    private void enable() {
        if (getButton(UPDATE) == null) {
            return; // the button bar comes after the dialog area
        }
        boolean ready = !busy && installation != null;
        boolean removable = ready && selectedPlugin() != null && units.contains(selectedPlugin().unit().getId());
        install.setEnabled(ready && !location.getText().isBlank());
        updateButton().setEnabled(removable);
        uninstallButton().setEnabled(removable);
    }

    /** "events: domain, network; bulk statistics, snapshots; consoles: spice, vnc", each list sorted. */
    static String capabilities(Capabilities c) {
        List<String> parts = new ArrayList<>();
        if (!c.events().isEmpty()) {
            parts.add("events: " + String.join(", ", c.events().stream().sorted().toList()));
        }
        List<String> features = new ArrayList<>();
        String[] names = { Messages.BULK_STATISTICS_2, "snapshots", "migration", Messages.MANAGED_SAVE_2,
                Messages.VOLUME_CREATION_2 };
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
    protected boolean isResizable() {
        return true;
    }
}
