package dev.vireo.driver;

import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.osgi.util.NLS;

/** A driver plugin's code failed, hung or answered nonsense; logged when made, for the Error Log. */
public class DriverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DriverException(HypervisorDriver driver, String what, Throwable cause) {
        super(NLS.bind(Messages.THE_DRIVER_PLUGIN, new Object[] { driver.name(), driver.contributor(), what }), cause);
        ILog.of(DriverException.class).error(getMessage(), cause);
    }

    /** The plugin's code could not be made: its class is missing, is no driver code, or its constructor failed. */
    public boolean codeMissing() {
        return isCodeMissing(getCause());
    }

    static boolean isCodeMissing(Throwable cause) {
        return cause instanceof CoreException || cause instanceof LinkageError || cause instanceof ClassCastException;
    }

    /** The failure's message, and its root cause's where that says more ("unable to instantiate" + why). */
    static String why(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
    }

    /** The plugin's code did not answer in time (its thread may still be stuck in it). */
    public boolean timedOut() {
        return getCause() instanceof TimeoutException;
    }
}
