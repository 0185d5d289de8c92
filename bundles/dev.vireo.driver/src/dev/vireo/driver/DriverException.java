package dev.vireo.driver;

import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.ILog;

/** A driver plugin's code failed, hung or answered nonsense; logged when made, for the Error Log. */
public class DriverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DriverException(HypervisorDriver driver, String what, Throwable cause) {
        super("The driver plugin '" + driver.name() + "' (" + driver.contributor() + ") " + what, cause);
        ILog.of(DriverException.class).error(getMessage(), cause);
    }

    /** The plugin's code did not answer in time (its thread may still be stuck in it). */
    public boolean timedOut() {
        return getCause() instanceof TimeoutException;
    }
}
