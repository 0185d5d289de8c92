package dev.vireo.ui.wizards;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.vireo.connection.VirtConnection;
import dev.vireo.operations.HostOperations;
import dev.vireo.osinfo.IsoVolume;
import dev.vireo.osinfo.OsInfo;
import dev.vireo.ui.Messages;
import dev.vireo.ui.jobs.HostJob;

/** Where the machine goes, its name (checked against the cache) and how its OS gets installed. */
public class NamePage extends WizardPage {
    private final NewVmWizard wizard;
    private Combo connection;
    private Text name;
    private Text media;
    private Label mediaLabel;
    private CLabel detected;
    private int detections;
    private final List<Button> installs = new ArrayList<>();

    NamePage(NewVmWizard wizard) {
        super("name", Messages.NAME_AND_INSTALL_METHOD, null);
        this.wizard = wizard;
        setDescription(Messages.CHOOSE_THE_HOST_A_NAME_AND);
    }

    public Text nameText() {
        return name;
    }

    public Text mediaText() {
        return media;
    }

    /** What detecting the OS on the ISO found, as shown under it. */
    public String detectedText() {
        return detected.getText() == null ? "" : detected.getText();
    }

    /** Chooses an install method as a click on its radio button does. */
    public void chooseInstall(NewVmWizard.Install install) {
        installs.forEach(b -> b.setSelection(b.getData() == install));
        wizard.spec.install = install;
        update();
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        initializeDialogUnits(c);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        new Label(c, SWT.NONE).setText(Messages.CONNECTION_2);
        connection = new Combo(c, SWT.READ_ONLY);
        wizard.connections().forEach(v -> connection.add(v.uri()));
        connection.select(wizard.connections().indexOf(wizard.spec.connection));
        connection.addListener(SWT.Selection, e -> {
            wizard.spec.connection = wizard.connections().get(connection.getSelectionIndex());
            wizard.readHost();
            update();
        });
        GridDataFactory.fillDefaults().grab(true, false).applyTo(connection);
        new Label(c, SWT.NONE).setText(Messages.NAME);
        name = new Text(c, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
        name.addModifyListener(e -> {
            wizard.spec.name = name.getText().strip();
            update();
        });
        Label how = new Label(c, SWT.NONE);
        how.setText(Messages.INSTALL_FROM);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(how);
        for (NewVmWizard.Install install : NewVmWizard.Install.values()) {
            Button b = new Button(c, SWT.RADIO);
            b.setText(install.label);
            b.setData(install);
            b.setSelection(install == wizard.spec.install);
            b.addListener(SWT.Selection, e -> {
                if (b.getSelection()) {
                    chooseInstall(install);
                }
            });
            GridDataFactory.fillDefaults().span(2, 1).indent(12, 0).applyTo(b);
            installs.add(b);
        }
        mediaLabel = new Label(c, SWT.NONE);
        media = new Text(c, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(media);
        media.addModifyListener(e -> {
            wizard.spec.media = media.getText();
            update();
            detectOs();
        });
        new Label(c, SWT.NONE);
        detected = new CLabel(c, SWT.NONE);
        // a line high while still empty, so that what detection finds has room without a new layout
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, convertHeightInCharsToPixels(1))
                .applyTo(detected);
        setControl(c);
        update();
    }

    /**
     * Reads the ISO's volume descriptor (its first 34 KiB) in the background and looks the OS up
     * in libosinfo's database, as virt-manager does; the OS is taken unless the user chose one.
     * On a remote host only those bytes cross the link (a volume download: the image must be in
     * one of the host's storage pools).
     */
    private void detectOs() {
        String path = wizard.spec.media.strip();
        int detection = ++detections;
        if (wizard.spec.install != NewVmWizard.Install.ISO || path.isEmpty()) {
            detected.setText("");
            return;
        }
        boolean local = isLocal(wizard.spec.connection);
        if (local && !Files.isRegularFile(Path.of(path))) {
            detected.setText("");
            return;
        }
        CompletableFuture<IsoVolume> identity = local ? CompletableFuture.supplyAsync(() -> {
            try {
                return IsoVolume.read(Path.of(path));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }) : new HostOperations(wizard.monitor()).isoVolume(path);
        Display display = getShell().getDisplay();
        identity.thenCombine(wizard.osDatabase, (iso, db) -> db == null ? null : db.detect(iso).orElse(null))
                .handle((os, e) -> e != null ? NLS.bind(Messages.CANNOT_DETECT_THE_OS, HostJob.message(e)) : os != null
                        ? os
                        : Messages.THE_OS_ON_THIS_IMAGE_IS)
                .thenAccept(found -> display.asyncExec(() -> {
                    if (detection != detections || detected.isDisposed()) {
                        return; // the path changed since
                    }
                    if (found instanceof OsInfo os) {
                        detected.setText(NLS.bind(Messages.DETECTED, os.name(), os.shortId()));
                        if (!wizard.spec.osChosen) {
                            wizard.spec.os = os;
                        }
                    } else {
                        detected.setText((String) found);
                    }
                }));
    }

    private static boolean isLocal(VirtConnection c) {
        try {
            String host = URI.create(c.uri()).getHost();
            return host == null || host.isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void update() {
        boolean iso = wizard.spec.install == NewVmWizard.Install.ISO;
        boolean url = wizard.spec.install == NewVmWizard.Install.URL;
        mediaLabel.setText(iso ? Messages.ISO_IMAGE : url ? Messages.ISO_URL : "");
        media.setEnabled(iso || url);
        mediaLabel.getParent().layout();
        String n = wizard.spec.name;
        VirtConnection c = wizard.spec.connection;
        String error = url && !wizard.spec.media.strip().matches("https?://[^/]+/.+")
                ? (wizard.spec.media.isBlank() ? null : "The URL must be http:// or https:// and name an ISO image.")
                : n.isEmpty() ? null
                : n.contains("/") ? Messages.A_NAME_CANNOT_CONTAIN
                : wizard.cache().isNameInUse(n) ? NLS.bind(Messages.A_VIRTUAL_MACHINE_NAMED_EXISTS_ON_2, n, c.uri())
                        : null;
        setErrorMessage(error);
        setPageComplete(!n.isEmpty() && error == null && (!url || !wizard.spec.media.isBlank()));
    }
}
