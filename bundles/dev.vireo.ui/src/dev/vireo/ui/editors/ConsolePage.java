package dev.vireo.ui.editors;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.keys.IBindingService;

import dev.vireo.model.DomainQueries;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.rfb.Preferences;
import dev.vireo.ui.Messages;
import dev.vireo.ui.widgets.VncKeys;
import dev.vireo.ui.widgets.VncViewer;

/**
 * The machine's graphical console: its VNC display, found in the running domain's XML (port and
 * listen address) on the connection's host. Send Ctrl+Alt+Del and other keys, choose the picture's
 * quality (lossless, or JPEG for slow links: chosen by the link's round trip unless the user
 * says), scale to fit, show 1:1 or resize the guest's screen to fit, full screen, a screenshot.
 * SPICE, which Vireo's viewer does not speak (virt-manager's default for new VMs), and VNC too,
 * open in Remote Viewer (Debian's {@code virt-viewer}), which reaches the VM through libvirt and
 * handles ssh itself.
 */
public class ConsolePage implements DomainEditorPage {
    private DomainEditor editor;
    private Composite control;
    private VncViewer viewer;
    private Label status;
    private Process remoteViewer;
    private ConsoleKeyboard keyboard;
    private Combo quality;
    private boolean askedForLiveXml;

    /** The Quality choices, in the order of {@link Preferences.Quality}. */
    public static final String[] QUALITIES = { Messages.QUALITY_AUTOMATIC, Messages.LOSSLESS, Messages.JPEG_GOOD,
            Messages.JPEG_LOW };
    /** The View choices. */
    static final String[] VIEWS = { Messages.SCALE_TO_FIT, Messages.ACTUAL_SIZE_1_1, Messages.RESIZE_GUEST_TO_FIT };

