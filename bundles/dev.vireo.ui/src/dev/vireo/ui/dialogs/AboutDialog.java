package dev.vireo.ui.dialogs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.IDialogConstants;
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
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.FrameworkUtil;

import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.operations.HostOperations;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.jobs.HostJob;

/**
 * Help > About Vireo: the versions of Vireo, its Java runtime, the libvirt client library it
 * loaded, and the libvirt serving each open connection (asked of each host in the background; a
 * host that cannot say shows why), and the licence and third-party notices.
 */
public class AboutDialog extends TitleAreaDialog {
    private Table table;
    private Text notices;

    public AboutDialog(Shell shell) {
        super(shell);
    }

    public Table table() {
        return table;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        getShell().setText(Messages.ABOUT_VIREO);
        setTitle(NLS.bind(Messages.VIREO_3, FrameworkUtil.getBundle(AboutDialog.class).getVersion()));
        setMessage(Messages.A_VIRTUAL_MACHINE_MANAGER_FOR_LIBVIRT);
        Composite area = (Composite) super.createDialogArea(parent);
        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 200).applyTo(table);
        for (String column : List.of(Messages.COMPONENT, Messages.VERSION)) {
            new TableColumn(table, SWT.NONE).setText(column);
        }
        row(Messages.VIREO, FrameworkUtil.getBundle(AboutDialog.class).getVersion().toString());
        row(Messages.JAVA_RUNTIME, Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        // libvirt is never called on the UI thread, not even its in-process version query
        answer(row(Messages.LIBVIRT_CLIENT_LIBRARY, "..."), Messages.READING_THE_LIBVIRT_CLIENT_LIBRARY_S,
                () -> CompletableFuture.supplyAsync(HostOperations::libvirtClientVersion));
        for (VirtConnection c : Services.connections().connections()) {
            boolean up = c.state() == ConnectionState.CONNECTED;
            TableItem item = row(c.uri(), up ? Messages.ASKING_THE_HOST : c.state().label());
            if (up) {
                answer(item, NLS.bind(Messages.ASKING_FOR_ITS_LIBVIRT_VERSION, c.uri()),
                        () -> new HostOperations(Services.monitor(c)).libvirtVersion()
                                .thenApply(v -> NLS.bind(Messages.LIBVIRT_VERSION, v)));
            }
        }
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
        notices = new Text(area, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        notices.setText(noticeText());
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 180).applyTo(notices);
        return area;
    }

    /** The licence and third-party notices, as shipped in this bundle (and beside the product). */
    private static String noticeText() {
        URL entry = FrameworkUtil.getBundle(AboutDialog.class).getEntry("NOTICE.md");
        if (entry != null) {
            try (InputStream in = entry.openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                // said below
            }
        }
        return Messages.VIREO_IS_LICENSED_UNDER_THE_ECLIPSE;
    }

    public Text notices() {
        return notices;
    }

    /** Fills a row's version from a question asked as a Job; a failure shows its reason. */
    private void answer(TableItem item, String job, Supplier<CompletableFuture<String>> question) {
        HostJob.run(job, question, false).whenComplete((version, failure) -> table.getDisplay().asyncExec(() -> {
            if (!item.isDisposed()) {
                item.setText(1, failure == null ? version : HostJob.message(failure));
                table.getColumn(1).pack();
                table.redraw();
            }
        }));
    }

    private TableItem row(String component, String version) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(new String[] { component, version });
        return item;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
