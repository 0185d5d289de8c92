package dev.vireo.connection;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.core.runtime.SafeRunner;
import org.eclipse.osgi.util.NLS;

/**
 * The open libvirt connections, and who wants to hear about them. A Declarative Services component
 * in the workbench (OSGI-INF/dev.vireo.connection.ConnectionManager.xml); tests make their own.
 */
public final class ConnectionManager {
    /** libvirt's in-process test driver: needs no daemon, so a new user sees VMs at once. */
    public static final String DEFAULT_URI = "test:///default";

    private final List<VirtConnection> connections = new CopyOnWriteArrayList<>();
    private final ListenerList<ConnectionListener> listeners = new ListenerList<>();
    private volatile SshQuestions ssh;

    /** Closes every connection; the component's deactivation, when the workbench stops. */
    public void closeAll() {
        connections.forEach(this::close);
        answerSshWith(null);
    }

    /**
     * Has ssh's questions (host keys, passphrases, passwords) for {@code +ssh} connections opened
     * from now on answered by {@code prompter}; {@code null}: by ssh itself, as before.
     */
    public synchronized void answerSshWith(SshPrompter prompter) {
        try {
            if (ssh != null) {
                ssh.close();
            }
            ssh = prompter == null ? null : new SshQuestions(prompter);
        } catch (IOException e) {
            ssh = null;
            Log.warn(ConnectionManager.class, NLS.bind(Messages.SSH_WILL_ASK_ON_ITS_OWN, e.getMessage()));
        }
    }

    /** The URI libvirt is given for {@code uri}: for ssh, with Vireo's prompter in the loop. */
    String routed(String uri) {
        SshQuestions questions = ssh;
        return questions == null ? uri : questions.route(uri);
    }

    public List<VirtConnection> connections() {
        return List.copyOf(connections);
    }

    /** Adds a connection and starts connecting in the background; returns at once. */
    public VirtConnection open(String uri) {
        return open(uri, () -> uri);
    }

    /**
     * Adds a connection known to users as {@code uri} that opens the libvirt URI {@code libvirtUri}
     * gives (a driver plugin may map a URI scheme of its own onto one libvirt knows). It is asked on
     * the connection's worker, never on the caller's thread; if it fails, the connection shows why.
     */
    public VirtConnection open(String uri, Supplier<String> libvirtUri) {
        VirtConnection connection = new VirtConnection(uri, libvirtUri, this);
        connections.add(connection);
        fire(l -> l.connectionAdded(connection));
        connection.connect();
        return connection;
    }

    public void close(VirtConnection connection) {
        if (connections.remove(connection)) {
            connection.close();
            fire(l -> l.connectionRemoved(connection));
        }
    }

    public void addConnectionListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public void removeConnectionListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    void fireStateChanged(VirtConnection connection) {
        fire(l -> l.connectionStateChanged(connection));
    }

    private void fire(Consumer<ConnectionListener> event) {
        for (ConnectionListener l : listeners) {
            // a failing listener is logged by SafeRunner and must not keep the others from hearing
            SafeRunner.run(() -> event.accept(l));
        }
    }
}
