package dev.vireo.ui.wizards;

import java.time.LocalDate;
import java.util.ArrayList;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.List;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;
import dev.vireo.operations.HostCapabilities;
import dev.vireo.osinfo.OsDatabase;
import dev.vireo.osinfo.OsInfo;
import dev.vireo.ui.Messages;

/**
 * The OS, searched in libosinfo's database as you type (or detected from the ISO); architecture,
 * machine and hypervisor from the host's capabilities; memory and vCPUs as the OS recommends,
 * within the host's size.
 */
public class HardwarePage extends WizardPage {
    /** The most matches the OS list shows; typing narrows it. */
    private static final int SHOWN = 200;
    private final NewVmWizard wizard;
    private Text osSearch;
    private List osList;
    private java.util.List<OsInfo> shown = java.util.List.of();
    /** The OS whose recommendations the spinners show. */
    private OsInfo applied;
    private Combo guest, machine;
    private Spinner memory, vcpus;
    private Label limits;
    private java.util.List<XmlObject> guests = java.util.List.of();

    HardwarePage(NewVmWizard wizard) {
        super("hardware", Messages.OPERATING_SYSTEM_CPU_AND_MEMORY, null);
        this.wizard = wizard;
        setDescription(Messages.THE_OS_COMES_FROM_LIBOSINFO_S);
    }

    public Spinner memorySpinner() {
        return memory;
    }

    public Text osSearchText() {
        return osSearch;
    }

    /** The OSes the list shows now, in its order. */
    public java.util.List<OsInfo> shownOses() {
        return shown;
    }

    /** Picks an OS of the list as a click on it does. */
    public void chooseOs(OsInfo os) {
        osList.setSelection(shown.indexOf(os));
        osChosen(os);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        new Label(c, SWT.NONE).setText(Messages.OPERATING_SYSTEM_2);
        osSearch = new Text(c, SWT.BORDER | SWT.SEARCH | SWT.ICON_SEARCH);
        osSearch.setMessage(Messages.TYPE_TO_SEARCH_LIBOSINFO_S_OS);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(osSearch);
        osSearch.addListener(SWT.Modify, e -> filterOses());
        new Label(c, SWT.NONE);
        osList = new List(c, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 120).applyTo(osList);
        osList.addListener(SWT.Selection, e -> {
            int i = osList.getSelectionIndex();
            if (i >= 0) {
                wizard.spec.osChosen = true;
                osChosen(shown.get(i));
            }
        });
        guest = combo(c, Messages.ARCHITECTURE_AND_HYPERVISOR);
        guest.addListener(SWT.Selection, e -> guestChosen());
        machine = combo(c, Messages.MACHINE_TYPE_2);
        machine.addListener(SWT.Selection, e -> wizard.spec.machine = machine.getSelectionIndex() == 0 ? null
                : machine.getText());
        new Label(c, SWT.NONE).setText(Messages.MEMORY_MIB);
        memory = new Spinner(c, SWT.BORDER);
        memory.setValues((int) wizard.spec.memoryMiB, 64, 1 << 22, 0, 256, 1024);
        memory.addListener(SWT.Modify, e -> wizard.spec.memoryMiB = memory.getSelection());
        new Label(c, SWT.NONE).setText(Messages.VCPUS);
        vcpus = new Spinner(c, SWT.BORDER);
        vcpus.setValues(wizard.spec.vcpus, 1, 4096, 0, 1, 4);
        vcpus.addListener(SWT.Modify, e -> wizard.spec.vcpus = vcpus.getSelection());
        limits = new Label(c, SWT.NONE);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(limits);
        setControl(c);
    }

