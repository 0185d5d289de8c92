package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;
import static dev.vireo.libvirt.LibvirtConnection.invoke;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import dev.vireo.api.CallCounter;
import dev.vireo.api.ConsoleChannel;
import dev.vireo.api.LibvirtCallException;

/**
 * A domain's serial console as a libvirt stream: bytes the guest writes come from {@link #read},
 * bytes for the guest go to {@link #write}. Blocking calls: one reader thread, writers elsewhere,
 * never the UI thread. Every call is counted with its connection's calls.
 */
public final class ConsoleStream implements ConsoleChannel {
    private final Pointer stream;
    private final CallCounter calls;
    private volatile boolean closed;

    ConsoleStream(Pointer stream, CallCounter calls) {
        this.stream = stream;
        this.calls = calls;
    }

    @Override
    public int read(byte[] into) {
        try (Memory buffer = new Memory(into.length)) {
            if (closed) {
                return -1;
            }
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
    public void write(byte[] bytes) {
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
    public synchronized void close() {
        if (!closed) {
            closed = true;
            // abort, not finish: the guest's side never ends
            LibvirtNative.function("virStreamAbort").invokeInt(new Object[] { stream });
        }
    }

    @Override
    public void free() {
        close();
        LibvirtNative.function("virStreamFree").invokeInt(new Object[] { stream });
    }
}
