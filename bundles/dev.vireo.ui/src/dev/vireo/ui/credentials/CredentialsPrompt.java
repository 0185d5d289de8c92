package dev.vireo.ui.credentials;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.ICoreRunnable;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;

import dev.vireo.api.Credentials;
import dev.vireo.connection.ConnectionListener;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.Messages;
import dev.vireo.ui.credentials.SavedPasswords.Protection;

/**
 * Answers hosts that ask who is there: with the saved password if there is one and it was not
 * refused, else by asking the user once per refusal. A refused password is never retried by itself.
 */
public final class CredentialsPrompt implements ConnectionListener {
    private final Display display;
    private final Set<VirtConnection> triedSaved = ConcurrentHashMap.newKeySet();
    private final Set<VirtConnection> asking = ConcurrentHashMap.newKeySet();

    public CredentialsPrompt(Display display) {
        this.display = display;
    }

    @Override
    public void connectionStateChanged(VirtConnection c) {
        if (c.state() == ConnectionState.CONNECTED) {
            triedSaved.remove(c);
        } else if (c.state() == ConnectionState.DISCONNECTED && c.needsCredentials() && asking.add(c)) {
            // the keyring is asked over D-Bus: not on the UI thread
            Job.create(NLS.bind(Messages.LOOKING_UP_THE_SAVED_PASSWORD_FOR, c.uri()),
                    (ICoreRunnable) monitor -> answer(c)).schedule();
        }
    }

    @Override
    public void connectionRemoved(VirtConnection c) {
        triedSaved.remove(c);
        asking.remove(c);
    }

    private void answer(VirtConnection c) {
        SavedPasswords passwords = SavedPasswords.workbench();
        Credentials saved = triedSaved.add(c) ? passwords.load(c.uri()) : null;
        if (saved != null) {
            asking.remove(c);
            c.connect(saved); // a run in the background; asked again below if refused
            return;
        }
        Protection protection = protectionOf(passwords);
        if (!display.isDisposed()) {
            display.asyncExec(() -> ask(c, passwords, protection));
        }
    }

    private void ask(VirtConnection c, SavedPasswords passwords, Protection protection) {
        new LoginDialog(display.getActiveShell(), c.uri(), c.failure(), userOf(c.uri()), protection, dialog -> {
            Credentials credentials = dialog.credentials();
            if (dialog.remember()) {
                Job.create(NLS.bind(Messages.SAVING_THE_PASSWORD_FOR, c.uri()),
                        (ICoreRunnable) monitor -> passwords.save(c.uri(), credentials))
                        .schedule();
            }
            c.connect(credentials);
        }) {
            @Override
            public boolean close() {
                asking.remove(c);
                return super.close();
            }
        }.open();
    }

    private static Protection protectionOf(SavedPasswords passwords) {
        try {
            return passwords.protection();
        } catch (IOException e) {
            ILog.of(CredentialsPrompt.class).error(Messages.CANNOT_OPEN_THE_SECURE_STORAGE_OF, e);
            return Protection.FILE_KEY;
        }
    }

    private static String userOf(String uri) {
        try {
            String info = URI.create(uri).getUserInfo();
            return info == null ? "" : info;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
