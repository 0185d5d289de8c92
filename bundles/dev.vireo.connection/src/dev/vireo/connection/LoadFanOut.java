package dev.vireo.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

import org.eclipse.osgi.util.NLS;

import dev.vireo.api.Credentials;
import dev.vireo.libvirt.LibvirtConnection;

/**
 * More sessions to one host for a bulk load (a session's first load, the resync after a reconnect).
 * libvirtd serves each client at most 5 calls at a time, so one connection fetches 200 domains'
 * XML in 40 round trips; with two more read-only sessions, in 14. Each call goes to whichever
 * session has a free slot, the connection's own included; the calls are counted with the
 * connection's. A session that cannot open, or fails a call, leaves its calls to the connection.
 * {@link #close} when the load is done: the extra sessions close once their last call returns.
 */
public final class LoadFanOut implements AutoCloseable {
    /**
     * The most calls in flight to one host, the connection's own included: libvirtd has 20 workers
     * by default, so its other clients keep room.
     */
    public static final int MAX_IN_FLIGHT = 15;

    private record Call<T>(Function<LibvirtConnection, T> work, CompletableFuture<T> result) {
    }

    /** Put back by each lane that takes it, so one stops them all once the calls before it are taken. */
    private static final Call<Void> STOP = new Call<>(null, null);

    private final VirtConnection connection;
    private final BlockingQueue<Call<?>> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    LoadFanOut(VirtConnection connection, String libvirtUri, Credentials credentials, int extra,
            Function<LibvirtConnection, ?> prepare) {
        this.connection = connection;
        closed = extra <= 0;
        if (closed) {
            return;
        }
        for (int i = 0; i < VirtConnection.WORKERS; i++) {
            lane(() -> drain(null)); // the connection's workers, one call each at a time
        }
        int slots = Math.max(1, (MAX_IN_FLIGHT - VirtConnection.WORKERS) / extra);
        for (int s = 0; s < extra; s++) {
            lane(() -> session(libvirtUri, credentials, prepare, slots));
        }
    }

    /** Runs the call on one of the sessions, or on the connection's workers once the fan-out is closed. */
    public <T> CompletableFuture<T> submit(Function<LibvirtConnection, T> work) {
        if (closed) {
            return connection.submit(work);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(new Call<>(work, result));
        return result;
    }

    /** Calls already submitted still run; the extra sessions close after the last of them. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.add(STOP);
        }
    }

    private void session(String libvirtUri, Credentials credentials, Function<LibvirtConnection, ?> prepare,
            int slots) {
        if (closed) {
            return; // the load ended before this session was needed
        }
        LibvirtConnection session;
        try {
            session = LibvirtConnection.openReadOnly(libvirtUri, connection.calls(), credentials);
            // on a link that dies, its calls fail (and go to the connection) instead of waiting for ever
            session.setKeepAlive(VirtConnection.KEEPALIVE_INTERVAL_S, VirtConnection.KEEPALIVE_COUNT);
        } catch (RuntimeException e) {
            Log.warn(LoadFanOut.class, NLS.bind(Messages.AN_EXTRA_SESSION_TO_DID_NOT, connection.uri(),
                    e.getMessage()));
            return;
        }
        try {
            session.scoped(prepare); // e.g. the domain list: its handles save each fetch a lookup
            List<Thread> others = new ArrayList<>();
            for (int i = 1; i < slots; i++) {
                others.add(lane(() -> drain(session)));
            }
            drain(session);
            for (Thread t : others) {
                t.join();
            }
        } catch (RuntimeException | InterruptedException e) {
            Log.warn(LoadFanOut.class, NLS.bind(Messages.AN_EXTRA_SESSION_TO_FAILED_THE, connection.uri(),
                    e.getMessage()));
        } finally {
            session.close();
        }
    }

    /** Takes calls until stopped; {@code session} null: hands each to the connection's workers and waits. */
    private void drain(LibvirtConnection session) {
        while (true) {
            Call<?> call;
            try {
                call = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (call == STOP) {
                queue.add(STOP);
                return;
            }
            run(call, session);
        }
    }

    private <T> void run(Call<T> call, LibvirtConnection session) {
        if (session != null) {
            try {
                call.result.complete(session.scoped(call.work));
                return;
            } catch (RuntimeException e) {
                // the extra session may be what failed: the connection tries it too
            }
        }
        connection.submit(call.work).handle((value, failure) -> failure == null ? call.result.complete(value)
                : call.result.completeExceptionally(failure)).join();
    }

    private Thread lane(Runnable work) {
        return Thread.ofPlatform().daemon().name("vireo-fan-out " + connection.uri()).start(work);
    }
}
