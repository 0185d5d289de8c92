package dev.vireo.ui.credentials;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

import dev.vireo.api.Credentials;
import dev.vireo.connection.ConnectionListener;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;

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
            display.asyncExec(() -> answer(c));
        }
    }

    @Override
    public void connectionRemoved(VirtConnection c) {
        triedSaved.remove(c);
        asking.remove(c);
    }

    private void answer(VirtConnection c) {
        Credentials saved = triedSaved.add(c) ? SavedPasswords.load(c.uri()) : null;
        if (saved != null) {
            asking.remove(c);
            c.connect(saved); // a run in the background; asked again below if refused
            return;
        }
        Shell shell = display.getActiveShell();
        new LoginDialog(shell, c.uri(), c.failure(), userOf(c.uri()), dialog -> {
            if (dialog.remember()) {
                SavedPasswords.save(c.uri(), dialog.credentials());
            }
            c.connect(dialog.credentials());
        }) {
            @Override
            public boolean close() {
                asking.remove(c);
                return super.close();
            }
        }.open();
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
