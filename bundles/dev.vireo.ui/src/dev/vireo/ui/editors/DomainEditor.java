package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.MultiPageEditorPart;

import dev.vireo.driver.HypervisorDriver;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CacheListener;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainChange;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.operations.DomainOperations;
import dev.vireo.operations.LiveChanges;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.editors.EditorHeader.Severity;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.views.DomainNode;

/**
 * A virtual machine's details, as virt-manager's details window: the pages contributed to
 * {@code dev.vireo.ui.domainEditorPages} (Overview, Hardware, XML, Performance, Snapshots, Console,
 * Serial Console, and whatever a driver plugin adds) over one working copy of the domain's model. Apply redefines the domain; if
 * libvirt or the XML parser refuses, the error is shown and the edit is kept (libvirt keeps the
 * old definition). Changes from elsewhere reload a clean editor and are flagged in a dirty one.
 */
public class DomainEditor extends MultiPageEditorPart {
    public static final String ID = "dev.vireo.ui.editors.domain";
    /** The ids of Vireo's own pages, for {@link #showPage}. */
    public static final String OVERVIEW_PAGE = "dev.vireo.ui.pages.overview",
            HARDWARE_PAGE = "dev.vireo.ui.pages.hardware",
            XML_PAGE = "dev.vireo.ui.pages.xml", PERFORMANCE_PAGE = "dev.vireo.ui.pages.performance",
            SNAPSHOTS_PAGE = "dev.vireo.ui.pages.snapshots", CONSOLE_PAGE = "dev.vireo.ui.pages.console",
            SERIAL_PAGE = "dev.vireo.ui.pages.serial";

    private DomainEditorInput input;
    private ConnectionMonitor monitor;
    private DomainOperations operations;
    private Display display;
    /** The working copy the pages edit; {@code null} until the cache has the domain's XML. */
    private XmlObject draft;
    /** The definition the working copy started from: what "Also now" compares Apply's with. */
    private String baseline;
    private boolean dirty;
    private boolean applying;
    private int shownPage = -1;
    /** Counts reloads, so that only the newest one's answer is shown. */
    private int loads;
    /** Field problems by field, shown in the header and blocking Apply. */
    private final Map<Object, String> invalid = new LinkedHashMap<>();
    private EditorHeader header;
    /** The pages, in tab order, with their ids. */
    private final List<DomainEditorPage> pages = new ArrayList<>();
    private final List<String> pageIds = new ArrayList<>();

    /** Outside changes to this machine; {@code null} until the editor's controls exist. */
    private CacheListener listener;

    @Override
    public void init(IEditorSite site, IEditorInput editorInput) throws PartInitException {
        if (!(editorInput instanceof DomainEditorInput domainInput)) {
            throw new PartInitException(NLS.bind(Messages.NOT_A_VIRTUAL_MACHINE, editorInput));
        }
        super.init(site, editorInput);
        input = domainInput;
        monitor = Services.monitor(input.connection());
        operations = new DomainOperations(monitor);
        // the editor offers its VM as the selection, so that Run, Shut Down... work while it is active
        site.setSelectionProvider(new FixedSelection(new DomainNode(input.connection(), input.uuid())));
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
    }

    @Override
    protected Composite createPageContainer(Composite parent) {
        display = parent.getDisplay();
        listener = new DomainChanges(display, input.uuid(), this::changed);
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(top);
        header = new EditorHeader(top, this::apply, this::reload, this::updateHeader);
        Composite pages = new Composite(top, SWT.NONE);
        pages.setLayout(new org.eclipse.swt.layout.FillLayout());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(pages);
        return pages;
    }

