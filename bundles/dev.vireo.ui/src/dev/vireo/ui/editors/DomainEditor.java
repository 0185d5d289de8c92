package dev.vireo.ui.editors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.MultiPageEditorPart;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CacheListener;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainChange;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.jobs.LibvirtJob;

/**
 * A virtual machine's details, as virt-manager's details window: Overview, Hardware, XML and
 * Performance pages over one working copy of the domain's model. Apply redefines the domain; if
 * libvirt or the XML parser refuses, the error is shown and the edit is kept (libvirt keeps the
 * old definition). Changes from elsewhere reload a clean editor and are flagged in a dirty one.
 */
public class DomainEditor extends MultiPageEditorPart {
    public static final String ID = "dev.vireo.ui.editors.domain";
    public static final int OVERVIEW_PAGE = 0, HARDWARE_PAGE = 1, XML_PAGE = 2, PERFORMANCE_PAGE = 3, SNAPSHOTS_PAGE = 4, CONSOLE_PAGE = 5,
            SERIAL_PAGE = 6;

    private DomainEditorInput input;
    private ConnectionMonitor monitor;
    private Display display;
    /** The working copy the pages edit; {@code null} until the cache has the domain's XML. */
    private XmlObject draft;
    private boolean dirty;
    private boolean applying;
    private int shownPage;
    /** Counts reloads, so that only the newest one's answer is shown. */
    private int loads;
    /** Field problems by field, shown in the header and blocking Apply. */
    private final Map<Object, String> invalid = new LinkedHashMap<>();
    private CLabel message;
    private Button apply;
    private Button revert;
    private OverviewPage overview;
    private HardwarePage hardware;
    private XmlPage xml;
    private PerformancePage performance;
    private SnapshotsPage snapshots;
    private ConsolePage console;
    private SerialPage serial;

    private final CacheListener listener = new CacheListener() {
        @Override
        public void domainsChanged(ConnectionMonitor m, List<DomainChange> changes) {
            for (DomainChange change : changes) {
                if (change.domain().uuid().equals(input.uuid())) {
                    DomainChange.Kind kind = change.kind();
                    display.asyncExec(() -> changed(kind));
                }
            }
        }
    };

    @Override
    public void init(IEditorSite site, IEditorInput editorInput) throws PartInitException {
        if (!(editorInput instanceof DomainEditorInput domainInput)) {
            throw new PartInitException("Not a virtual machine: " + editorInput);
        }
        super.init(site, editorInput);
        input = domainInput;
        monitor = ConnectionMonitor.of(input.connection());
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
    }

