package dev.vireo.ui.dialogs;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import dev.vireo.model.DomainQueries;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Messages;

/**
 * Delete a virtual machine, offering to delete its storage as virt-manager does. The disks come
 * from the cache; a disk is offered checked only if it is writable, not shared and not used by
 * another domain, which the cache answers without asking the host.
 */
public class DeleteDomainDialog extends TitleAreaDialog {
    private final DomainRecord domain;
    private final DomainCache cache;
    private Table disks;
    private final List<String> chosen = new ArrayList<>();

    public DeleteDomainDialog(Shell shell, DomainRecord domain, DomainCache cache) {
        super(shell);
        this.domain = domain;
        this.cache = cache;
    }

    /** The storage paths to delete with the domain, once the dialog was confirmed. */
    public List<String> storageToDelete() {
        return chosen;
    }

    public Table disksTable() {
        return disks;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        getShell().setText(Messages.DELETE_VIRTUAL_MACHINE);
        setTitle(NLS.bind(Messages.DELETE, domain.name()));
        setMessage(domain.state().isActive()
                ? NLS.bind(Messages.THE_VIRTUAL_MACHINE_IS_IT_WILL, domain.state().label())
                : Messages.ITS_DEFINITION_WILL_BE_REMOVED_FROM);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        body.setLayout(new GridLayout(1, false));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        new Label(body, SWT.NONE).setText(Messages.DELETE_ASSOCIATED_STORAGE);
        disks = new Table(body, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION);
        disks.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(520, 140).applyTo(disks);
        for (String[] c : new String[][] { { Messages.TARGET, "70" }, { Messages.STORAGE_PATH, "280" },
                { Messages.NOTE, "170" } }) {
            TableColumn column = new TableColumn(disks, SWT.LEFT);
            column.setText(c[0]);
            column.setWidth(Integer.parseInt(c[1]));
        }
        if (domain.definition() != null) {
            for (XmlObject disk : domain.definition().model().<XmlObject>list("disks")) {
                addDisk(disk);
            }
        }
        return area;
    }

    private void addDisk(XmlObject disk) {
        String path = DomainQueries.diskSource(disk);
        if (path == null) {
            return; // an empty CD-ROM: nothing to delete
        }
        String others = String.join(", ", cache.namesUsingDisk(path, domain.uuid()));
        boolean readOnly = Boolean.TRUE.equals(disk.get("readonly")) || Boolean.TRUE.equals(disk.get("shareable"))
                || (disk.string("device") != null && !"disk".equals(disk.string("device")));
        TableItem item = new TableItem(disks, SWT.NONE);
        item.setText(new String[] { String.valueOf(disk.string("targetDev")), path,
                !others.isEmpty() ? NLS.bind(Messages.ALSO_USED_BY, others) : readOnly ? Messages.READ_ONLY_OR_SHARED
                        : "" });
        item.setData(path);
        item.setChecked(others.isEmpty() && !readOnly);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.DELETE_2, false);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, true);
    }

    @Override
    protected void okPressed() {
        for (TableItem item : disks.getItems()) {
            if (item.getChecked()) {
                chosen.add((String) item.getData());
            }
        }
        super.okPressed();
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
