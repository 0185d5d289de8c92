package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, or watches one over a window; never a fixed sleep. */
final class Await {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long STEP_NANOS = Duration.ofMillis(5).toNanos();

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "");
    }

    /** Fails with {@code what} and the current {@code state} if the condition does not hold in time. */
    static void until(String what, BooleanSupplier condition, Supplier<String> state) {
        until(what, TIMEOUT, condition, state);
    }

    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + timeout.toSeconds() + " s waiting for " + what + "; now: " + state.get());
            }
            LockSupport.parkNanos(STEP_NANOS);
        }
    }

    /** Fails as soon as {@code invariant} stops holding during {@code window}: for idle-cost checks. */
    static void holdsFor(Duration window, String what, BooleanSupplier invariant, Supplier<String> state) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            if (!invariant.getAsBoolean()) {
                fail(what + " stopped holding; now: " + state.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
