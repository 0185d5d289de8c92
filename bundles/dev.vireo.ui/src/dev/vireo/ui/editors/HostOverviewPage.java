package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;

import dev.vireo.api.NodeInfo;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.Units;
import dev.vireo.model.XmlObject;
import dev.vireo.operations.HostOperations;
import dev.vireo.ui.Messages;
import dev.vireo.ui.status.ConnectionCost;

/** The host (CPU, memory, capabilities from the cache) and the cost of Vireo's connection to it. */
public class HostOverviewPage {
    private static final int REFRESH_MS = 2000;
    private final HostEditor editor;
    private final Composite control;
    private final Label state, cpu, memory, topology, arch, guests, cost;
    private final Table calls;

    HostOverviewPage(HostEditor editor, Composite parent) {
        this.editor = editor;
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).spacing(12, 6).applyTo(control);
        HostEditor.valueRow(control, Messages.CONNECTION).setText(NLS.bind(Messages.LIBVIRT,
                editor.input().connection().uri(), Objects.requireNonNullElse(editor.input().connection().libvirtUri(),
                        Messages.NOT_ASKED_YET)));
        state = HostEditor.valueRow(control, Messages.STATE);
        cpu = HostEditor.valueRow(control, Messages.CPU);
        topology = HostEditor.valueRow(control, Messages.TOPOLOGY);
        memory = HostEditor.valueRow(control, Messages.MEMORY);
        arch = HostEditor.valueRow(control, Messages.ARCHITECTURE);
        guests = HostEditor.valueRow(control, Messages.GUESTS);
        cost = HostEditor.valueRow(control, Messages.CONNECTION_COST);
        Label heading = new Label(control, SWT.NONE);
        heading.setText(Messages.LIBVIRT_CALLS_MADE_BY_VIREO_ON);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(heading);
        calls = HostEditor.table(control, Messages.API, Messages.CALLS);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(calls);
        showCapabilities();
        editor.run(Messages.READING_THE_HOST_S_CPU_AND, new HostOperations(editor.monitor())::nodeInfo)
                .thenAccept(info -> control.getDisplay().asyncExec(() -> showNode(info)));
        refreshCost();
    }

    Control control() {
        return control;
    }

    public String costText() {
        return cost.getText();
    }

    public String cpuText() {
        return cpu.getText();
    }

    private void showNode(NodeInfo info) {
        if (control.isDisposed()) {
            return;
        }
        cpu.setText(NLS.bind(Messages.MHZ, new Object[] { info.cpus(), info.cpuModel(), info.mhz() }));
        topology.setText(NLS.bind(Messages.SOCKETS_CORES_THREADS_NUMA_NODES, new Object[] { info.sockets(),
                info.cores(), info.threads(), info.numaNodes() }));
        memory.setText(Units.formatKiB(info.memoryKiB()));
        control.layout();
    }

    /** From the capabilities the monitor loaded with the session: no call. */
    private void showCapabilities() {
        String xml = editor.monitor().capabilitiesXml();
        if (xml == null) {
            return;
        }
        try {
            XmlObject caps = LibvirtModel.load(xml);
            arch.setText(caps.string("hostArch") + (caps.string("hostCpuModel") == null ? "" : ", "
                    + caps.string("hostCpuModel")));
            List<String> kinds = new ArrayList<>();
            for (XmlObject g : caps.<XmlObject>list("guests")) {
                kinds.add(g.string("osType") + " " + g.string("arch") + " (" + String.join(", ",
                        g.<String>list("domainTypes")) + ")");
            }
            guests.setText(String.join("; ", kinds));
        } catch (ModelException e) {
            guests.setText(NLS.bind(Messages.CANNOT_READ_THE_CAPABILITIES, e.getMessage()));
        }
    }

    private void refreshCost() {
        if (control.isDisposed()) {
            return;
        }
        var connection = editor.input().connection();
        state.setText(connection.state().label() + (connection.failure() == null ? "" : ": " + connection.failure()));
        cost.setText(ConnectionCost.of(connection).summary());
        Map<String, Long> byApi = connection.calls().snapshot();
        HostEditor.fill(calls, new ArrayList<>(byApi.entrySet()), Map.Entry::getKey,
                e -> new String[] { e.getKey(), Long.toString(e.getValue()) });
        control.layout();
        control.getDisplay().timerExec(REFRESH_MS, this::refreshCost);
    }
}
