package dev.vireo.connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.osgi.util.NLS;

import dev.vireo.api.CallCounter;
import dev.vireo.api.Credentials;
import dev.vireo.api.LibvirtCallException;
import dev.vireo.libvirt.LibvirtConnection;

/**
 * A libvirt connection as the workbench knows it: its URI, its state, and the worker threads that
 * make its calls. Nothing outside these workers calls libvirt for this connection. When an
 * established connection drops (daemon gone, link dead, keepalive unanswered) it reconnects by
 * itself with growing pauses; listeners see each new session as a new {@link #generation()}.
 */
public final class VirtConnection {
    /**
     * libvirtd serves at most 5 calls in flight per client by default; more workers would only
     * queue on the server.
     */
    static final int WORKERS = 5;
    /**
     * A ping after 6 s of silence, the connection dropped after 4 unanswered (about 30 s). libvirtd
     * pings its clients after 5 s of silence; answering those keeps this timer from firing, so an
     * idle healthy link carries only the daemon's pings and their answers, half the traffic of
     * both sides pinging.
     */
    static final int KEEPALIVE_INTERVAL_S = 6, KEEPALIVE_COUNT = 4;
    private static final long[] BACKOFF_MS = { 250, 500, 1000, 2000, 4000, 8000, 15000, 30000 };

    private final String uri;
    /** Says which libvirt URI to open; may run a driver plugin's code, so only on a worker. */
    private final Supplier<String> libvirtUriResolver;
    private volatile String libvirtUri;
    private final ConnectionManager manager;
    private final ExecutorService workers;
    private final CallCounter calls = new CallCounter();
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile String failure;
    private volatile LibvirtConnection libvirt;
    private volatile int generation;
    private volatile boolean closed;
    private volatile Credentials credentials;
    private volatile boolean needsCredentials;
    private int attempt;

    VirtConnection(String uri, Supplier<String> libvirtUri, ConnectionManager manager) {
        this.uri = uri;
        this.libvirtUriResolver = libvirtUri;
        this.manager = manager;
        this.workers = Executors.newFixedThreadPool(WORKERS, namedDaemons("vireo-rpc " + uri));
    }

    /** The URI as users know it. */
    public String uri() {
        return uri;
    }

    /**
     * The URI libvirt opens: the same as {@link #uri()} unless a driver maps it; {@code null} until
     * the first attempt to connect has asked the driver.
     */
    public String libvirtUri() {
        return libvirtUri;
    }

    public ConnectionManager manager() {
        return manager;
    }

    public ConnectionState state() {
        return state;
    }

    /** Why the connection is or was down, in libvirt's words; {@code null} once connected. */
    public String failure() {
        return failure;
    }

    /**
     * Whether the last attempt failed because the daemon wants credentials, or refused the ones
     * given. Vireo does not retry then: asking again with the same answer would only lock the account.
     */
    public boolean needsCredentials() {
        return needsCredentials;
    }

    /** Tries again with these credentials (kept for reconnects, never shown). */
    public void connect(Credentials newCredentials) {
        credentials = newCredentials;
        if (state == ConnectionState.DISCONNECTED && !closed) {
            setState(ConnectionState.CONNECTING);
            connect();
        }
    }

    /** Tries a failed or refused connection again now, with the credentials it had. */
    public void reconnect() {
        connect(credentials);
    }

    /** Counts up with each established session; caches reload when it changes. */
    public int generation() {
        return generation;
    }

    /** Every call made on this connection, across reconnects. */
    public CallCounter calls() {
        return calls;
    }

    /** Runs a libvirt call on this connection's workers. Fails if the connection is not up. */
    public <T> CompletableFuture<T> submit(Function<LibvirtConnection, T> call) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                LibvirtConnection c = libvirt;
                if (c == null) {
                    throw new IllegalStateException(uri + " is " + state.label()
                            + (failure == null ? "" : ": " + failure));
                }
                return c.scoped(call); // the handles it uses stay valid until it returns
            }, workers);
        } catch (RejectedExecutionException e) {
            // closed: its workers take nothing more (a monitor may still be finishing an event)
            return CompletableFuture.failedFuture(new IllegalStateException(NLS.bind(Messages.IS_CLOSED, uri)));
        }
    }

    /**
     * {@code extra} more read-only sessions to this host for a bulk load, each made ready with
     * {@code prepare}; with none, or while the connection is down, its calls go to the workers.
     */
    public LoadFanOut fanOut(int extra, Function<LibvirtConnection, ?> prepare) {
        return new LoadFanOut(this, libvirtUri, credentials, libvirt == null ? 0 : extra, prepare);
    }

    void connect() {
        workers.execute(this::attempt);
    }

    private void attempt() {
        if (closed || libvirt != null) {
            return;
        }
        try {
            if (libvirtUri == null) {
                // a driver that fails here fails this connection only
                libvirtUri = manager.routed(libvirtUriResolver.get());
            }
            LibvirtConnection c = LibvirtConnection.open(libvirtUri, calls, credentials);
            c.setKeepAlive(KEEPALIVE_INTERVAL_S, KEEPALIVE_COUNT);
            c.onClose(reason -> lost(c, reason));
            libvirt = c;
            failure = null;
            needsCredentials = false;
            attempt = 0;
            generation++;
            setState(ConnectionState.CONNECTED);
        } catch (RuntimeException e) {
            needsCredentials = e instanceof LibvirtCallException l && l.isAuthFailure();
            failure = !needsCredentials ? e.getMessage()
                    : credentials == null ? Messages.THE_HOST_ASKS_FOR_A_USER
                    : NLS.bind(Messages.THE_HOST_REFUSED_THE_USER_NAME, e.getMessage());
            // a connection that was up keeps trying, unless its credentials are refused; a first
            // attempt that fails waits for the user
            boolean retrying = state == ConnectionState.RECONNECTING && !needsCredentials;
            if (retrying) {
                retryLater();
            }
            setState(retrying ? ConnectionState.RECONNECTING : ConnectionState.DISCONNECTED);
        }
    }

    /** On the event-loop thread: libvirt says the connection is gone. */
    private void lost(LibvirtConnection c, String reason) {
        if (libvirt != c || closed) {
            return;
        }
        libvirt = null;
        failure = NLS.bind(Messages.CONNECTION_LOST, reason);
        Log.warn(VirtConnection.class, NLS.bind(Messages.RECONNECTING, uri, failure));
        setState(ConnectionState.RECONNECTING);
        workers.execute(() -> closeQuietly(c));
        retryLater();
    }

    private void retryLater() {
        long delay = BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)];
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, workers).execute(this::attempt);
    }

    void close() {
        closed = true;
        workers.execute(() -> {
            LibvirtConnection c = libvirt;
            libvirt = null;
            if (c != null) {
                closeQuietly(c);
            }
            setState(ConnectionState.DISCONNECTED);
        });
        workers.shutdown();
    }

    private void closeQuietly(LibvirtConnection c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            // a dead connection may refuse a clean close; its resources are released regardless
        }
    }

    private void setState(ConnectionState newState) {
        state = newState;
        manager.fireStateChanged(this);
    }

    @Override
    public String toString() {
        return uri;
    }

    private static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + " #" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