    @Override
    protected Composite createPageContainer(Composite parent) {
        display = parent.getDisplay();
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(top);
        Composite header = new Composite(top, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(header);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        message = new CLabel(header, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
        apply = new Button(header, SWT.PUSH);
        apply.setText("&Apply");
        apply.addListener(SWT.Selection, e -> apply());
        revert = new Button(header, SWT.PUSH);
        revert.setText("Re&vert");
        revert.addListener(SWT.Selection, e -> reload());
        Composite pages = new Composite(top, SWT.NONE);
        pages.setLayout(new org.eclipse.swt.layout.FillLayout());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(pages);
        return pages;
    }

    @Override
    protected void createPages() {
        overview = new OverviewPage(this, getContainer());
        setPageText(addPage(overview.control()), "Overview");
        hardware = new HardwarePage(this, getContainer());
        setPageText(addPage(hardware.control()), "Hardware");
        xml = new XmlPage(this, getContainer());
        setPageText(addPage(xml.control()), "XML");
        performance = new PerformancePage(this, getContainer());
        setPageText(addPage(performance.control()), "Performance");
        snapshots = new SnapshotsPage(this, getContainer());
        setPageText(addPage(snapshots.control()), "Snapshots");
        console = new ConsolePage(this, getContainer());
        setPageText(addPage(console.control()), "Console");
        serial = new SerialPage(this, getContainer());
        setPageText(addPage(serial.control()), "Serial Console");
        monitor.addListener(listener);
        monitor.setVisible(this, Set.of(input.uuid()));
        reload();
    }

    @Override
    public void dispose() {
        monitor.removeListener(listener);
        monitor.setVisible(this, null);
        super.dispose();
    }

    // --- what the pages use --------------------------------------------------------------

    public DomainEditorInput input() {
        return input;
    }

    public ConnectionMonitor monitor() {
        return monitor;
    }

    /** The domain as the cache knows it now; {@code null} once it is gone. */
    public DomainRecord record() {
        return input.record();
    }

    public XmlObject draft() {
        return draft;
    }

    /** A page changed the working copy. */
    void edited() {
        setDirty(true);
        updateHeader();
    }

    /** A field holds something that cannot be applied ({@code problem}), or no longer ({@code null}). */
    void setInvalid(Object field, String problem) {
        if (problem == null) {
            invalid.remove(field);
        } else {
            invalid.put(field, problem);
        }
        updateHeader();
    }

    /** The XML page's text was parsed into a new working copy. */
    void replaceDraft(XmlObject newDraft) {
        draft = newDraft;
        overview.show(draft);
        hardware.show(draft);
    }

    // --- apply, revert, outside changes ---------------------------------------------------

    /** Redefines the domain from the working copy, or from the XML page's text if it was edited there. */
    public void apply() {
        if (draft == null || !invalid.isEmpty() || applying) {
            return;
        }
        String text = xml.editedText();
        if (text == null) {
            text = LibvirtModel.save(draft);
        }
        try {
            LibvirtModel.load(text);
        } catch (ModelException e) {
            showMessage(IMessage.ERROR, "The XML is not valid, nothing was applied: " + e.getMessage());
            return;
        }
        String definition = text;
        applying = true;
        updateHeader();
        LibvirtJob.run("Applying changes to " + input.getName(), input.connection(),
                libvirt -> libvirt.domains().defineDomain(definition), false)
                .whenComplete((uuid, failure) -> display.asyncExec(() -> applied(failure)));
    }

    private void applied(Throwable failure) {
        applying = false;
        if (message.isDisposed()) {
            return;
        }
        if (failure != null) {
            showMessage(IMessage.ERROR, "libvirt refused the change; the virtual machine keeps its definition: "
                    + LibvirtJob.message(failure));
            updateButtons();
            return;
        }
        // the working copy is what libvirt has now; its own rendering arrives with the define event
        xml.applied();
        setDirty(false);
        showMessage(IMessage.NONE, "Applied.");
        updateButtons();
    }

    /**
     * Takes the domain's definition, dropping unapplied edits: from the cache, or for a running
     * domain with a definition, the one for its next boot (one call), since that is what Apply changes.
     */
    public void reload() {
        DomainRecord record = record();
        invalid.clear();
        setDirty(false);
        if (record != null && record.state().isActive() && record.persistent()) {
            if (draft == null) {
                show(null);
            } // else the pages keep showing the last definition until the new one arrives
            int generation = ++loads;
            LibvirtJob.run("Reading the definition of " + record.name(), input.connection(),
                    libvirt -> libvirt.domains().nextBootXml(input.uuid()), false)
                    .whenComplete((text, failure) -> display.asyncExec(() -> {
                        if (generation == loads && !message.isDisposed() && !dirty) {
                            loaded(text, failure);
                        }
                    }));
        } else {
            loads++;
            show(record == null || record.definition() == null ? null : LibvirtModel.copy(record.definition().model()));
        }
    }

    private void loaded(String text, Throwable failure) {
        try {
            if (failure != null) {
                throw new ModelException(LibvirtJob.message(failure), failure);
            }
            show(LibvirtModel.load(text));
        } catch (ModelException e) {
            showMessage(IMessage.ERROR, "Cannot read the definition: " + e.getMessage());
        }
    }

    private void show(XmlObject newDraft) {
        draft = newDraft;
        overview.show(draft);
        hardware.show(draft);
        xml.show(draft);
        performance.refresh();
        updateHeader();
    }

    private void changed(DomainChange.Kind kind) {
        if (message.isDisposed()) {
            return;
        }
        switch (kind) {
            case REMOVED -> {
                if (dirty) {
                    showMessage(IMessage.WARNING, "This virtual machine was deleted on the host.");
                } else {
                    getSite().getPage().closeEditor(this, false);
                }
            }
            case DEFINITION_CHANGED, ADDED -> {
                setPartName(input.getName());
                if (!dirty && !applying) {
                    reload();
                } else if (!applying) {
                    showMessage(IMessage.WARNING, "The definition changed on the host while you edited: "
                            + "Apply overwrites that change, Revert shows it.");
                }
            }
            case STATE_CHANGED -> overview.showState();
            case STATS_SAMPLED -> {
                if (shownPage == PERFORMANCE_PAGE) {
                    performance.refresh();
                }
            }
        }
    }

    // --- header ------------------------------------------------------------------------------

    /** Message severities of the header line. */
    interface IMessage {
        int NONE = 0, WARNING = 2, ERROR = 3;
    }

    private void showMessage(int severity, String text) {
        message.setText(text);
        message.setToolTipText(text);
        message.setImage(switch (severity) {
            case IMessage.ERROR -> JFaceResources.getImage(Dialog.DLG_IMG_MESSAGE_ERROR);
            case IMessage.WARNING -> JFaceResources.getImage(Dialog.DLG_IMG_MESSAGE_WARNING);
            default -> null;
        });
        message.getParent().layout();
    }

    /** The header line's text: what is wrong, what is going on, or nothing. */
    public String message() {
        return message.getText();
    }

    private void updateHeader() {
        if (draft == null) {
            showMessage(IMessage.NONE, "Loading the definition...");
        } else if (!invalid.isEmpty()) {
            showMessage(IMessage.ERROR, invalid.values().iterator().next());
        } else if (applying) {
            showMessage(IMessage.NONE, "Applying...");
        } else if (dirty) {
            showMessage(IMessage.NONE, "Changed: Apply or Revert." + (runs() ? " Applies at the next boot." : ""));
        } else {
            showMessage(IMessage.NONE, runs() ? "Running: changes apply at the next boot." : "");
        }
        updateButtons();
    }

    private boolean runs() {
        DomainRecord record = record();
        return record != null && record.state().isActive();
    }

    private void updateButtons() {
        apply.setEnabled(dirty && invalid.isEmpty() && !applying && draft != null);
        revert.setEnabled(dirty && !applying);
    }

    private void setDirty(boolean newDirty) {
        if (dirty != newDirty) {
            dirty = newDirty;
            firePropertyChange(PROP_DIRTY);
        }
    }

    @Override
    public boolean isDirty() {
        return dirty;
    }

    @Override
    public void doSave(IProgressMonitor progress) {
        apply(); // runs as a Job; Ctrl+S does not wait for the host
    }

    @Override
    public void doSaveAs() {
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    protected void pageChange(int newPageIndex) {
        if (shownPage == XML_PAGE && newPageIndex != XML_PAGE) {
            xml.leave();
        } else if (newPageIndex == XML_PAGE) {
            xml.enter();
        }
        shownPage = newPageIndex;
        super.pageChange(newPageIndex);
        if (newPageIndex == SNAPSHOTS_PAGE) {
            snapshots.shown();
        }
        if (newPageIndex == CONSOLE_PAGE) {
            console.shown();
        }
        if (newPageIndex == SERIAL_PAGE) {
            serial.shown();
        }
        if (newPageIndex == PERFORMANCE_PAGE) {
            performance.refresh();
        }
    }

    /** Shows one of the pages ({@code *_PAGE}). */
    public void showPage(int page) {
        setActivePage(page);
    }

    public OverviewPage overviewPage() {
        return overview;
    }

    public HardwarePage hardwarePage() {
        return hardware;
    }

    public XmlPage xmlPage() {
        return xml;
    }

    public PerformancePage performancePage() {
        return performance;
    }

    public SerialPage serialPage() {
        return serial;
    }

    public ConsolePage consolePage() {
        return console;
    }

    public SnapshotsPage snapshotsPage() {
        return snapshots;
    }

    public Button applyButton() {
        return apply;
    }
}
