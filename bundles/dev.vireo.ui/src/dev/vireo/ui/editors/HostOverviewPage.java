package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
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
        HostEditor.valueRow(control, "Connection").setText(editor.input().connection().uri() + "  (libvirt: "
                + Objects.requireNonNullElse(editor.input().connection().libvirtUri(), "not asked yet") + ")");
        state = HostEditor.valueRow(control, "State");
        cpu = HostEditor.valueRow(control, "CPU");
        topology = HostEditor.valueRow(control, "Topology");
        memory = HostEditor.valueRow(control, "Memory");
        arch = HostEditor.valueRow(control, "Architecture");
        guests = HostEditor.valueRow(control, "Guests");
        cost = HostEditor.valueRow(control, "Connection cost");
        Label heading = new Label(control, SWT.NONE);
        heading.setText("libvirt calls made by Vireo on this connection, by API:");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(heading);
        calls = HostEditor.table(control, "API:300", "Calls:90");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(calls);
        showCapabilities();
        editor.run("Reading the host's CPU and memory", new HostOperations(editor.monitor())::nodeInfo)
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
        cpu.setText(info.cpus() + " × " + info.cpuModel() + " @ " + info.mhz() + " MHz");
        topology.setText(info.sockets() + " sockets, " + info.cores() + " cores, " + info.threads()
                + " threads, " + info.numaNodes() + " NUMA nodes");
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
            arch.setText(caps.string("hostArch") + (caps.string("hostCpuModel") == null ? "" : ", " + caps.string("hostCpuModel")));
            List<String> kinds = new ArrayList<>();
            for (XmlObject g : caps.<XmlObject>list("guests")) {
                kinds.add(g.string("osType") + " " + g.string("arch") + " (" + String.join(", ", g.<String>list("domainTypes")) + ")");
            }
            guests.setText(String.join("; ", kinds));
        } catch (ModelException e) {
            guests.setText("cannot read the capabilities: " + e.getMessage());
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
