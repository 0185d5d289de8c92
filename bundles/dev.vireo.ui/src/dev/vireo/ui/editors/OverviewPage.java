package dev.vireo.ui.editors;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.vireo.model.Units;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.Messages;
import dev.vireo.ui.handlers.MigrateDomainHandler;
import dev.vireo.ui.jobs.HostJob;

/**
 * Name, title, description, state, UUID, OS, memory, vCPUs and autostart. Title and description
 * edit the working copy; autostart is not part of the XML, so it is asked once and set at once.
 */
public class OverviewPage implements DomainEditorPage {
    private DomainEditor editor;
    private Composite control;
    private Label name, uuid, state, hypervisor, os, memory, vcpus, migration;
    private Text title, description;
    private Button autostart;
    private boolean filling;

    @Override
    public Control createControl(DomainEditor editor, Composite parent) {
        this.editor = editor;
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(12, 6).applyTo(control);
        name = HostEditor.valueRow(control, Messages.NAME_2);
        uuid = HostEditor.valueRow(control, Messages.UUID);
        state = HostEditor.valueRow(control, Messages.STATE);
        hypervisor = HostEditor.valueRow(control, Messages.HYPERVISOR_2);
        os = HostEditor.valueRow(control, Messages.OPERATING_SYSTEM);
        memory = HostEditor.valueRow(control, Messages.MEMORY);
        vcpus = HostEditor.valueRow(control, Messages.VCPUS_2);
        migration = HostEditor.valueRow(control, Messages.MIGRATION);
        title = new Text(HostEditor.labelled(control, Messages.TITLE), SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        description = new Text(HostEditor.labelled(control, Messages.DESCRIPTION),
                SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 80).applyTo(description);
        autostart = new Button(HostEditor.labelled(control, Messages.AUTOSTART), SWT.CHECK);
        autostart.setText(Messages.START_THE_VIRTUAL_MACHINE_WHEN_THE);
        autostart.setEnabled(false); // until its current value is known
        title.addModifyListener(e -> edit("title", title.getText()));
        description.addModifyListener(e -> edit("description", description.getText()));
        autostart.addListener(SWT.Selection, e -> setAutostart(autostart.getSelection()));
        loadAutostart();
        return control;
    }


    public Text title() {
        return title;
    }

    public Text description() {
        return description;
    }

    public Button autostart() {
        return autostart;
    }

    public String migrationText() {
        return migration.getText();
    }

    public String stateText() {
        return state.getText();
    }

    private void edit(String feature, String text) {
        XmlObject draft = editor.draft();
        if (!filling && draft != null) {
            draft.set(feature, text.isEmpty() ? null : text);
            editor.edited();
        }
    }

    @Override
    public void show(XmlObject domain) {
        filling = true;
        try {
            name.setText(domain == null ? "" : String.valueOf(domain.string("name")));
            uuid.setText(domain == null ? "" : String.valueOf(domain.string("uuid")));
            hypervisor.setText(domain == null ? "" : String.valueOf(domain.string("type")));
            XmlObject o = domain == null ? null : domain.object("os");
            os.setText(o == null ? "" : String.join(" ", nonNull(o.string("type"), o.string("arch"),
                    o.string("machine"))));
            title.setText(domain == null || domain.string("title") == null ? "" : domain.string("title"));
            description.setText(domain == null || domain.string("description") == null ? ""
                    : domain.string("description"));
        } finally {
            filling = false;
        }
        stateChanged();
    }

    /** State, memory and vCPUs as the cache has them now (they change without an edit). */
    @Override
    public void stateChanged() {
        DomainRecord d = editor.record();
        state.setText(d == null ? "deleted" : d.state().label() + (d.persistent() ? "" : Messages.TRANSIENT));
        memory.setText(d == null ? "" : Units.formatKiB(d.memoryKiB()));
        vcpus.setText(d == null ? "" : Integer.toString(d.vcpus()));
        String whyNot = MigrateDomainHandler.whyNot(editor.input().connection());
        migration.setText(whyNot == null ? Messages.TO_ANOTHER_OPEN_HOST_VIRTUAL_MACHINE
                : NLS.bind(Messages.NOT_OFFERED, whyNot));
        control.layout();
    }

    private static String[] nonNull(String... values) {
        return java.util.Arrays.stream(values).filter(v -> v != null).toArray(String[]::new);
    }

    private void loadAutostart() {
        String uuid = editor.input().uuid();
        HostJob.run(NLS.bind(Messages.READING_AUTOSTART_OF, editor.input().getName()),
                () -> editor.operations().autostart(uuid),
                        false).thenAccept(on -> control.getDisplay().asyncExec(() -> {
                    if (!autostart.isDisposed()) {
                        autostart.setSelection(on);
                        autostart.setEnabled(true);
                    }
                }));
    }

    private void setAutostart(boolean on) {
        String uuid = editor.input().uuid();
        HostJob.run(NLS.bind(Messages.AUTOSTART_OF, (on ? Messages.ENABLING : Messages.DISABLING),
                editor.input().getName()),
                () -> editor.operations().setAutostart(uuid, on), true).exceptionally(failure -> {
                    control.getDisplay().asyncExec(() -> {
                        if (!autostart.isDisposed()) {
                            autostart.setSelection(!on);
                        }
                    });
                    return null;
                });
    }
}
