package dev.vireo.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses libvirt calls on threads that must never block, such as the SWT UI thread: a libvirt call
 * is a network round trip that can take seconds on a slow link, or hang on a dead one. The UI
 * registers its thread; every call through {@link LibvirtConnection} is checked here.
 */
public final class LibvirtThreadGuard {
    private static final Set<Thread> FORBIDDEN = ConcurrentHashMap.newKeySet();
    private static final AtomicLong VIOLATIONS = new AtomicLong();

    private LibvirtThreadGuard() {
    }

    public static void forbid(Thread thread) {
        FORBIDDEN.add(thread);
    }

    public static void allow(Thread thread) {
        FORBIDDEN.remove(thread);
    }

    /** How many libvirt calls were refused so far. */
    public static long violations() {
        return VIOLATIONS.get();
    }

    /** Fails, and counts a violation, if the current thread may not call {@code api}; by the binding, before each call. */
    public static void check(String api) {
        if (FORBIDDEN.contains(Thread.currentThread())) {
            VIOLATIONS.incrementAndGet();
            throw new IllegalStateException(
                    "libvirt call " + api + " on thread '" + Thread.currentThread().getName()
                            + "', which must never block; run it on the connection's worker");
        }
    }
}
