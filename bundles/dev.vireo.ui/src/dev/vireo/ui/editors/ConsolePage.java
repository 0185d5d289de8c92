package dev.vireo.ui.editors;

import java.net.URI;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;

import dev.vireo.model.DomainQueries;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.widgets.VncViewer;

/**
 * The machine's graphical console: its VNC display, found in the running domain's XML (port and
 * listen address) on the connection's host. Send Ctrl+Alt+Del, scale to fit, save a screenshot.
 */
public class ConsolePage {
    private final DomainEditor editor;
    private final Composite control;
    private final VncViewer viewer;
    private final Label status;

    ConsolePage(DomainEditor editor, Composite parent) {
        this.editor = editor;
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(6).applyTo(control);
        HostEditor.button(control, "&Connect", this::connect);
        HostEditor.button(control, "&Disconnect", () -> viewer().disconnect());
        HostEditor.button(control, "Send Ctrl+Alt+&Del", () -> viewer().sendCtrlAltDel());
        Button scale = new Button(control, SWT.CHECK);
        scale.setText("&Scale to fit");
        scale.setSelection(true);
        scale.addListener(SWT.Selection, e -> viewer().setScale(scale.getSelection()));
        HostEditor.button(control, "Screens&hot...", this::screenshot);
        status = new Label(control, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        viewer = new VncViewer(control);
        GridDataFactory.fillDefaults().span(6, 1).grab(true, true).applyTo(viewer);
        viewer.onStatus(() -> {
            status.setText(viewer.status());
            control.layout();
        });
    }

    Control control() {
        return control;
    }

    public VncViewer viewer() {
        return viewer;
    }

    /** Where the display is: "host:port", or why there is none. */
    public String endpoint() {
        DomainRecord d = editor.record();
        if (d == null || !d.state().isActive() || d.definition() == null) {
            return null;
        }
        for (XmlObject g : DomainQueries.graphics(d.definition().model())) {
            Integer port = (Integer) g.get("port");
            if ("vnc".equals(g.string("type")) && port != null && port > 0) {
                return host(g.string("listen")) + ":" + port;
            }
        }
        return null;
    }

    private String host(String listen) {
        if (listen != null && !listen.isEmpty() && !listen.equals("0.0.0.0") && !listen.equals("::")
                && !listen.startsWith("127.")) {
            return listen;
        }
        String host = URI.create(editor.input().connection().libvirtUri()).getHost();
        return host == null || host.isEmpty() ? "127.0.0.1" : host;
    }

    void shown() {
        if (!viewer.isConnected()) {
            connect();
        }
    }

    private void connect() {
        String scheme = URI.create(editor.input().connection().libvirtUri()).getScheme();
        String endpoint = endpoint();
        if (scheme != null && scheme.endsWith("+ssh")) {
            status.setText("The console through an SSH tunnel is not supported yet.");
        } else if (endpoint == null) {
            status.setText("No VNC display: the machine is not running or has no VNC graphics.");
        } else {
            int colon = endpoint.lastIndexOf(':');
            viewer.connect(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)));
        }
        control.layout();
    }

    private void screenshot() {
        if (viewer.screen() == null) {
            return;
        }
        FileDialog dialog = new FileDialog(control.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] { "*.png" });
        dialog.setFileName(editor.input().getName() + ".png");
        String file = dialog.open();
        if (file != null) {
            viewer.saveScreenshot(file);
        }
    }
}
