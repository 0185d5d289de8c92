package dev.vireo.monitor;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.osgi.util.NLS;

import dev.vireo.connection.Log;

/**
 * The events waiting for a monitor's update thread, at most {@code limit} of them. When the update
 * thread falls that far behind (an event storm on a slow machine), the event is dropped, and so is
 * every other until a resync, queued once, runs on the update thread: it reads the host again, so
 * what was dropped is read instead (the list happens after the last dropped event).
 */
final class EventBacklog {
    private final int limit;
    private final String uri;
    private final Executor updates;
    private final Runnable resync;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicBoolean resyncQueued = new AtomicBoolean();
    private final AtomicInteger resyncs = new AtomicInteger();

    EventBacklog(int limit, String uri, Executor updates, Runnable resync) {
        this.limit = limit;
        this.uri = uri;
        this.updates = updates;
        this.resync = resync;
    }

    /** On the event-loop thread: queues an event's work for the update thread, or drops it (above). */
    void queue(Runnable work) {
        if (resyncQueued.get() || queued.get() >= limit) {
            if (resyncQueued.compareAndSet(false, true)) {
                resyncs.incrementAndGet();
                Log.info(EventBacklog.class, NLS.bind(Messages.MORE_THAN_EVENTS_WAITING_DROPPING_THEM, uri, limit));
                updates.execute(() -> {
                    resyncQueued.set(false);
                    resync.run();
                });
            }
            return;
        }
        peak.accumulateAndGet(queued.incrementAndGet(), Math::max);
        updates.execute(() -> {
            queued.decrementAndGet();
            work.run();
        });
    }

    int resyncs() {
        return resyncs.get();
    }

    int peak() {
        return peak.get();
    }
}
