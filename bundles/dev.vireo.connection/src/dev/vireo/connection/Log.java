package dev.vireo.connection;

import org.eclipse.core.runtime.ILog;
import org.osgi.framework.FrameworkUtil;

/**
 * Logging for the headless core: to the Eclipse log (the Error Log view) inside OSGi, to the
 * JDK's logger when the core runs as plain jars (benchmarks, command-line tools).
 */
public final class Log {
    private Log() {
    }

    public static void info(Class<?> from, String message) {
        if (FrameworkUtil.getBundle(from) != null) {
            ILog.of(from).info(message);
        } else {
            System.getLogger(from.getName()).log(System.Logger.Level.INFO, message);
        }
    }

    public static void warn(Class<?> from, String message) {
        if (FrameworkUtil.getBundle(from) != null) {
            ILog.of(from).warn(message);
        } else {
            System.getLogger(from.getName()).log(System.Logger.Level.WARNING, message);
        }
    }
}
