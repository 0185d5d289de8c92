package dev.vireo.ui.wizards;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;

/** OS type, and architecture, machine and hypervisor from the host's capabilities; memory and vCPUs within the host's size. */
public class HardwarePage extends WizardPage {
    private final NewVmWizard wizard;
    private Combo os, guest, machine;
    private Spinner memory, vcpus;
    private Label limits;
    private List<XmlObject> guests = List.of();

    HardwarePage(NewVmWizard wizard) {
        super("hardware", "Operating system, CPU and memory", null);
        this.wizard = wizard;
        setDescription("The choices come from the host's capabilities.");
    }

    public Spinner memorySpinner() {
        return memory;
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        os = combo(c, "Operating system:");
        for (NewVmWizard.OsType t : NewVmWizard.OsType.values()) {
            os.add(t.label);
        }
        os.select(wizard.spec.os.ordinal());
        os.addListener(SWT.Selection, e -> wizard.spec.os = NewVmWizard.OsType.values()[os.getSelectionIndex()]);
        guest = combo(c, "Architecture and hypervisor:");
        guest.addListener(SWT.Selection, e -> guestChosen());
        machine = combo(c, "Machine type:");
        machine.addListener(SWT.Selection, e -> wizard.spec.machine = machine.getText());
        new Label(c, SWT.NONE).setText("Memory (MiB):");
        memory = new Spinner(c, SWT.BORDER);
        memory.setValues((int) wizard.spec.memoryMiB, 64, 1 << 22, 0, 256, 1024);
        memory.addListener(SWT.Modify, e -> wizard.spec.memoryMiB = memory.getSelection());
        new Label(c, SWT.NONE).setText("vCPUs:");
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

    @Override
    public void setVisible(boolean visible) {
        if (visible) {
            readCapabilities();
            if (wizard.node != null) {
                memory.setMaximum((int) (wizard.node.memoryKiB() / 1024));
                vcpus.setMaximum(wizard.node.cpus());
                limits.setText("This host has " + wizard.node.cpus() + " CPUs and " + wizard.node.memoryKiB() / 1024
                        + " MiB of memory.");
            }
        }
        super.setVisible(visible);
    }

    /** From the capabilities the monitor holds: no call. */
    private void readCapabilities() {
        guest.removeAll();
        try {
            String xml = wizard.monitor().capabilitiesXml();
            guests = xml == null ? List.of() : LibvirtModel.load(xml).<XmlObject>list("guests").stream()
                    .filter(g -> "hvm".equals(g.string("osType"))).toList();
        } catch (ModelException e) {
            guests = List.of();
            setErrorMessage("Cannot read the host's capabilities: " + e.getMessage());
        }
        for (XmlObject g : guests) {
            for (String type : g.<String>list("domainTypes")) {
                guest.add(g.string("arch") + " · " + type);
            }
        }
        if (guest.getItemCount() > 0) {
            guest.select(0);
        }
        guestChosen();
    }

    private void guestChosen() {
        machine.removeAll();
        String[] chosen = guest.getText().split(" · ");
        wizard.spec.arch = chosen.length == 2 ? chosen[0] : null;
        wizard.spec.domainType = chosen.length == 2 ? chosen[1] : null;
        guests.stream().filter(g -> g.string("arch").equals(wizard.spec.arch)).findFirst()
                .ifPresent(g -> g.<String>list("machines").forEach(machine::add));
        if (machine.getItemCount() > 0) {
            machine.select(0);
        }
        wizard.spec.machine = machine.getText();
    }
}
