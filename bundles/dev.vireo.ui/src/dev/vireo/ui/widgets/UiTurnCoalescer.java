package dev.vireo.ui.widgets;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.widgets.Display;

/**
 * Folds requests from any thread into one run of a task per UI turn: however many cache
 * notifications arrive while the UI thread is busy, the task runs once after them.
 */
public final class UiTurnCoalescer {
    private final Display display;
    private final Runnable task;
    private final AtomicBoolean pending = new AtomicBoolean();

    /** {@code task} runs on the UI thread. */
    public UiTurnCoalescer(Display display, Runnable task) {
        this.display = display;
        this.task = task;
    }

    /** From any thread: schedules the task unless a run is already due. */
    public void request() {
        if (pending.compareAndSet(false, true) && !display.isDisposed()) {
            display.asyncExec(this::run);
        }
    }

    /** On the UI thread: runs the task now; requests made during it schedule another run. */
    public void run() {
        pending.set(false);
        task.run();
    }
}
