package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.jna.Callback;
import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.vireo.api.LibvirtCallException;

/**
 * The process's libvirt event loop, implemented here and handed to libvirt with
 * {@code virEventRegisterImpl}, run by one daemon thread.
 *
 * <p>Why not libvirt's default loop: since libvirt 6 it iterates GLib's global default main
 * context, which GTK (and so SWT) uses too. Running it on a thread of ours makes that thread
 * dispatch SWT's window events (SWT then fails with "Invalid thread access"); running it on the
 * UI thread would stall event delivery and keepalives whenever the UI is busy. This loop polls
 * only the file descriptors and timers libvirt registers with it.
 */
public final class LibvirtEventLoop {
    private static final int READABLE = 1, WRITABLE = 2, ERROR = 4, HANGUP = 8;
    private static final short POLLIN = 1, POLLOUT = 4, POLLERR = 8, POLLHUP = 16;

    private static LibvirtEventLoop instance;

    private final Object lock = new Object();
    private final Map<Integer, Watch> handles = new HashMap<>();
    private final Map<Integer, Timer> timers = new HashMap<>();
    /** libvirt's free callbacks must not run inside the remove call that released them. */
    private final List<Runnable> pendingFrees = new ArrayList<>();
    private final int[] wakePipe = new int[2];
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private int nextId = 1;

    // libvirt keeps these function pointers for the life of the process: hold them strongly
    private final EventImpl.AddHandle addHandle = this::addHandle;
    private final EventImpl.UpdateHandle updateHandle = this::updateHandle;
    private final EventImpl.RemoveHandle removeHandle = this::removeHandle;
    private final EventImpl.AddTimeout addTimeout = this::addTimeout;
    private final EventImpl.UpdateTimeout updateTimeout = this::updateTimeout;
    private final EventImpl.RemoveTimeout removeTimeout = this::removeTimeout;

    private record Watch(int fd, int events, Function callback, Pointer opaque, Pointer free) {
        Watch withEvents(int newEvents) {
            return new Watch(fd, newEvents, callback, opaque, free);
        }
    }

    private static final class Timer {
        final Function callback;
        final Pointer opaque;
        final Pointer free;
        int frequencyMs;
        long dueNanos;

        Timer(int frequencyMs, Function callback, Pointer opaque, Pointer free) {
            this.callback = callback;
            this.opaque = opaque;
            this.free = free;
            setFrequency(frequencyMs);
        }

        void setFrequency(int ms) {
            frequencyMs = ms;
            dueNanos = System.nanoTime() + Math.max(ms, 0) * 1_000_000L;
        }
    }

    private LibvirtEventLoop() {
    }

    /** Registers Vireo's event loop with libvirt and starts its thread, once per process. */
    public static synchronized void ensureRunning() {
        if (instance != null) {
            return;
        }
        LibvirtEventLoop loop = new LibvirtEventLoop();
        if (LibC.INSTANCE.pipe(loop.wakePipe) != 0) {
            throw new LibvirtCallException("pipe", "cannot create the event loop's wake-up pipe", -1, null);
        }
        EventImpl.INSTANCE.virEventRegisterImpl(loop.addHandle, loop.updateHandle, loop.removeHandle,
                loop.addTimeout, loop.updateTimeout, loop.removeTimeout);
        Thread thread = new Thread(loop::run, "libvirt-event-loop");
        thread.setDaemon(true);
        thread.start();
        instance = loop;
    }

    private int addHandle(int fd, int events, Pointer callback, Pointer opaque, Pointer free) {
        synchronized (lock) {
            int id = nextId++;
            handles.put(id, new Watch(fd, events, Function.getFunction(callback), opaque, free));
            wake();
            return id;
        }
    }

    private void updateHandle(int id, int events) {
        synchronized (lock) {
            handles.computeIfPresent(id, (k, w) -> w.withEvents(events));
            wake();
        }
    }

    private int removeHandle(int id) {
        synchronized (lock) {
            Watch w = handles.remove(id);
            if (w == null) {
                return -1;
            }
            deferFree(w.free(), w.opaque());
            wake();
            return 0;
        }
    }

    private int addTimeout(int frequencyMs, Pointer callback, Pointer opaque, Pointer free) {
        synchronized (lock) {
            int id = nextId++;
            timers.put(id, new Timer(frequencyMs, Function.getFunction(callback), opaque, free));
            wake();
            return id;
        }
    }

    private void updateTimeout(int id, int frequencyMs) {
        synchronized (lock) {
            Timer t = timers.get(id);
            if (t != null) {
                t.setFrequency(frequencyMs);
            }
            wake();
        }
    }

    private int removeTimeout(int id) {
        synchronized (lock) {
            Timer t = timers.remove(id);
            if (t == null) {
                return -1;
            }
            deferFree(t.free, t.opaque);
            wake();
            return 0;
        }
    }

    private void deferFree(Pointer free, Pointer opaque) {
        if (free != null) {
            pendingFrees.add(() -> Function.getFunction(free).invoke(Void.class, new Object[] { opaque }));
        }
    }

