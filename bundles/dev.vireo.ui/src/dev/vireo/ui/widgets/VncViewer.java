package dev.vireo.ui.widgets;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Cursor;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

import dev.vireo.rfb.Frame;
import dev.vireo.rfb.Keysyms;
import dev.vireo.rfb.Preferences;
import dev.vireo.rfb.RfbClient;
import dev.vireo.rfb.RfbListener;
import dev.vireo.rfb.SshTunnel;
import dev.vireo.ui.Messages;

/**
 * A VNC display: draws an {@link RfbClient}'s screen, scaled to fit or not (or the guest's screen
 * resized to fit, where the server can), with the guest's pointer image as the local pointer, and
 * sends it the keys, the pointer and the clipboard's text (when the viewer takes the focus; the
 * guest's clipboard comes back the same way). Connecting and reading happen off the UI thread;
 * screen updates are folded into one repaint per UI turn.
 */
public class VncViewer extends Canvas {
    private final AtomicBoolean repaintPending = new AtomicBoolean();
    private volatile RfbClient client;
    private volatile SshTunnel tunnel;
    private volatile String status = Messages.NOT_CONNECTED;
    private volatile String password;
    private volatile String passwordKey;
    private volatile Preferences preferences = Preferences.DEFAULT;
    private boolean scale = true;
    private boolean resizeGuest;
    private boolean resizePending;
    private final ClipboardText clipboard = new ClipboardText();
    private final VncPasswords passwords = new VncPasswords(this);
    private String hint;
    private Image image;
    private Cursor pointer;
    private Runnable statusListener = () -> { };

