package dev.vireo.ui.widgets;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import dev.vireo.api.Credentials;
import dev.vireo.ui.Messages;
import dev.vireo.ui.credentials.SavedPasswords;

/**
 * A VNC display's password: one the user chose to remember (in secure storage), else asked, with
 * the choice to remember it, kept only once the server took it. A remembered password the server
 * refuses is forgotten. Runs on the connecting thread: secure storage may talk to the keyring.
 */
final class VncPasswords {
    private static final String REFUSED = Messages.THE_VNC_PASSWORD_WAS_REFUSED;
    private final Control owner;
    private String key;
    private String typed;
    private boolean remember;
    private boolean remembered;

    VncPasswords(Control owner) {
        this.owner = owner;
    }

    /** The password for {@code where}; {@code key} names it in secure storage ({@code null}: never kept). */
    synchronized String get(String key, String where) {
        this.key = key;
        typed = null;
        remember = false;
        remembered = false;
        Credentials saved = key == null ? null : SavedPasswords.workbench().load(key);
        if (saved != null) {
            remembered = true;
            return new String(saved.password());
        }
        if (owner.isDisposed()) {
            return null;
        }
        owner.getDisplay().syncExec(() -> {
            if (!owner.isDisposed()) {
                ask(where);
            }
        });
        return typed;
    }

    private void ask(String where) {
        boolean[] keep = { false };
        InputDialog dialog = new InputDialog(owner.getShell(), Messages.VNC_PASSWORD,
                NLS.bind(Messages.THE_DISPLAY_ASKS_FOR_A_PASSWORD, where), "", null) {
            @Override
            protected int getInputTextStyle() {
                return SWT.SINGLE | SWT.BORDER | SWT.PASSWORD;
            }

            @Override
            protected Control createDialogArea(Composite parent) {
                Composite area = (Composite) super.createDialogArea(parent);
                if (key != null) {
                    Button check = new Button(area, SWT.CHECK);
                    check.setText(Messages.REMEMBER_THIS_PASSWORD_IN_SECURE_STORAGE);
                    check.addListener(SWT.Selection, e -> keep[0] = check.getSelection());
                }
                return area;
            }
        };
        typed = dialog.open() == Window.OK ? dialog.getValue() : null;
        remember = keep[0];
    }

    /** The server took the password: kept if the user asked. */
    synchronized void succeeded() {
        if (remember && typed != null && key != null) {
            SavedPasswords.workbench().save(key, new Credentials("", typed.toCharArray()));
        }
        typed = null;
    }

    /** The connection failed: a remembered password the server refused is forgotten. */
    synchronized void failed(String reason) {
        if (remembered && key != null && reason != null && reason.startsWith(REFUSED)) {
            SavedPasswords.workbench().forget(key);
        }
        typed = null;
    }
}
