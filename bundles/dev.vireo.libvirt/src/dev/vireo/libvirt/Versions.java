package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;

import com.sun.jna.ptr.LongByReference;

/** libvirt's versions: of the client library Vireo loaded, and of a connection's daemon. */
public final class Versions {
    private Versions() {
    }

    /** The client library's version ({@code virGetVersion}), e.g. "9.0.0"; needs no connection. */
    public static String library() {
        LongByReference version = new LongByReference();
        check(LibvirtNative.function("virGetVersion").invokeInt(new Object[] { version, null, null }));
        return format(version.getValue());
    }

    /** The version of the libvirt that serves a connection ({@code virConnectGetLibVersion}). */
    public static String daemon(LibvirtConnection session) {
        LongByReference version = new LongByReference();
        session.call("virConnectGetLibVersion", () -> check(LibvirtNative.function("virConnectGetLibVersion")
                .invokeInt(new Object[] { session.conn(), version })));
        return format(version.getValue());
    }

    /** libvirt encodes versions as major × 1 000 000 + minor × 1 000 + release. */
    private static String format(long v) {
        return v / 1_000_000 + "." + v / 1_000 % 1_000 + "." + v % 1_000;
    }
}
