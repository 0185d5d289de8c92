package dev.vireo.connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.vireo.libvirt.CallCounter;
import dev.vireo.libvirt.LibvirtConnection;

/**
 * A libvirt connection as the workbench knows it: its URI, its state, and the worker threads that
 * make its calls. Nothing outside these workers calls libvirt for this connection.
 */
public final class VirtConnection {
    /**
     * libvirtd serves at most 5 calls in flight per client by default; more workers would only
     * queue on the server.
     */
    private static final int WORKERS = 4;

    private final String uri;
    private final ConnectionManager manager;
    private final ExecutorService workers;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile String failure;
    private volatile LibvirtConnection libvirt;

    VirtConnection(String uri, ConnectionManager manager) {
        this.uri = uri;
        this.manager = manager;
        this.workers = Executors.newFixedThreadPool(WORKERS, namedDaemons("vireo-rpc " + uri));
    }

    public String uri() {
        return uri;
    }

    public ConnectionManager manager() {
        return manager;
    }

    public ConnectionState state() {
        return state;
    }

    /** Why the connection is down, in libvirt's words; {@code null} while it is not. */
    public String failure() {
        return failure;
    }

    /** The calls made on this connection so far; empty until connected. */
    public CallCounter calls() {
        LibvirtConnection c = libvirt;
        return c == null ? new CallCounter() : c.calls();
    }

    /** Runs a libvirt call on this connection's workers. Fails if the connection is not up. */
    public <T> CompletableFuture<T> submit(Function<LibvirtConnection, T> call) {
        return CompletableFuture.supplyAsync(() -> {
            LibvirtConnection c = libvirt;
            if (c == null) {
                throw new IllegalStateException(uri + " is " + state.label()
                        + (failure == null ? "" : ": " + failure));
            }
            return call.apply(c);
        }, workers);
    }

    void connect() {
        workers.execute(() -> {
            try {
                libvirt = LibvirtConnection.open(uri);
                failure = null;
                setState(ConnectionState.CONNECTED);
            } catch (RuntimeException e) {
                failure = e.getMessage();
                setState(ConnectionState.DISCONNECTED);
            }
        });
    }

    void close() {
        workers.execute(() -> {
            LibvirtConnection c = libvirt;
            libvirt = null;
            if (c != null) {
                c.close();
            }
            setState(ConnectionState.DISCONNECTED);
        });
        workers.shutdown();
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