    @Override
    protected void createPages() {
        String driver = Services.drivers().forUri(input.connection().uri()).map(HypervisorDriver::id).orElse("");
        for (DomainEditorPages.Descriptor d : DomainEditorPages.all()) {
            if (d.isFor(driver)) {
                try {
                    DomainEditorPage page = d.create();
                    setPageText(addPage(page.createControl(this, getContainer())), d.name());
                    pages.add(page);
                    pageIds.add(d.id());
                } catch (CoreException | RuntimeException e) {
                    // a broken page of a plugin costs that page, not the editor
                    ILog.of(getClass()).error(NLS.bind(Messages.EDITOR_PAGE_LEFT_OUT, d.id(), e.getMessage()), e);
                }
            }
        }
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

    /** The operations on this editor's machine's host. */
    public DomainOperations operations() {
        return operations;
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
    void replaceDraft(XmlObject newDraft, DomainEditorPage from) {
        draft = newDraft;
        pages.stream().filter(p -> p != from).forEach(p -> p.show(draft));
    }

    // --- apply, revert, outside changes ---------------------------------------------------

    /** Redefines the domain from the working copy, or from the XML page's text if it was edited there. */
    public void apply() {
        if (draft == null || !invalid.isEmpty() || applying) {
            return;
        }
        String text = pages.stream().map(DomainEditorPage::editedText).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> LibvirtModel.save(draft));
        try {
            LibvirtModel.load(text);
        } catch (ModelException e) {
            header.show(Severity.ERROR, NLS.bind(Messages.THE_XML_IS_NOT_VALID_NOTHING, e.getMessage()));
            return;
        }
        String definition = text;
        LiveChanges live = runs() && header.alsoNow() ? liveChanges(definition) : null;
        applying = true;
        updateHeader();
        HostJob.run(NLS.bind(Messages.APPLYING_CHANGES_TO, input.getName()), () -> operations.define(definition), false)
                .thenCompose(uuid -> live == null || live.isEmpty() ? CompletableFuture.completedFuture(null)
                        : HostJob.run(NLS.bind(Messages.CHANGING_NOW, input.getName()),
                                () -> operations.changeNow(input.uuid(), live), false).handle((v, refused) -> refused))
                .whenComplete((refused, failure) -> display.asyncExec(() -> {
                    applied(failure, definition);
                    if (refused != null && !header.isDisposed()) {
                        header.show(Severity.WARNING, NLS.bind(Messages.APPLIED_FOR_THE_NEXT_BOOT_NOT,
                                HostJob.message(refused)));
                    }
                }));
    }

    /** What Apply changes on the running VM as well; {@code null} if that cannot be worked out. */
    private LiveChanges liveChanges(String definition) {
        try {
            return baseline == null ? null : LiveChanges.between(baseline, definition);
        } catch (ModelException e) {
            return null; // not a domain (the XML page's root was changed): define refuses it with the reason
        }
    }

    private void applied(Throwable failure, String definition) {
        applying = false;
        if (header.isDisposed()) {
            return;
        }
        if (failure != null) {
            header.show(Severity.ERROR, NLS.bind(Messages.LIBVIRT_REFUSED_THE_CHANGE_THE_VIRTUAL,
                    HostJob.message(failure)));
            updateButtons();
            return;
        }
        // the working copy is what libvirt has now; its own rendering arrives with the define event
        pages.forEach(DomainEditorPage::applied);
        baseline = definition;
        setDirty(false);
        header.show(Severity.NONE, Messages.APPLIED);
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
            HostJob.run(NLS.bind(Messages.READING_THE_DEFINITION_OF, record.name()),
                    () -> operations.nextBootXml(input.uuid()), false)
                    .whenComplete((text, failure) -> display.asyncExec(() -> {
                        if (generation == loads && !header.isDisposed() && !dirty) {
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
                throw new ModelException(HostJob.message(failure), failure);
            }
            show(LibvirtModel.load(text));
        } catch (ModelException e) {
            header.show(Severity.ERROR, NLS.bind(Messages.CANNOT_READ_THE_DEFINITION, e.getMessage()));
        }
    }

    private void show(XmlObject newDraft) {
        draft = newDraft;
        baseline = newDraft == null ? null : LibvirtModel.save(newDraft);
        pages.forEach(p -> p.show(draft));
        updateHeader();
    }

    private void changed(DomainChange.Kind kind) {
        if (header.isDisposed()) {
            return;
        }
        switch (kind) {
            case REMOVED -> {
                if (dirty) {
                    header.show(Severity.WARNING, Messages.THIS_VIRTUAL_MACHINE_WAS_DELETED_ON);
                } else {
                    getSite().getPage().closeEditor(this, false);
                }
            }
            case DEFINITION_CHANGED, ADDED -> {
                setPartName(input.getName());
                if (!dirty && !applying) {
                    reload();
                } else if (!applying) {
                    header.show(Severity.WARNING, Messages.THE_DEFINITION_CHANGED_ON_THE_HOST
                            + Messages.APPLY_OVERWRITES_THAT_CHANGE_REVERT_SHOWS);
                }
            }
            case STATE_CHANGED -> pages.forEach(DomainEditorPage::stateChanged);
            case STATS_SAMPLED -> {
                if (shownPage >= 0) {
                    pages.get(shownPage).statsSampled();
                }
            }
        }
    }

    // --- header ------------------------------------------------------------------------------

    /** The header line's text: what is wrong, what is going on, or nothing. */
    public String message() {
        return header.text();
    }

    private void updateHeader() {
        if (draft == null) {
            header.show(Severity.NONE, Messages.LOADING_THE_DEFINITION);
        } else if (!invalid.isEmpty()) {
            header.show(Severity.ERROR, invalid.values().iterator().next());
        } else if (applying) {
            header.show(Severity.NONE, Messages.APPLYING);
        } else if (dirty) {
            header.show(Severity.NONE, !runs() ? Messages.CHANGED_APPLY_OR_REVERT
                    : header.alsoNow() ? Messages.CHANGED_FOR_THE_NEXT_BOOT_AND
                    : Messages.CHANGED_APPLY_OR_REVERT_APPLIES_AT);
        } else {
            header.show(Severity.NONE, runs() ? Messages.RUNNING_CHANGES_APPLY_AT_THE_NEXT : "");
        }
        updateButtons();
    }

    private boolean runs() {
        DomainRecord record = record();
        return record != null && record.state().isActive();
    }

    private void updateButtons() {
        header.enable(dirty && invalid.isEmpty() && !applying && draft != null, dirty && !applying, runs());
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
        if (shownPage >= 0 && shownPage != newPageIndex) {
            pages.get(shownPage).hidden();
        }
        shownPage = newPageIndex;
        super.pageChange(newPageIndex);
        pages.get(newPageIndex).shown();
    }

    /** Shows the page with id {@code id} (e.g. {@link #HARDWARE_PAGE}). */
    public void showPage(String id) {
        setActivePage(pageIds.indexOf(id));
    }

    /** The editor's page of a type; {@code null} if it has none. */
    public <P extends DomainEditorPage> P page(Class<P> type) {
        return pages.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    /** "Also now": Apply changes a running VM now (vCPUs, memory, devices) as well as at its next boot. */
    public Button nowButton() {
        return header.nowButton();
    }

    public Button applyButton() {
        return header.applyButton();
    }
}
