package dev.vireo.libvirt;

import java.util.EnumMap;
import java.util.Map;

import dev.vireo.api.ObjectKind;
import dev.vireo.api.ObjectKind.Change;

/**
 * How libvirt names each {@link ObjectKind}'s functions. Every kind follows the same pattern with
 * its own prefix ({@code virNetworkGetXMLDesc}, {@code virStoragePoolGetXMLDesc}...), so one
 * generic binding serves them all.
 */
final class KindBinding {
    private static final Map<ObjectKind, KindBinding> ALL = new EnumMap<>(Map.of(
            ObjectKind.NETWORK, new KindBinding("virNetwork", "virConnectListAllNetworks", "virConnectNetworkEventRegisterAny",
                    true, -1, Change.DEFINED, Change.UNDEFINED, Change.STARTED, Change.STOPPED),
            ObjectKind.STORAGE_POOL, new KindBinding("virStoragePool", "virConnectListAllStoragePools",
                    "virConnectStoragePoolEventRegisterAny", true, 1, Change.DEFINED, Change.UNDEFINED, Change.STARTED,
                    Change.STOPPED, Change.UPDATED /* built */, Change.UPDATED /* storage deleted, pool still defined */),
            ObjectKind.NODE_DEVICE, new KindBinding("virNodeDevice", "virConnectListAllNodeDevices",
                    "virConnectNodeDeviceEventRegisterAny", false, 1, Change.DEFINED /* created */,
                    Change.UNDEFINED /* deleted */, Change.DEFINED, Change.UPDATED /* config removed, device may remain */),
            ObjectKind.SECRET, new KindBinding("virSecret", "virConnectListAllSecrets", "virConnectSecretEventRegisterAny",
                    true, 1, Change.DEFINED, Change.UNDEFINED),
            ObjectKind.INTERFACE, new KindBinding("virInterface", "virConnectListAllInterfaces", null, false, -1)));

    final String prefix;
    final String listAll;
    final String eventRegister;
    /** Whether objects are named by UUID (else by name). */
    final boolean byUuid;
    /** The ID of the kind's second, "something changed" event (pool refresh, device update...); -1 if none. */
    final int updateEventId;
    /** libvirt's lifecycle event codes for this kind, in order. */
    private final Change[] lifecycle;

    private KindBinding(String prefix, String listAll, String eventRegister, boolean byUuid, int updateEventId,
            Change... lifecycle) {
        this.prefix = prefix;
        this.listAll = listAll;
        this.eventRegister = eventRegister;
        this.byUuid = byUuid;
        this.updateEventId = updateEventId;
        this.lifecycle = lifecycle;
    }

    static KindBinding of(ObjectKind kind) {
        return ALL.get(kind);
    }

    Change lifecycleChange(int event) {
        return event >= 0 && event < lifecycle.length ? lifecycle[event] : Change.UPDATED;
    }

    String lookup() {
        return prefix + (byUuid ? "LookupByUUIDString" : "LookupByName");
    }

    String eventDeregister() {
        return eventRegister.replace("Register", "Deregister");
    }
}
