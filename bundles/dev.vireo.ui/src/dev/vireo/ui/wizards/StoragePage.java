package dev.vireo.ui.wizards;

import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import dev.vireo.api.ObjectKind;
import dev.vireo.monitor.CachedObject;
import dev.vireo.ui.Messages;

/**
 * A new volume in one of the host's active pools, or an existing path; and the network. A path
 * another machine uses is flagged from the cache, with no call to the host.
 */
public class StoragePage extends WizardPage {
    private final NewVmWizard wizard;
    private Button newVolume, existing;
    private Combo pool, network;
    private Spinner size;
    private Text path;
    private List<CachedObject> pools = List.of(), networks = List.of();

    StoragePage(NewVmWizard wizard) {
        super("storage", Messages.STORAGE_AND_NETWORK, null);
        this.wizard = wizard;
        setDescription(Messages.WHERE_THE_DISK_COMES_FROM_AND);
    }

    public Button newVolumeButton() {
        return newVolume;
    }

    public Button existingButton() {
        return existing;
    }

    public Combo poolCombo() {
        return pool;
    }

    public Text pathText() {
        return path;
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        newVolume = radio(c, Messages.CREATE_A_NEW_DISK_IMAGE);
        new Label(c, SWT.NONE).setText(Messages.POOL);
        pool = new Combo(c, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(pool);
        pool.addListener(SWT.Selection, e -> update());
        new Label(c, SWT.NONE).setText(Messages.SIZE_GIB);
        size = new Spinner(c, SWT.BORDER);
        size.setValues((int) wizard.spec.diskGiB, 1, 65536, 0, 1, 10);
        size.addListener(SWT.Modify, e -> wizard.spec.diskGiB = size.getSelection());
        existing = radio(c, Messages.USE_AN_EXISTING_DISK_IMAGE_OR);
        new Label(c, SWT.NONE).setText(Messages.PATH);
        path = new Text(c, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(path);
        path.addModifyListener(e -> update());
        new Label(c, SWT.NONE).setText(Messages.NETWORK_2);
        network = new Combo(c, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(network);
        network.addListener(SWT.Selection, e -> update());
        newVolume.setSelection(true);
        setControl(c);
    }

    private Button radio(Composite c, String text) {
        Button b = new Button(c, SWT.RADIO);
        b.setText(text);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(b);
        b.addListener(SWT.Selection, e -> update());
        return b;
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible) {
            boolean importing = wizard.spec.install == NewVmWizard.Install.IMPORT;
            if (importing) {
                newVolume.setSelection(false);
                existing.setSelection(true);
            }
            newVolume.setEnabled(!importing);
            pools = active(ObjectKind.STORAGE_POOL);
            pool.setItems(pools.stream().map(CachedObject::name).toArray(String[]::new));
            pool.select(0);
            networks = active(ObjectKind.NETWORK);
            network.setItems(networks.stream().map(CachedObject::name).toArray(String[]::new));
            network.add(Messages.NO_NETWORK);
            network.select(networks.stream().map(CachedObject::name).toList().indexOf("default") >= 0
                    ? networks.stream().map(CachedObject::name).toList().indexOf("default") : 0);
            update();
        }
        super.setVisible(visible);
    }

    private List<CachedObject> active(ObjectKind kind) {
        return wizard.monitor().objects(kind).all().stream().filter(CachedObject::active)
                .sorted(Comparator.comparing(CachedObject::name)).toList();
    }

    /** Reads the choices into the wizard and checks them; the in-use check reads the cache only. */
    void update() {
        var spec = wizard.spec;
        spec.newVolume = newVolume.getSelection();
        spec.poolKey = pool.getSelectionIndex() >= 0 && pool.getSelectionIndex() < pools.size()
                ? pools.get(pool.getSelectionIndex()).key() : null;
        spec.existingPath = spec.newVolume ? "" : path.getText().strip();
        spec.network = network.getSelectionIndex() >= 0 && network.getSelectionIndex() < networks.size()
                ? networks.get(network.getSelectionIndex()).name() : null;
        pool.setEnabled(spec.newVolume);
        size.setEnabled(spec.newVolume);
        path.setEnabled(!spec.newVolume);
        String users = spec.existingPath.isEmpty() ? ""
                : String.join(", ", wizard.cache().namesUsingDisk(spec.existingPath, null));
        setMessage(users.isEmpty() ? null : NLS.bind(Messages.IS_USED_BY_TWO_MACHINES_WRITING, spec.existingPath,
                users), IMessageProvider.WARNING);
        String error = spec.newVolume && spec.poolKey == null ? Messages.THE_HOST_HAS_NO_ACTIVE_STORAGE
                : !spec.newVolume && wizard.spec.install == NewVmWizard.Install.IMPORT && spec.existingPath.isEmpty()
                        ? Messages.IMPORTING_NEEDS_THE_PATH_OF_A : null;
        setErrorMessage(error);
        setPageComplete(error == null);
    }

    /** The warning shown, if any. */
    public String warning() {
        return getMessageType() == IMessageProvider.WARNING ? getMessage() : null;
    }
}