    /** Interrupts a poll() in progress so it sees a changed set of handles or timers. */
    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            LibC.INSTANCE.write(wakePipe[1], new byte[] { 1 }, 1);
        }
    }

    private void run() {
        while (true) {
            try {
                iterate();
            } catch (RuntimeException | Error e) {
                // one failed dispatch must not end event delivery for every connection
                System.getLogger(LibvirtEventLoop.class.getName())
                        .log(System.Logger.Level.ERROR, "libvirt event loop", e);
            }
        }
    }

    private void iterate() {
        List<Runnable> frees;
        List<Integer> ids = new ArrayList<>();
        Memory fds;
        int timeoutMs;
        synchronized (lock) {
            frees = new ArrayList<>(pendingFrees);
            pendingFrees.clear();
            List<Map.Entry<Integer, Watch>> polled = handles.entrySet().stream()
                    .filter(e -> e.getValue().events() != 0).toList();
            fds = new Memory(8L * (polled.size() + 1));
            fds.clear();
            fds.setInt(0, wakePipe[0]);
            fds.setShort(4, POLLIN);
            for (int i = 0; i < polled.size(); i++) {
                ids.add(polled.get(i).getKey());
                fds.setInt(8L * (i + 1), polled.get(i).getValue().fd());
                fds.setShort(8L * (i + 1) + 4, toPoll(polled.get(i).getValue().events()));
            }
            timeoutMs = nextTimeoutMs();
        }
        frees.forEach(Runnable::run);

        int ready = LibC.INSTANCE.poll(fds, ids.size() + 1, timeoutMs);
        if (ready < 0) {
            return; // EINTR: look again
        }
        if (fds.getShort(6) != 0) {
            LibC.INSTANCE.read(wakePipe[0], new byte[64], 64);
            wakePending.set(false);
        }
        dispatchTimers();
        for (int i = 0; i < ids.size(); i++) {
            short revents = fds.getShort(8L * (i + 1) + 6);
            if (revents == 0) {
                continue;
            }
            Watch w;
            synchronized (lock) {
                w = handles.get(ids.get(i)); // removed by an earlier callback: skip it
            }
            if (w != null) {
                w.callback().invoke(Void.class, new Object[] { ids.get(i), w.fd(), fromPoll(revents), w.opaque() });
            }
        }
    }

    /** Milliseconds until the next enabled timer is due; -1 when none is enabled. */
    private int nextTimeoutMs() {
        long now = System.nanoTime();
        long soonest = -1;
        for (Timer t : timers.values()) {
            if (t.frequencyMs >= 0) {
                long wait = Math.max(0, (t.dueNanos - now + 999_999) / 1_000_000);
                soonest = soonest < 0 ? wait : Math.min(soonest, wait);
            }
        }
        return (int) Math.min(soonest, Integer.MAX_VALUE);
    }

    private void dispatchTimers() {
        List<Map.Entry<Integer, Timer>> due = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            for (Map.Entry<Integer, Timer> e : timers.entrySet()) {
                Timer t = e.getValue();
                if (t.frequencyMs >= 0 && t.dueNanos <= now) {
                    t.dueNanos = now + t.frequencyMs * 1_000_000L;
                    due.add(e);
                }
            }
        }
        for (Map.Entry<Integer, Timer> e : due) {
            boolean live;
            synchronized (lock) {
                live = timers.get(e.getKey()) == e.getValue();
            }
            if (live) {
                e.getValue().callback.invoke(Void.class, new Object[] { e.getKey(), e.getValue().opaque });
            }
        }
    }

    private static short toPoll(int events) {
        return (short) (((events & READABLE) != 0 ? POLLIN : 0) | ((events & WRITABLE) != 0 ? POLLOUT : 0));
    }

    private static int fromPoll(short revents) {
        return ((revents & POLLIN) != 0 ? READABLE : 0) | ((revents & POLLOUT) != 0 ? WRITABLE : 0)
                | ((revents & POLLERR) != 0 ? ERROR : 0) | ((revents & POLLHUP) != 0 ? HANGUP : 0);
    }

    /** libvirt's event implementation interface ({@code virEventRegisterImpl}). */
    interface EventImpl extends Library {
        EventImpl INSTANCE = Native.load("virt", EventImpl.class);

        interface AddHandle extends Callback {
            int invoke(int fd, int events, Pointer callback, Pointer opaque, Pointer free);
        }

        interface UpdateHandle extends Callback {
            void invoke(int watch, int events);
        }

        interface RemoveHandle extends Callback {
            int invoke(int watch);
        }

        interface AddTimeout extends Callback {
            int invoke(int frequencyMs, Pointer callback, Pointer opaque, Pointer free);
        }

        interface UpdateTimeout extends Callback {
            void invoke(int timer, int frequencyMs);
        }

        interface RemoveTimeout extends Callback {
            int invoke(int timer);
        }

        void virEventRegisterImpl(AddHandle addHandle, UpdateHandle updateHandle, RemoveHandle removeHandle,
                AddTimeout addTimeout, UpdateTimeout updateTimeout, RemoveTimeout removeTimeout);
    }

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int pipe(int[] fds);

        int poll(Pointer fds, int count, int timeoutMs);

        int read(int fd, byte[] buffer, int count);

        int write(int fd, byte[] buffer, int count);
    }
}
