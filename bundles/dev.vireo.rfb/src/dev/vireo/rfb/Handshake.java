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
     * round trip the client's version took to be answered: the link's, as the server answers at once.
     */
    static long authenticate(DataInputStream in, DataOutputStream out, Supplier<String> password) throws IOException {
        String v = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        if (!v.startsWith("RFB 003.")) {
            throw new IOException("not a VNC server: " + v.strip());
        }
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush(); // every handshake message: a stream may be buffered (ssh's standard input is)
        long sent = System.nanoTime();
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
            out.flush();
        } else if (vncAuth) {
            String secret = password.get();
            if (secret == null) {
                throw new IOException("the VNC server wants a password; none was given");
            }
            out.writeByte(2);
            out.flush();
            try {
                out.write(VncAuth.response(in.readNBytes(16), secret));
                out.flush();
            } catch (GeneralSecurityException e) {
                throw new IOException("this Java cannot do VNC Authentication (DES): " + e.getMessage(), e);
            }
        } else {
            throw new IOException("the VNC server offers only security types " + offered
                    + "; Vireo speaks None (1) and VNC Authentication (2)");
        }
        if (in.readInt() != 0) {
            throw new IOException((vncAuth && !none ? "the VNC password was refused: " : "the VNC server refused: ")
                    + string(in));
        }
        return roundTrip;
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
