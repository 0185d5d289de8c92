package dev.vireo.ui.jobs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.osgi.util.NLS;

import dev.vireo.ui.Messages;

/**
 * An operation on a host as an Eclipse Job: shown in the progress indicator, cancellable, never on
 * the UI thread. The operation starts when the Job runs, on the connection's workers; cancelling
 * stops waiting for it (libvirt cannot abort a call in flight), so the UI is free again at once.
 */
public final class HostJob {
    private static final String PLUGIN = "dev.vireo.ui";

    private HostJob() {
    }

    /**
     * Schedules {@code operation} as a user Job named {@code name}. With {@code reportErrors} a
     * failure ends the Job with libvirt's message, which the workbench shows in a dialog; without
     * it the caller shows the failure itself, from the returned future.
     */
    public static <T> CompletableFuture<T> run(String name, Supplier<CompletableFuture<T>> operation,
            boolean reportErrors) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Job job = Job.create(name, (IProgressMonitor monitor) -> {
            monitor.beginTask(name, IProgressMonitor.UNKNOWN);
            CompletableFuture<T> running = operation.get();
            try {
                while (true) {
                    if (monitor.isCanceled()) {
                        result.cancel(false);
                        return Status.CANCEL_STATUS;
                    }
                    try {
                        result.complete(running.get(100, TimeUnit.MILLISECONDS));
                        return Status.OK_STATUS;
                    } catch (TimeoutException e) {
                        // still running: look at the cancel button again
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.cancel(false);
                return Status.CANCEL_STATUS;
            } catch (ExecutionException e) {
                result.completeExceptionally(e.getCause());
                return reportErrors ? Status.error(NLS.bind(Messages.JOB_FAILED, name, message(e.getCause())),
                        e.getCause())
                        : new Status(IStatus.INFO, PLUGIN, NLS.bind(Messages.JOB_FAILED, name, message(e.getCause())));
            } finally {
                monitor.done();
            }
        });
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult().getSeverity() == IStatus.CANCEL) {
                    result.cancel(false); // also when cancelled before it ran
                }
            }
        });
        job.setUser(true);
        job.schedule();
        return result;
    }

    /** What to tell a user about a failure: libvirt's message, not a stack trace. */
    public static String message(Throwable failure) {
        Throwable t = failure instanceof CompletionException || failure instanceof ExecutionException
                ? failure.getCause() : failure;
        return t == null ? Messages.UNKNOWN_ERROR : t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getMessage();
    }
}
