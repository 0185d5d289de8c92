package dev.vireo.ui.status;

import java.util.List;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.menus.WorkbenchWindowControlContribution;

import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;

/**
 * The status line's cost of the open connections: libvirt calls and bytes in total and calls in
 * the last minute; each connection's, with its bytes in the last minute, in the tooltip. No other manager shows this; it is how a user sees
 * that an idle Vireo costs the host nothing.
 */
public class ConnectionCostControl extends WorkbenchWindowControlContribution {
    private static final int REFRESH_MS = 2000;
    private Label label;

    @Override
    protected Control createControl(Composite parent) {
        label = new Label(parent, SWT.NONE);
        // sized once, for the widest text it will show: short, so that the status line's other
        // items keep their room beside an open editor; the tooltip has each connection's figures
        label.setText(Messages.LIBVIRT_0000000_CALLS_0000_MIB);
        // after the toolbar has taken its width from that text: the figures come later, not now
        label.getDisplay().asyncExec(this::refresh);
        return label;
    }

    private void refresh() {
        if (label == null || label.isDisposed()) {
            return;
        }
        List<VirtConnection> connections = Services.connections().connections();
        long calls = 0, bytes = 0, recentCalls = 0;
        StringBuilder tip = new StringBuilder();
        for (VirtConnection c : connections) {
            ConnectionCost.Figures f = ConnectionCost.of(c);
            calls += f.calls();
            bytes += f.bytes();
            recentCalls += f.callsLastMinute();
            tip.append(c.uri()).append(": ").append(f.summary()).append('\n');
        }
        label.setText(NLS.bind(Messages.LIBVIRT_CALLS_MIN, new Object[] { calls, ConnectionCost.kib(bytes),
                recentCalls }));
        label.setToolTipText(tip.length() == 0 ? Messages.NO_CONNECTIONS : tip.toString().trim());
        label.getParent().layout();
        label.getDisplay().timerExec(REFRESH_MS, this::refresh);
    }

    /** The text shown, for tests and screenshots. */
    public String text() {
        return label.getText();
    }
}
