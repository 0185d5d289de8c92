package dev.vireo.ui.widgets;

import java.nio.charset.StandardCharsets;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;

import dev.vireo.api.ConsoleChannel;
import dev.vireo.ui.Messages;

/**
 * A text terminal on a serial console stream: a small VT100 subset (printable text, CR, LF,
 * backspace, tab; other escape sequences are dropped). The stream is read on a thread of its own;
 * typing and closing are queued to the stream's own thread, so the UI thread never makes a libvirt
 * call. What arrives is shown once per UI turn, however many reads it took.
 */
public class SerialConsole extends StyledText {
    private static final int MAX_CHARS = 200_000;
    private volatile ConsoleChannel stream;
    /** Text read but not shown yet; the reader appends, the UI turn takes it. */
    private final StringBuilder arrived = new StringBuilder();
    private final UiTurnCoalescer shower;
    private final StringBuilder line = new StringBuilder();
    private int escape; // 0 none, 1 after ESC, 2 inside CSI

    public SerialConsole(Composite parent) {
        super(parent, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY);
        setFont(JFaceResources.getTextFont());
        setBackground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        setForeground(getDisplay().getSystemColor(SWT.COLOR_GRAY));
        addListener(SWT.KeyDown, e -> {
            byte[] bytes = switch (e.keyCode) {
                case SWT.CR, SWT.KEYPAD_CR -> new byte[] { '\r' };
                case SWT.BS -> new byte[] { 0x7f };
                case SWT.ARROW_UP -> "\u001b[A".getBytes(StandardCharsets.US_ASCII);
                case SWT.ARROW_DOWN -> "\u001b[B".getBytes(StandardCharsets.US_ASCII);
                case SWT.ARROW_RIGHT -> "\u001b[C".getBytes(StandardCharsets.US_ASCII);
                case SWT.ARROW_LEFT -> "\u001b[D".getBytes(StandardCharsets.US_ASCII);
                default -> e.character != 0 ? String.valueOf(e.character).getBytes(StandardCharsets.UTF_8) : null;
            };
            if (bytes != null) {
                send(bytes);
                e.doit = false;
            }
        });
        shower = new UiTurnCoalescer(getDisplay(), this::showArrived);
        addListener(SWT.Dispose, e -> detach());
    }

    /** Shows and types into this console from now on; its bytes are read on a thread of their own. */
    public void attach(ConsoleChannel console) {
        detach();
        stream = console;
        Thread reader = new Thread(() -> read(console), "vireo-serial-read");
        reader.setDaemon(true);
        reader.start();
    }

    public void detach() {
        ConsoleChannel s = stream;
        stream = null;
        if (s != null) {
            s.close();
        }
    }

    /** Types {@code text} into the guest, as if from the keyboard. */
    public void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    private void send(byte[] bytes) {
        ConsoleChannel s = stream;
        if (s != null) {
            s.write(bytes).exceptionally(e -> {
                show(NLS.bind(Messages.CONSOLE_4, (e.getCause() != null ? e.getCause() : e).getMessage()));
                return null;
            });
        }
    }

    private void read(ConsoleChannel console) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = console.read(buffer)) > 0) {
                show(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            show(NLS.bind(Messages.CONSOLE_CLOSED, e.getMessage()));
        } finally {
            console.free();
        }
    }

    /** From the reader: shows {@code text} at the next UI turn. */
    private void show(String text) {
        synchronized (arrived) {
            arrived.append(text);
        }
        if (!isDisposed()) {
            shower.request();
        }
    }

    private void showArrived() {
        String text;
        synchronized (arrived) {
            text = arrived.toString();
            arrived.setLength(0);
        }
        if (isDisposed() || text.isEmpty()) {
            return;
        }
        append(filter(text));
        if (getCharCount() > MAX_CHARS) {
            replaceTextRange(0, getCharCount() - MAX_CHARS, "");
        }
        setCaretOffset(getCharCount());
        showSelection();
    }

    /** Applies the VT100 subset: keeps text, line ends and backspaces; drops escape sequences and CRs. */
    private String filter(String text) {
        line.setLength(0);
        for (char c : text.toCharArray()) {
            if (escape == 1) {
                escape = c == '[' ? 2 : 0;
            } else if (escape == 2) {
                escape = c >= 0x40 && c <= 0x7e ? 0 : 2;
            } else if (c == 0x1b) {
                escape = 1;
            } else if (c == '\b' || c == 0x7f) {
                if (line.length() > 0) {
                    line.setLength(line.length() - 1);
                } else if (getCharCount() > 0) {
                    replaceTextRange(getCharCount() - 1, 1, "");
                }
            } else if (c == '\n' || c == '\t' || c >= 0x20) {
                line.append(c);
            }
        }
        return line.toString();
    }
}
