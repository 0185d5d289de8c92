package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;
import static dev.vireo.libvirt.LibvirtConnection.invoke;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import dev.vireo.api.CallCounter;
import dev.vireo.api.ConsoleChannel;
import dev.vireo.api.LibvirtCallException;

/**
 * A domain's serial console as a libvirt stream. The stream has one owner thread that sends, aborts
 * and frees it, in the order asked, so nothing is written to a stream that was freed and nothing is
 * freed before the writes queued before it; only {@link #read} runs elsewhere (the reader). Every
 * call goes through the guarded call path and is counted with its connection's calls.
 */
public final class ConsoleStream implements ConsoleChannel {
    private final Pointer stream;
    private final CallCounter calls;
    private final ExecutorService owner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vireo-console");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private boolean aborted; // owner thread only

    ConsoleStream(Pointer stream, CallCounter calls) {
        this.stream = stream;
        this.calls = calls;
    }

    @Override
    public int read(byte[] into) {
        if (closed) {
            return -1;
        }
        try (Memory buffer = new Memory(into.length)) {
            int n;
            try {
                n = invoke(calls, "virStreamRecv", () -> check(LibvirtNative.function("virStreamRecv")
                        .invokeInt(new Object[] { stream, buffer, (long) into.length })));
            } catch (LibvirtCallException e) {
                if (closed) {
                    return -1; // aborted by close()
                }
                throw e;
            }
            if (n <= 0) {
                return -1;
            }
            buffer.read(0, into, 0, n);
            return n;
        }
    }

    @Override
    public CompletableFuture<Void> write(byte[] bytes) {
        byte[] copy = bytes.clone();
        return onOwner(() -> {
            if (closed) {
                throw new IllegalStateException("the console is closed");
            }
            send(copy);
        });
    }

    private void send(byte[] bytes) {
        try (Memory buffer = new Memory(Math.max(1, bytes.length))) {
            buffer.write(0, bytes, 0, bytes.length);
            int sent = 0;
            while (sent < bytes.length) {
                int offset = sent;
                sent += invoke(calls, "virStreamSend", () -> check(LibvirtNative.function("virStreamSend")
                        .invokeInt(new Object[] { stream, buffer.share(offset), (long) (bytes.length - offset) })));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        onOwner(this::abort);
    }

    /** Abort, not finish: the guest's side never ends. Releases a reader waiting in virStreamRecv. */
    private void abort() {
        if (!aborted) {
            aborted = true;
            invoke(calls, "virStreamAbort", () -> LibvirtNative.function("virStreamAbort").invokeInt(new Object[] { stream }));
        }
    }

    @Override
    public void free() {
        closed = true;
        onOwner(() -> {
            abort();
            invoke(calls, "virStreamFree", () -> LibvirtNative.function("virStreamFree").invokeInt(new Object[] { stream }));
        });
        owner.shutdown(); // the free is the owner's last task
    }

    private CompletableFuture<Void> onOwner(Runnable task) {
        try {
            return CompletableFuture.runAsync(task, owner);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the console is freed"));
        }
    }
}
