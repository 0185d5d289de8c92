package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

import dev.vireo.api.LibvirtCallException;
import dev.vireo.api.ObjectKind;

/** libvirt's event subscriptions of a connection: domain lifecycle and other domain events, and each object kind's lifecycle and update events. */
public final class Events {
    private final LibvirtConnection session;
    /** Event callbacks libvirt holds, by the key it was given, until it frees them: it holds only their addresses. */
    private static final Map<Long, Callback> HELD = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_KEY = new AtomicLong();
    /** libvirt's free callback for every registration: the callback may be collected from now on. */
    private static final LibvirtNative.FreeCallback RELEASE = opaque -> HELD.remove(Pointer.nativeValue(opaque));
    private final List<Runnable> deregistrations = new ArrayList<>();

    Events(LibvirtConnection session) {
        this.session = session;
    }

    /**
     * Subscribes to domain lifecycle events. The listener runs on the libvirt event-loop thread
     * and must return quickly: hand work off, do not call libvirt from it.
     */
    public void subscribeDomainLifecycle(Consumer<DomainLifecycleEvent> listener) {
        registerDomainEvent(0, (LibvirtNative.LifecycleCallback) (c, domain, event, detail, opaque) -> {
            if (event >= DomainLifecycleEvent.Type.values().length) {
                return; // a type newer than Vireo
            }
            String uuid = session.domainHandles().uuid(domain);
            session.domainHandles().keep(uuid, domain);
            listener.accept(new DomainLifecycleEvent(uuid, session.domainHandles().name(domain),
                    DomainLifecycleEvent.Type.values()[event], detail));
        });
    }

    /**
     * Subscribes to one of the other domain events; the listener gets the domain's UUID, on the
     * event-loop thread.
     */
    public void subscribeDomainEvent(DomainEventId event, Consumer<String> listener) {
        registerDomainEvent(event.id, (LibvirtNative.ObjectCallback) (c, domain) -> {
            String uuid = session.domainHandles().uuid(domain);
            session.domainHandles().keep(uuid, domain);
            listener.accept(uuid);
        });
    }

    /** Undoes every subscription; on a dead connection the calls fail and closing it frees what they held. */
    void deregisterAll() {
        List<Runnable> undo;
        synchronized (deregistrations) {
            undo = new ArrayList<>(deregistrations);
            deregistrations.clear();
        }
        undo.forEach(Runnable::run);
    }

    private void registerDomainEvent(int eventId, Callback callback) {
        register("virConnectDomainEventRegisterAny", "virConnectDomainEventDeregisterAny", eventId, callback);
    }

    /**
     * Subscribes to a kind's lifecycle and update events. Returns false, with nothing subscribed,
     * where the kind has no events or the driver does not support them: the caller must poll.
     */
    public boolean subscribe(ObjectKind kind, Consumer<ObjectEvent> listener) {
        if (!kind.hasEvents()) {
            return false;
        }
        Handles handles = session.handles(kind);
        LibvirtNative.LifecycleCallback lifecycle = (c, object, event, detail, opaque) -> listener
                .accept(objectEvent(handles, kind, object, KindBinding.of(kind).lifecycleChange(event)));
        try {
            registerObjectEvent(kind, 0, lifecycle);
            if (KindBinding.of(kind).updateEventId >= 0) {
                registerObjectEvent(kind, KindBinding.of(kind).updateEventId, (LibvirtNative.ObjectCallback) (c, object) -> listener
                        .accept(objectEvent(handles, kind, object, ObjectKind.Change.UPDATED)));
            }
            return true;
        } catch (LibvirtCallException e) {
            if (e.isUnsupported()) {
                return false;
            }
            throw e;
        }
    }

    /** On the event-loop thread; the object's handle is kept, so fetching its XML needs no lookup. */
    private static ObjectEvent objectEvent(Handles handles, ObjectKind kind, Pointer object, ObjectKind.Change change) {
        String key = handles.key(object);
        handles.keep(key, object);
        return new ObjectEvent(kind, key, handles.name(object), change);
    }

    private void registerObjectEvent(ObjectKind kind, int eventId, Callback callback) {
        register(KindBinding.of(kind).eventRegister, KindBinding.of(kind).eventDeregister(), eventId, callback);
    }

    /**
     * Registers {@code callback} with libvirt's {@code register} function. libvirt may call it until
     * it frees it, which can be after deregistration and after the connection closed (an event
     * already queued): the callback stays reachable until libvirt's free callback says it is done
     * with it, so JNA never calls into a collected callback.
     */
    private void register(String register, String deregister, int eventId, Callback callback) {
        long key = NEXT_KEY.incrementAndGet();
        HELD.put(key, callback);
        try {
            // registered and recorded within one call: a close waits for both, so none is left behind
            session.call(register, () -> {
                int id = check(LibvirtNative.function(register)
                        .invokeInt(new Object[] { session.conn(), null, eventId, callback, new Pointer(key), RELEASE }));
                synchronized (deregistrations) {
                    deregistrations.add(() -> LibvirtNative.function(deregister).invokeInt(new Object[] { session.conn(), id }));
                }
                return id;
            });
        } catch (RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }
}