    public VncViewer(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.KeyDown, e -> key(e, true));
        addListener(SWT.KeyUp, e -> key(e, false));
        addListener(SWT.MouseMove, e -> pointer(e, e.stateMask));
        addListener(SWT.MouseDown, e -> pointer(e, e.stateMask | buttonMask(e.button)));
        addListener(SWT.MouseUp, e -> pointer(e, e.stateMask & ~buttonMask(e.button)));
        addListener(SWT.Traverse, e -> e.doit = false); // Tab and Escape go to the guest
        addListener(SWT.FocusIn, e -> {
            String text = clipboard.forGuest(getDisplay());
            if (text != null) {
                send(c -> c.clipboard(text));
            }
        });
        addListener(SWT.Resize, e -> resizeGuestSoon());
        addListener(SWT.Dispose, e -> {
            disconnect();
            if (pointer != null) {
                pointer.dispose();
            }
        });
    }

    /** Connects in the background; {@link #status()} tells how it went. */
    public void connect(String host, int port) {
        connect(host + ":" + port,
                () -> RfbClient.connect(host, port, listener(), () -> password(host + ":" + port), preferences));
    }

    /**
     * Connects through an SSH tunnel to the host of a libvirt {@code +ssh} URI, to the display at
     * {@code remoteHost:remotePort} as that host sees it; the tunnel closes with the viewer.
     */
    public void connectThroughSsh(String libvirtUri, String remoteHost, int remotePort) {
        connect(NLS.bind(Messages.THROUGH_SSH, remoteHost, remotePort), () -> {
            SshTunnel opened = SshTunnel.open(libvirtUri, remoteHost, remotePort);
            tunnel = opened;
            try {
                return RfbClient.connect(opened.input(), opened.output(), opened, listener(),
                        () -> password(remoteHost + ":" + remotePort), preferences);
            } catch (IOException e) {
                String ssh = opened.messages();
                throw new IOException(e.getMessage() + (ssh.isEmpty() ? "" : NLS.bind(Messages.SSH, ssh)), e);
            }
        });
    }

    private interface Opener {
        RfbClient open() throws IOException;
    }

    private void connect(String where, Opener opener) {
        disconnect();
        setStatus(NLS.bind(Messages.CONNECTING_TO, where));
        Thread t = new Thread(() -> {
            try {
                RfbClient c = opener.open();
                c.useScancodes(X11Scancodes::scancode);
                client = c;
                passwords.succeeded();
                setStatus(connected(c));
                c.start();
            } catch (IOException e) {
                passwords.failed(e.getMessage());
                setStatus(NLS.bind(Messages.CANNOT_CONNECT_TO, where, e.getMessage()));
            }
        }, "vireo-vnc-connect");
        t.setDaemon(true);
        t.start();
    }

    private RfbListener listener() {
        return new RfbListener() {
            @Override
            public void updated(int x, int y, int width, int height) {
                requestRepaint();
            }

            @Override
            public void cursor(dev.vireo.rfb.Cursor shape) {
                ui(() -> showPointer(shape));
            }

            @Override
            public void clipboard(String text) {
                ui(() -> clipboard.fromGuest(getDisplay(), text));
            }

            @Override
            public void resized(int width, int height) {
                RfbClient c = client;
                if (c != null) {
                    setStatus(connected(c));
                }
            }

            @Override
            public void closed(String reason) {
                setStatus(NLS.bind(Messages.DISCONNECTED_3, reason));
                closeTunnel(); // the session is over, whatever ended it
            }
        };
    }

    /** The password for a display that asks for one, if known beforehand (e.g. from the graphics element). */
    public void setPassword(String known) {
        password = known;
    }

    /** Where a password the user chooses to remember is kept (in secure storage), {@code null}: not kept. */
    public void rememberPasswordsAs(String key) {
        passwordKey = key;
    }

    /** The password for a display that asks for one: the one given, a remembered one, or the user's, asked now. */
    private String password(String where) {
        String known = password;
        return known != null || isDisposed() ? known : passwords.get(passwordKey, where);
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

    /** Asks the guest for a screen the size of the viewer, now and whenever the viewer is resized. */
    public void setResizeGuest(boolean fit) {
        resizeGuest = fit;
        resizeGuestSoon();
    }

    /** Resizes settle before the guest is asked: one request, not one per pixel dragged. */
    private void resizeGuestSoon() {
        if (resizeGuest && !resizePending && !isDisposed()) {
            resizePending = true;
            getDisplay().timerExec(300, () -> {
                resizePending = false;
                RfbClient c = client;
                if (!isDisposed() && c != null && resizeGuest) {
                    Rectangle area = getClientArea();
                    c.resize(area.width, area.height);
                }
            });
        }
    }

    /** The quality the server is asked for from now on (this session and the next). */
    public void setQuality(Preferences.Quality quality) {
        preferences = preferences.withQuality(quality);
        RfbClient c = client;
        if (c != null) {
            c.setPreferences(preferences);
            setStatus(connected(c));
        }
    }

    private static String connected(RfbClient c) {
        String quality = c.quality() == Preferences.Quality.LOSSLESS ? "lossless"
                : NLS.bind(Messages.JPEG, c.quality().name().toLowerCase(Locale.ROOT));
        return NLS.bind(Messages.CONNECTED_TO, new Object[] { c.name(), c.width(), c.height(), quality,
                (c.preferences().quality() == Preferences.Quality.AUTOMATIC ? Messages.FOR_A + c.roundTripMillis()
                        + Messages.MS_ROUND_TRIP : "") });
    }

    /** A line over the screen, e.g. how to release the keyboard; {@code null} for none. */
    public void setHint(String text) {
        hint = text;
        redraw();
    }

    public String hint() {
        return hint;
    }

    /** The guest's pointer image becomes this control's pointer: it moves with no round trip. */
    private void showPointer(dev.vireo.rfb.Cursor shape) {
        Cursor old = pointer;
        pointer = shape.width() == 0 ? new Cursor(getDisplay(), FrameImages.withAlpha(new Frame(1, 1, new int[1])), 0,
                0)
                : new Cursor(getDisplay(), FrameImages.withAlpha(new Frame(shape.width(), shape.height(),
                        shape.pixels())),
                        shape.hotX(), shape.hotY());
        setCursor(pointer);
        if (old != null) {
            old.dispose();
        }
    }

    /** The guest's screen after the last complete update, or {@code null} before the first. */
    public ImageData screen() {
        RfbClient c = client;
        return c == null ? null : FrameImages.image(c.frame());
    }

    /** Saves the guest's screen as a PNG. */
    public void saveScreenshot(String file) {
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] { screen() };
        loader.save(file, SWT.IMAGE_PNG);
    }

    /** Sends one of {@link VncKeys#SEND_KEYS}: pressed in order, released in reverse. */
    public void sendKeys(String name) {
        int[] chord = VncKeys.SEND_KEYS.get(name);
        if (chord != null) {
            send(c -> c.chord(chord));
        }
    }

    /** Lets go of Ctrl and Alt in the guest, e.g. after they released the keyboard. */
    public void releaseModifiers() {
        send(c -> {
            c.key(Keysyms.CONTROL_L, false);
            c.key(Keysyms.ALT_L, false);
        });
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
        ui(() -> {
            statusListener.run();
            requestRepaint();
        });
    }

    /** Runs on the UI thread, if the viewer is still there then. */
    private void ui(Runnable r) {
        if (!isDisposed()) {
            getDisplay().asyncExec(() -> {
                if (!isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void requestRepaint() {
        if (repaintPending.compareAndSet(false, true)) {
            ui(() -> {
                repaintPending.set(false);
                redraw();
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
        if (hint != null) {
            Point size = gc.textExtent(hint);
            gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_INFO_BACKGROUND));
            gc.setAlpha(220);
            gc.fillRectangle(0, 0, area.width, size.y + 8);
            gc.setAlpha(255);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_INFO_FOREGROUND));
            gc.drawText(hint, Math.max(4, (area.width - size.x) / 2), 4, true);
        }
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
        int keysym = VncKeys.keysym(e);
        if (keysym != 0) {
            send(c -> c.key(keysym, down));
        }
    }
}
