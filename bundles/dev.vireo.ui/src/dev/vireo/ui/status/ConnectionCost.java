package dev.vireo.ui.status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.osgi.util.NLS;

import dev.vireo.api.CallCounter;
import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.Messages;

/**
 * What a connection has cost: its calls and bytes in total (the core's call accounting) and over
 * the last minute, from totals remembered each time someone looks. Reads counters only, never libvirt.
 */
public final class ConnectionCost {
    private static final long MINUTE = 60_000_000_000L;
    private static final Map<VirtConnection, Deque<long[]>> HISTORY = new WeakHashMap<>();

    /** Calls and bytes, in total and in the last minute (or since first looked, if less). */
    public record Figures(long calls, long bytes, long callsLastMinute, long bytesLastMinute) {
        public String summary() {
            return NLS.bind(Messages.CALLS_LAST_MIN_CALLS, new Object[] { calls, kib(bytes), callsLastMinute,
                    kib(bytesLastMinute) });
        }
    }

    private ConnectionCost() {
    }

    public static synchronized Figures of(VirtConnection connection) {
        CallCounter counter = connection.calls();
        long now = System.nanoTime();
        long calls = counter.total();
        long bytes = counter.totalBytes();
        Deque<long[]> history = HISTORY.computeIfAbsent(connection, c -> new ArrayDeque<>());
        history.addLast(new long[] { now, calls, bytes });
        while (history.size() > 1 && now - history.peekFirst()[0] > MINUTE) {
            history.removeFirst();
        }
        long[] oldest = history.peekFirst();
        return new Figures(calls, bytes, calls - oldest[1], bytes - oldest[2]);
    }

    public static String kib(long bytes) {
        return bytes < 10 * 1024 ? NLS.bind(Messages.BYTES, bytes) : bytes < 10L * 1024 * 1024
                ? NLS.bind(Messages.KIB_3, bytes / 1024) : NLS.bind(Messages.MIB_3, bytes / (1024 * 1024));
    }
}
