package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;
import static dev.vireo.libvirt.LibvirtNative.INSTANCE;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

import dev.vireo.api.LibvirtCallException;
import dev.vireo.api.ObjectKind;

/** libvirt's event subscriptions of a connection: domain lifecycle and other domain events, and each object kind's lifecycle and update events. */
public final class Events {
    private final LibvirtConnection session;
    /** Registered event callbacks: libvirt holds only their addresses, so they must stay reachable. */
    private final List<Callback> callbacks = new ArrayList<>();
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
        synchronized (callbacks) {
            undo = new ArrayList<>(deregistrations);
            deregistrations.clear();
        }
        undo.forEach(Runnable::run);
    }

    private void registerDomainEvent(int eventId, Callback callback) {
        int id = session.call("virConnectDomainEventRegisterAny",
                () -> check(INSTANCE.virConnectDomainEventRegisterAny(session.conn(), null, eventId, callback, null, null)));
        synchronized (callbacks) {
            callbacks.add(callback);
            deregistrations.add(() -> INSTANCE.virConnectDomainEventDeregisterAny(session.conn(), id));
        }
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
        int id = session.call(KindBinding.of(kind).eventRegister, () -> check(LibvirtNative.function(KindBinding.of(kind).eventRegister)
                .invokeInt(new Object[] { session.conn(), null, eventId, callback, null, null })));
        synchronized (callbacks) {
            callbacks.add(callback);
            deregistrations.add(() -> LibvirtNative.function(KindBinding.of(kind).eventDeregister()).invokeInt(new Object[] { session.conn(), id }));
        }
    }
}
