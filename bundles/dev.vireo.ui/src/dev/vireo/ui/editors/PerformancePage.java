package dev.vireo.ui.editors;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import dev.vireo.model.XmlObject;
import dev.vireo.monitor.StatsSample;
import dev.vireo.ui.Messages;
import dev.vireo.ui.widgets.Graph;
import dev.vireo.ui.widgets.Plot;

/** CPU, memory, disk and network graphs over the monitor's last samples of this domain. */
public class PerformancePage implements DomainEditorPage {
    private Composite control;
    private List<Graph> graphs;

    @Override
    public Control createControl(DomainEditor editor, Composite parent) {
        control = new Composite(parent, SWT.NONE);
        control.setLayout(new GridLayout(2, true));
        java.util.function.Supplier<List<StatsSample>> samples = () -> editor.monitor().history(editor.input().uuid());
        graphs = List.of(
                graph(Messages.CPU_USAGE, "%", 100, () -> Plot.cpu(samples.get())),
                graph(Messages.MEMORY, Messages.MIB, 1, () -> Plot.memoryMiB(samples.get())),
                graph(Messages.DISK_I_O, Messages.KIB_S, 1, () -> Plot.rateKiB(samples.get(), StatsSample::diskBytes)),
                graph(Messages.NETWORK_I_O, Messages.KIB_S, 1, () -> Plot.rateKiB(samples.get(),
                        StatsSample::netBytes)));
        return control;
    }

    private Graph graph(String title, String unit, double minimumScale, java.util.function.Supplier<double[]> values) {
        Graph graph = new Graph(control, title, unit, minimumScale, values);
        graph.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        return graph;
    }


    public List<Graph> graphs() {
        return graphs;
    }

    /** Redraws the graphs from the monitor's history. */
    public void refresh() {
        graphs.forEach(Graph::redraw);
    }

    @Override
    public void show(XmlObject draft) {
        refresh();
    }

    @Override
    public void shown() {
        refresh();
    }

    @Override
    public void statsSampled() {
        refresh();
    }
}