    private static Combo combo(Composite c, String label) {
        new Label(c, SWT.NONE).setText(label);
        Combo combo = new Combo(c, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
        return combo;
    }

    /** Lists the OSes matching the search: the generic choice first, then the database's newest first. */
    private void filterOses() {
        OsDatabase db = wizard.osDatabase.getNow(null);
        java.util.List<OsInfo> matches = new ArrayList<>(java.util.List.of(OsInfo.GENERIC));
        if (db != null) {
            String today = LocalDate.now().toString();
            db.search(osSearch.getText(), today).stream().limit(SHOWN).forEach(matches::add);
        }
        if (!osSearch.getText().isBlank()) {
            matches.remove(OsInfo.GENERIC);
        }
        if (!matches.contains(wizard.spec.os)) {
            matches.add(0, wizard.spec.os); // the chosen or detected one stays visible
        }
        shown = matches;
        osList.setItems(matches.stream().map(os -> os.isGeneric() ? os.name() : os.name() + "  (" + os.shortId() + ")")
                .toArray(String[]::new));
        osList.setSelection(matches.indexOf(wizard.spec.os));
    }

    /** The OS's recommended memory and vCPUs, and the devices it gets, follow the choice. */
    private void osChosen(OsInfo os) {
        wizard.spec.os = os;
        applied = os;
        String arch = wizard.spec.arch == null ? "x86_64" : wizard.spec.arch;
        if (os.recommendedRamMiB(arch) > 0) {
            memory.setSelection((int) Math.min(memory.getMaximum(), os.recommendedRamMiB(arch)));
        }
        if (os.recommendedCpus(arch) > 0) {
            vcpus.setSelection(Math.min(vcpus.getMaximum(), os.recommendedCpus(arch)));
        }
        readDomainCapabilities();
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible) {
            if (wizard.osDatabase.isDone()) {
                filterOses();
            } else {
                osList.setItems(Messages.READING_LIBOSINFO_S_OS_LIST);
                Display display = getShell().getDisplay();
                wizard.osDatabase.thenRun(() -> display.asyncExec(() -> {
                    if (!osList.isDisposed()) {
                        filterOses();
                    }
                }));
            }
            readCapabilities();
            if (wizard.spec.os != applied) {
                osChosen(wizard.spec.os); // detected from the ISO since: its recommendations
            }
            if (wizard.node != null) {
                memory.setMaximum((int) (wizard.node.memoryKiB() / 1024));
                vcpus.setMaximum(wizard.node.cpus());
                limits.setText(NLS.bind(Messages.THIS_HOST_HAS_CPUS_AND_MIB, wizard.node.cpus(),
                        wizard.node.memoryKiB() / 1024));
            }
        }
        super.setVisible(visible);
    }

    /** From the capabilities the monitor holds: no call. */
    private void readCapabilities() {
        guest.removeAll();
        try {
            String xml = wizard.monitor().capabilitiesXml();
            guests = xml == null ? java.util.List.of() : LibvirtModel.load(xml).<XmlObject>list("guests").stream()
                    .filter(g -> "hvm".equals(g.string("osType"))).toList();
        } catch (ModelException e) {
            guests = java.util.List.of();
            setErrorMessage(NLS.bind(Messages.CANNOT_READ_THE_HOST_S_CAPABILITIES, e.getMessage()));
        }
        for (XmlObject g : guests) {
            for (String type : g.<String>list("domainTypes")) {
                guest.add(g.string("arch") + " · " + type);
            }
        }
        if (guest.getItemCount() > 0) {
            guest.select(Math.max(0, defaultGuest()));
        }
        guestChosen();
    }

    /** The host's own architecture, with KVM where it has it: virt-install's default. */
    private int defaultGuest() {
        try {
            String arch = HostCapabilities.hostArch(wizard.monitor().capabilitiesXml());
            java.util.List<String> items = java.util.List.of(guest.getItems());
            int kvm = items.indexOf(arch + " · kvm");
            return kvm >= 0 ? kvm : items.indexOf(arch + " · qemu");
        } catch (ModelException | RuntimeException e) {
            return 0;
        }
    }

    private void guestChosen() {
        machine.removeAll();
        String[] chosen = guest.getText().split(" · ");
        wizard.spec.arch = chosen.length == 2 ? chosen[0] : null;
        wizard.spec.domainType = chosen.length == 2 ? chosen[1] : null;
        machine.add(Messages.AS_VIRT_INSTALL_PICKS_IT_FOR);
        guests.stream().filter(g -> g.string("arch").equals(wizard.spec.arch)).findFirst()
                .ifPresent(g -> g.<String>list("machines").forEach(machine::add));
        machine.select(0);
        wizard.spec.machine = null; // as virt-install picks it for the OS, unless the user picks one
        wizard.host = null;
        String xml = wizard.monitor().capabilitiesXml();
        if (xml != null && wizard.spec.arch != null) {
            try {
                wizard.host = HostCapabilities.of(xml, wizard.spec.arch).withDomainType(wizard.spec.domainType);
            } catch (ModelException e) {
                setErrorMessage(NLS.bind(Messages.CANNOT_READ_THE_HOST_S_CAPABILITIES, e.getMessage()));
            }
        }
        readDomainCapabilities();
    }

    /** Firmware, TPM and video of the machine the OS gets: from the monitor's cache, else one call in the background. */
    private void readDomainCapabilities() {
        HostCapabilities h = wizard.host;
        if (h == null) {
            return;
        }
        String machineType = h.machineFor(wizard.spec.os);
        wizard.monitor().domainCapabilities(h.arch(), machineType, h.domainType()).thenAccept(xml -> {
            try {
                if (wizard.host == h) {
                    wizard.host = h.with(xml);
                }
            } catch (ModelException e) {
                // a host whose domain capabilities do not read is treated as offering no firmware, TPM or virtio video
            }
        });
    }
}
