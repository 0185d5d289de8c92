package dev.vireo.rfb;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

/** RFB 3.8's opening: versions, security types, VNC Authentication, the result. */
final class Handshake {
    /** The longest name or reason Vireo reads: 64 KiB. */
    static final int MAX_STRING = 64 * 1024;

    /** Handshake deadlines: a thread of their own (the common pool may be busy, or have one thread). */
    static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private Handshake() {
    }

    /**
     * From the server's version to the security result: the security type chosen (None, else
     * VNC Authentication with {@code password}), or the server's reason for refusing. Returns the
     * shortest round trip of the exchanges: the link's, as the server answers each at once; the
     * shortest, as one answer may wait on a busy server (QEMU's main loop, a loaded machine).
     */
    static long authenticate(DataInputStream in, DataOutputStream out, Supplier<String> password) throws IOException {
        String v = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        if (!v.startsWith("RFB 003.")) {
            throw new IOException("not a VNC server: " + v.strip());
        }
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        long sent = flush(out);
        int count = in.readUnsignedByte();
        long roundTrip = System.nanoTime() - sent;
        if (count == 0) {
            throw new IOException("the VNC server refused: " + string(in));
        }
        boolean none = false, vncAuth = false;
        StringBuilder offered = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int type = in.readUnsignedByte();
            none |= type == 1;
            vncAuth |= type == 2;
            offered.append(offered.isEmpty() ? "" : ", ").append(type);
        }
        if (none) {
            out.writeByte(1);
            sent = flush(out);
        } else if (vncAuth) {
            String secret = password.get();
            if (secret == null) {
                throw new IOException("the VNC server wants a password; none was given");
            }
            out.writeByte(2);
            sent = flush(out);
            byte[] challenge = in.readNBytes(16);
            roundTrip = Math.min(roundTrip, System.nanoTime() - sent);
            try {
                out.write(VncAuth.response(challenge, secret));
                out.flush();
            } catch (GeneralSecurityException e) {
                throw new IOException("this Java cannot do VNC Authentication (DES): " + e.getMessage(), e);
            }
        } else {
            throw new IOException("the VNC server offers only security types " + offered
                    + "; Vireo speaks None (1) and VNC Authentication (2)");
        }
        int result = in.readInt();
        if (none) {
            roundTrip = Math.min(roundTrip, System.nanoTime() - sent);
        }
        if (result != 0) {
            throw new IOException((vncAuth && !none ? "the VNC password was refused: " : "the VNC server refused: ")
                    + string(in));
        }
        return roundTrip;
    }

    /** Every handshake message is flushed: a stream may be buffered (ssh's standard input is). */
    static long flush(DataOutputStream out) throws IOException {
        out.flush();
        return System.nanoTime();
    }

    static void quietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("vnc-handshake-deadlines").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** A length-prefixed string (name, reason), at most {@link #MAX_STRING} bytes. */
    static String string(DataInputStream in) throws IOException {
        long length = in.readInt() & 0xffffffffL;
        if (length > MAX_STRING) {
            throw new IOException("the VNC server sent a " + length + "-byte text");
        }
        return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
    }
}