    @Override
    public Control createControl(DomainEditor editor, Composite parent) {
        this.editor = editor;
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(control);
        Composite bar = new Composite(control, SWT.NONE); // wraps when the editor is narrow
        RowLayout row = new RowLayout();
        row.center = true;
        row.marginLeft = row.marginTop = row.marginRight = row.marginBottom = 0;
        bar.setLayout(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        Button connect = HostEditor.button(bar, Messages.CONNECT_2, this::connect);
        HostEditor.button(bar, Messages.DISCONNECT, () -> viewer().disconnect());
        Button keys = new Button(bar, SWT.PUSH);
        keys.setText(Messages.SEND_KEY);
        keys.addListener(SWT.Selection, e -> sendKeyMenu(keys).setVisible(true));
        quality = choices(bar, QUALITIES, i -> viewer.setQuality(Preferences.Quality.values()[i]));
        Combo view = choices(bar, VIEWS, i -> {
            viewer.setScale(i == 0);
            viewer.setResizeGuest(i == 2);
        });
        quality.setToolTipText(Messages.LOSSLESS_ON_THIS_MACHINE_OR_A);
        view.setToolTipText(Messages.RESIZING_THE_GUEST_NEEDS_A_SERVER);
        HostEditor.button(bar, Messages.SCREENS_HOT, this::screenshot);
        HostEditor.button(bar, Messages.FULL_SCREEN, this::fullScreen);
        HostEditor.button(bar, Messages.OPEN_IN_REMOTE_VIEWER, this::openRemoteViewer);
        status = new Label(control, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        viewer = new VncViewer(control);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer);
        keyboard = new ConsoleKeyboard(viewer, editor.getSite().getService(IBindingService.class), connect);
        viewer.onStatus(() -> {
            status.setText(viewer.status());
            control.layout();
        });
        return control;
    }

    private static Combo choices(Composite bar, String[] items, IntConsumer chosen) {
        Combo combo = new Combo(bar, SWT.READ_ONLY);
        combo.setItems(items);
        combo.select(0);
        combo.addListener(SWT.Selection, e -> chosen.accept(combo.getSelectionIndex()));
        return combo;
    }

    public VncViewer viewer() {
        return viewer;
    }

    /** The Quality choice: {@link #QUALITIES}. */
    public Combo quality() {
        return quality;
    }

    /** The display alone on the screen, with the keyboard, until Ctrl+Alt. */
    public void fullScreen() {
        keyboard.enterFullScreen();
    }

    /** Send Key: the chords the desktop would take (Ctrl+Alt+Del, Ctrl+Alt+F1..F12...), for the guest. */
    public Menu sendKeyMenu(Control owner) {
        Menu menu = new Menu(owner);
        for (String name : VncKeys.SEND_KEYS.keySet()) {
            MenuItem item = new MenuItem(menu, SWT.PUSH);
            item.setText(name);
            item.addListener(SWT.Selection, e -> viewer.sendKeys(name));
        }
        return menu;
    }

    public String status() {
        return status.getText();
    }

    /** The Remote Viewer this page started last, {@code null} if none. */
    public Process remoteViewer() {
        return remoteViewer;
    }

    /**
     * Starts {@code virt-viewer} for this VM and connection (as the user knows the connection, so
     * it runs ssh and asks for passwords itself), or says plainly that it is not installed.
     */
    public void openRemoteViewer() {
        Path program = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(dir -> Path.of(dir, "virt-viewer")).filter(Files::isExecutable).findFirst().orElse(null);
        if (program == null) {
            show(Messages.REMOTE_VIEWER_IS_NOT_INSTALLED_INSTALL);
            return;
        }
        try {
            remoteViewer = new ProcessBuilder(program.toString(), "--connect", editor.input().connection().uri(), "--",
                    editor.input().uuid()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            show(NLS.bind(Messages.REMOTE_VIEWER_OPENED_FOR, editor.input().getName()));
        } catch (IOException e) {
            show(NLS.bind(Messages.CANNOT_START_REMOTE_VIEWER, e.getMessage()));
        }
    }

    private void show(String text) {
        status.setText(text);
        control.layout();
    }

    /**
     * The running machine's VNC graphics in the cache's XML: [listen address, port, password], or
     * {@code null}; the password only where the cache holds it (libvirt gives it to those who may read it).
     */
    private String[] display() {
        DomainRecord d = editor.record();
        if (d == null || !d.state().isActive() || d.definition() == null) {
            return null;
        }
        for (XmlObject g : DomainQueries.graphics(d.definition().model())) {
            Integer port = (Integer) g.get("port");
            if ("vnc".equals(g.string("type")) && port != null && port > 0) {
                return new String[] { g.string("listen"), Integer.toString(port), g.string("passwd") };
            }
        }
        return null;
    }

    private static boolean local(String listen) {
        return listen == null || listen.isEmpty() || listen.equals("0.0.0.0") || listen.equals("::")
                || listen.startsWith("127.");
    }

    @Override
    public void shown() {
        if (!viewer.isConnected()) {
            connect();
        }
    }

    /**
     * To the display: directly to the connection's host (or the listen address), or for an
     * {@code +ssh} connection through an SSH tunnel to the address as the host sees it.
     */
    private void connect() {
        String[] display = display();
        DomainRecord running = editor.record();
        if (display == null && running != null && running.state().isActive() && !askedForLiveXml) {
            // the cache may hold the XML from before the start, with no port yet: asked for once
            askedForLiveXml = true;
            show(Messages.ASKING_THE_HOST_FOR_THE_DISPLAY);
            editor.monitor().refreshXml(running.uuid()).whenComplete((v, e) -> control.getDisplay().asyncExec(() -> {
                if (!control.isDisposed()) {
                    connect();
                }
            }));
            return;
        }
        askedForLiveXml = false;
        if (display == null) {
            DomainRecord d = editor.record();
            boolean spice = d != null && d.definition() != null
                    && DomainQueries.graphics(d.definition().model()).stream()
                    .anyMatch(g -> "spice".equals(g.string("type")));
            show(spice ? Messages.THE_DISPLAY_IS_SPICE_WHICH_VIREO
                    : Messages.NO_VNC_DISPLAY_THE_MACHINE_IS);
            return;
        }
        String libvirtUri = editor.input().connection().libvirtUri();
        URI uri = URI.create(libvirtUri);
        int port = Integer.parseInt(display[1]);
        viewer.setPassword(display[2]);
        viewer.rememberPasswordsAs("vnc:" + editor.input().connection().uri() + "#" + editor.input().uuid());
        if (uri.getScheme() != null && uri.getScheme().endsWith("+ssh")) {
            viewer.connectThroughSsh(libvirtUri, local(display[0]) ? "127.0.0.1" : display[0], port);
        } else {
            String host = uri.getHost() == null || uri.getHost().isEmpty() ? "127.0.0.1" : uri.getHost();
            viewer.connect(local(display[0]) ? host : display[0], port);
        }
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
