package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import dev.vireo.api.LibvirtCallException;

/** Reading a libvirt stream to its end: a volume's bytes, a domain's screenshot. */
final class Streams {
    private static final int CHUNK = 64 * 1024;

    private Streams() {
    }

    /**
     * Makes a stream, has {@code transfer} start sending on it, and reads what comes until the
     * end: more than {@code max} bytes fail. The stream is aborted on failure and always freed.
     */
    static byte[] receive(LibvirtConnection session, Consumer<Pointer> transfer, int max) {
        Pointer stream = session.call("virStreamNew", () -> check(LibvirtNative.function("virStreamNew")
                .invokePointer(new Object[] { session.conn(), 0 })));
        try (Memory buffer = new Memory(CHUNK)) {
            transfer.accept(stream);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (;;) {
                int n = session.call("virStreamRecv", () -> check(LibvirtNative.function("virStreamRecv")
                        .invokeInt(new Object[] { stream, buffer, (long) CHUNK })));
                if (n == 0) {
                    break;
                }
                out.write(buffer.getByteArray(0, n), 0, n);
                if (out.size() > max) {
                    throw new LibvirtCallException("virStreamRecv", "more than " + max + " bytes came", -1, null);
                }
            }
            session.call("virStreamFinish", () -> LibvirtNative.function("virStreamFinish").invokeInt(new Object[] { stream }));
            return out.toByteArray();
        } catch (RuntimeException e) {
            LibvirtNative.function("virStreamAbort").invokeInt(new Object[] { stream });
            throw e;
        } finally {
            LibvirtNative.function("virStreamFree").invokeInt(new Object[] { stream });
        }
    }
}
