package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.widgets.Display;

/**
 * Runs the UI event loop until a condition holds, with a deadline. The tests run on the UI
 * thread, so waiting there means dispatching events, or the awaited update could never arrive.
 */
final class UiWait {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private UiWait() {
    }

    static void until(String what, BooleanSupplier condition, Supplier<String> state) {
        until(what, TIMEOUT, condition, state);
    }

    /** With a deadline of its own: for a guest booting under TCG. */
    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        Display display = Display.getCurrent();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + timeout.toSeconds() + " s waiting for " + what + "; now: " + state.get());
            }
            if (!display.readAndDispatch()) {
                // wake up at least every 10 ms to look at the condition again
                display.timerExec(10, () -> { });
                display.sleep();
            }
        }
    }
}
