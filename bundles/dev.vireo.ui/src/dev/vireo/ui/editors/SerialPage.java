package dev.vireo.ui.editors;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import dev.vireo.api.ConsoleChannel;
import dev.vireo.operations.HostOperations;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.widgets.SerialConsole;

/** The machine's serial console, through libvirt's console stream (works over any connection, SSH included). */
public class SerialPage implements DomainEditorPage {
    private DomainEditor editor;
    private Composite control;
    private SerialConsole terminal;
    private Label status;
    private boolean supported;

    @Override
    public Control createControl(DomainEditor editor, Composite parent) {
        this.editor = editor;
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(control);
        supported = Services.drivers().forUri(editor.input().connection().uri())
                .map(d -> d.capabilities().consoles().contains("serial")).orElse(true);
        HostEditor.button(control, Messages.CONNECT_2, this::connect).setEnabled(supported);
        HostEditor.button(control, Messages.DISCONNECT, this::disconnect).setEnabled(supported);
        status = new Label(control, SWT.NONE);
        status.setText(supported ? "" : Messages.THIS_DRIVER_HAS_NO_SERIAL_CONSOLE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        terminal = new SerialConsole(control);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).applyTo(terminal);
        return control;
    }


    public SerialConsole terminal() {
        return terminal;
    }

    public String status() {
        return status.getText();
    }

    private void disconnect() {
        terminal.detach();
        status.setText(Messages.DISCONNECTED);
    }

    @Override
    public void shown() {
        if (supported && editor.record() != null && editor.record().state().isActive()) {
            connect();
        }
    }

    /** Opens the console as a Job; the terminal shows it once open. */
    public CompletableFuture<ConsoleChannel> connect() {
        String uuid = editor.input().uuid();
        status.setText(Messages.OPENING_THE_SERIAL_CONSOLE);
        HostOperations host = new HostOperations(editor.monitor());
        return HostJob.run(NLS.bind(Messages.OPENING_THE_SERIAL_CONSOLE_OF, editor.input().getName()),
                () -> host.openSerialConsole(uuid),
                false).whenComplete((stream, failure) -> control.getDisplay().asyncExec(() -> {
                    if (control.isDisposed()) {
                        if (stream != null) {
                            stream.free(); // queued to the stream's own thread, not made here
                        }
                    } else if (failure != null) {
                        status.setText(NLS.bind(Messages.CANNOT_OPEN_THE_SERIAL_CONSOLE, HostJob.message(failure)));
                    } else {
                        terminal.attach(stream);
                        status.setText(Messages.CONNECTED);
                    }
                }));
    }
}
