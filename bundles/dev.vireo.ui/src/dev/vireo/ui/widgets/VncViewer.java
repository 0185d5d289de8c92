package dev.vireo.ui.widgets;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

import dev.vireo.rfb.Frame;
import dev.vireo.rfb.RfbClient;
import dev.vireo.rfb.SshTunnel;

/**
 * A VNC display: draws an {@link RfbClient}'s screen, scaled to fit or not, and sends it the keys
 * and pointer. Connecting and reading happen off the UI thread; screen updates are folded into
 * one repaint per UI turn.
 */
public class VncViewer extends Canvas {
    private final AtomicBoolean repaintPending = new AtomicBoolean();
    private volatile RfbClient client;
    private volatile SshTunnel tunnel;
    private volatile String status = "Not connected.";
    private volatile String password;
    private boolean scale = true;
    private Image image;
    private Runnable statusListener = () -> {
    };

    public VncViewer(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.KeyDown, e -> key(e, true));
        addListener(SWT.KeyUp, e -> key(e, false));
        addListener(SWT.MouseMove, e -> pointer(e, e.stateMask));
        addListener(SWT.MouseDown, e -> pointer(e, e.stateMask | buttonMask(e.button)));
        addListener(SWT.MouseUp, e -> pointer(e, e.stateMask & ~buttonMask(e.button)));
        addListener(SWT.Traverse, e -> e.doit = false); // Tab and Escape go to the guest
        addListener(SWT.Dispose, e -> disconnect());
    }

    /** Connects in the background; {@link #status()} tells how it went. */
    public void connect(String host, int port) {
        connect(host + ":" + port, () -> RfbClient.connect(host, port, listener(), () -> password(host + ":" + port)));
    }

    /**
     * Connects through an SSH tunnel to the host of a libvirt {@code +ssh} URI, to the display at
     * {@code remoteHost:remotePort} as that host sees it; the tunnel closes with the viewer.
     */
    public void connectThroughSsh(String libvirtUri, String remoteHost, int remotePort) {
        connect(remoteHost + ":" + remotePort + " through ssh", () -> {
            SshTunnel opened = SshTunnel.open(libvirtUri, remoteHost, remotePort);
            tunnel = opened;
            try {
                return RfbClient.connect(opened.input(), opened.output(), opened, listener(),
                        () -> password(remoteHost + ":" + remotePort));
            } catch (IOException e) {
                String ssh = opened.messages();
                throw new IOException(e.getMessage() + (ssh.isEmpty() ? "" : " (ssh: " + ssh + ")"), e);
            }
        });
    }

    private interface Opener {
        RfbClient open() throws IOException;
    }

    private void connect(String where, Opener opener) {
        disconnect();
        setStatus("Connecting to " + where + "...");
        Thread t = new Thread(() -> {
            try {
                RfbClient c = opener.open();
                client = c;
                setStatus("Connected to " + c.name() + " (" + c.width() + "×" + c.height() + ")");
                c.start();
            } catch (IOException e) {
                setStatus("Cannot connect to " + where + ": " + e.getMessage());
            }
        }, "vireo-vnc-connect");
        t.setDaemon(true);
        t.start();
    }

    private RfbClient.Listener listener() {
        return new RfbClient.Listener() {
            @Override
            public void updated(int x, int y, int width, int height) {
                requestRepaint();
            }

            @Override
            public void closed(String reason) {
                setStatus("Disconnected: " + reason);
                closeTunnel(); // the session is over, whatever ended it
            }
        };
    }

    /** The password for a display that asks for one: the one given, else the user's, asked now. */
    public void setPassword(String known) {
        password = known;
    }

    private String password(String where) {
        String known = password;
        if (known != null || isDisposed()) {
            return known;
        }
        String[] typed = { null };
        getDisplay().syncExec(() -> {
            if (!isDisposed()) {
                InputDialog ask = new InputDialog(getShell(), "VNC Password", "The display " + where
                        + " asks for a password.", "", null) {
                    @Override
                    protected int getInputTextStyle() {
                        return SWT.SINGLE | SWT.BORDER | SWT.PASSWORD;
                    }
                };
                typed[0] = ask.open() == Window.OK ? ask.getValue() : null;
            }
        });
        return typed[0];
    }

    public void disconnect() {
        RfbClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
        closeTunnel();
    }

    private void closeTunnel() {
        SshTunnel t = tunnel;
        tunnel = null;
        if (t != null) {
            t.close();
        }
    }

    public boolean isConnected() {
        return client != null && status.startsWith("Connected");
    }

    public String status() {
        return status;
    }

    public void onStatus(Runnable listener) {
        statusListener = listener;
    }

    public void setScale(boolean fit) {
        scale = fit;
        redraw();
    }

    /** The guest's screen after the last complete update, or {@code null} before the first. */
    public ImageData screen() {
        RfbClient c = client;
        if (c == null) {
            return null;
        }
        Frame frame = c.frame();
        ImageData data = new ImageData(frame.width(), frame.height(), 24, new PaletteData(0xff0000, 0xff00, 0xff));
        data.setPixels(0, 0, frame.pixels().length, frame.pixels(), 0);
        return data;
    }

    /** Saves the guest's screen as a PNG. */
    public void saveScreenshot(String file) {
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] { screen() };
        loader.save(file, SWT.IMAGE_PNG);
    }

    /**
     * The keys the desktop takes before a viewer sees them, as virt-manager's Send Key menu offers
     * them: each a chord of X11 keysyms.
     */
    public static final Map<String, int[]> SEND_KEYS = sendKeys();

    private static Map<String, int[]> sendKeys() {
        Map<String, int[]> keys = new LinkedHashMap<>();
        keys.put("Ctrl+Alt+Del", new int[] { RfbClient.CONTROL_L, RfbClient.ALT_L, RfbClient.DELETE });
        keys.put("Ctrl+Alt+Backspace", new int[] { RfbClient.CONTROL_L, RfbClient.ALT_L, RfbClient.BACKSPACE });
        for (int f = 1; f <= 12; f++) {
            keys.put("Ctrl+Alt+F" + f, new int[] { RfbClient.CONTROL_L, RfbClient.ALT_L, 0xffbd + f });
        }
        keys.put("PrintScreen", new int[] { 0xff61 });
        return Collections.unmodifiableMap(keys);
    }

    /** Sends one of {@link #SEND_KEYS}: pressed in order, released in reverse. */
    public void sendKeys(String name) {
        int[] chord = SEND_KEYS.get(name);
        if (chord != null) {
            send(c -> c.chord(chord));
        }
    }

    /** Sends a key press and release by X11 keysym. */
    public void sendKey(int keysym) {
        send(c -> c.chord(keysym));
    }

    /** Queues a message for the client's writer thread: the UI thread never waits on the network. */
    private void send(Consumer<RfbClient> message) {
        RfbClient c = client;
        if (c != null) {
            message.accept(c);
        }
    }

    private void setStatus(String text) {
        status = text;
        if (!isDisposed()) {
            getDisplay().asyncExec(() -> {
                if (!isDisposed()) {
                    statusListener.run();
                    requestRepaint();
                }
            });
        }
    }

    private void requestRepaint() {
        if (repaintPending.compareAndSet(false, true) && !isDisposed()) {
            getDisplay().asyncExec(() -> {
                repaintPending.set(false);
                if (!isDisposed()) {
                    redraw();
                }
            });
        }
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(area);
        ImageData data = screen();
        if (data == null) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.drawText(status, 10, 10, true);
            return;
        }
        if (image != null) {
            image.dispose();
        }
        image = new Image(getDisplay(), data);
        double f = factor();
        gc.drawImage(image, 0, 0, data.width, data.height, 0, 0, (int) (data.width * f), (int) (data.height * f));
    }

    private double factor() {
        RfbClient c = client;
        Rectangle area = getClientArea();
        return !scale || c == null || c.width() == 0 ? 1
                : Math.min((double) area.width / c.width(), (double) area.height / c.height());
    }

    private void pointer(Event e, int state) {
        double f = factor();
        int buttons = ((state & SWT.BUTTON1) != 0 ? 1 : 0) | ((state & SWT.BUTTON2) != 0 ? 2 : 0)
                | ((state & SWT.BUTTON3) != 0 ? 4 : 0);
        send(c -> c.pointer((int) (e.x / f), (int) (e.y / f), buttons));
    }

    private static int buttonMask(int button) {
        return button == 1 ? SWT.BUTTON1 : button == 2 ? SWT.BUTTON2 : button == 3 ? SWT.BUTTON3 : 0;
    }

    private void key(Event e, boolean down) {
        int keysym = keysym(e);
        if (keysym != 0) {
            send(c -> c.key(keysym, down));
        }
    }

    /** SWT's key to an X11 keysym: printable characters are their own (Latin-1 and Unicode keysyms). */
    static int keysym(Event e) {
        return switch (e.keyCode) {
            case SWT.CR, SWT.KEYPAD_CR -> RfbClient.RETURN;
            case SWT.BS -> RfbClient.BACKSPACE;
            case SWT.TAB -> RfbClient.TAB;
            case SWT.ESC -> RfbClient.ESCAPE;
            case SWT.DEL -> RfbClient.DELETE;
            case SWT.CTRL -> RfbClient.CONTROL_L;
            case SWT.ALT -> RfbClient.ALT_L;
            case SWT.SHIFT -> RfbClient.SHIFT_L;
            case SWT.ARROW_LEFT -> RfbClient.LEFT;
            case SWT.ARROW_UP -> RfbClient.UP;
            case SWT.ARROW_RIGHT -> RfbClient.RIGHT;
            case SWT.ARROW_DOWN -> RfbClient.DOWN;
            default -> {
                if (e.keyCode >= SWT.F1 && e.keyCode <= SWT.F12) {
                    yield 0xffbe + (e.keyCode - SWT.F1);
                }
                char ch = e.character != 0 && e.character >= 0x20 ? e.character : (char) e.keyCode;
                yield ch < 0x20 ? 0 : ch <= 0xff ? ch : 0x01000000 | ch;
            }
        };
    }
}
