package dev.vireo.ui.dialogs;

import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import dev.vireo.model.DomainQueries;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Messages;

/**
 * Clone a virtual machine, as virt-manager's Clone dialog: a new name (checked against the cache)
 * and, for each disk, whether the clone gets a copy (checked) or shares the disk.
 */
public class CloneDialog extends TitleAreaDialog {
    private final DomainRecord domain;
    private final DomainCache cache;
    private Text name;
    private Table disks;
    private String chosenName;
    private final Set<String> copied = new LinkedHashSet<>();

    public CloneDialog(Shell shell, DomainRecord domain, DomainCache cache) {
        super(shell);
        this.domain = domain;
        this.cache = cache;
    }

    public String cloneName() {
        return chosenName;
    }

    /** The disk paths the clone gets copies of; the others it shares. */
    public Set<String> copiedDisks() {
        return copied;
    }

    public Text nameText() {
        return name;
    }

    public Table disksTable() {
        return disks;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        getShell().setText(Messages.CLONE_VIRTUAL_MACHINE);
        setTitle(NLS.bind(Messages.CLONE, domain.name()));
        setMessage(Messages.THE_CLONE_GETS_NEW_MAC_ADDRESSES);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        new Label(body, SWT.NONE).setText(Messages.NAME);
        name = new Text(body, SWT.BORDER);
        name.setText(freeName(domain.name() + "-clone"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
        name.addModifyListener(e -> validate());
        disks = new Table(body, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION);
        disks.setHeaderVisible(true);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(500, 120).applyTo(disks);
        for (String[] c : new String[][] { { Messages.COPY, "60" }, { Messages.TARGET, "70" },
                { Messages.STORAGE_PATH, "360" } }) {
            TableColumn column = new TableColumn(disks, SWT.LEFT);
            column.setText(c[0]);
            column.setWidth(Integer.parseInt(c[1]));
        }
        if (domain.definition() != null) {
            for (XmlObject disk : domain.definition().model().<XmlObject>list("disks")) {
                String path = DomainQueries.diskSource(disk);
                if (path != null) {
                    TableItem item = new TableItem(disks, SWT.NONE);
                    item.setText(new String[] { "", String.valueOf(disk.string("targetDev")), path });
                    item.setData(path);
                    boolean writable = !Boolean.TRUE.equals(disk.get("readonly"))
                            && (disk.string("device") == null || "disk".equals(disk.string("device")));
                    item.setChecked(writable);
                }
            }
        }
        return area;
    }

    private String freeName(String wanted) {
        String candidate = wanted;
        for (int i = 2; cache.isNameInUse(candidate); i++) {
            candidate = wanted + "-" + i;
        }
        return candidate;
    }

    private void validate() {
        String n = name.getText().strip();
        setErrorMessage(n.isEmpty() ? Messages.THE_CLONE_NEEDS_A_NAME
                : cache.isNameInUse(n) ? NLS.bind(Messages.A_VIRTUAL_MACHINE_NAMED_EXISTS_ON, n) : null);
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(getErrorMessage() == null);
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.CLONE_2, true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        chosenName = name.getText().strip();
        for (TableItem item : disks.getItems()) {
            if (item.getChecked()) {
                copied.add((String) item.getData());
            }
        }
        super.okPressed();
    }
}
