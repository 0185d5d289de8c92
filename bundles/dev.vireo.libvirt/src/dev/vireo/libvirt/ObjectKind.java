package dev.vireo.libvirt;

/**
 * The kinds of host object besides domains that Vireo caches. Each follows the same libvirt
 * pattern with its own prefix ({@code virNetworkGetXMLDesc}, {@code virStoragePoolGetXMLDesc}...),
 * so one generic binding serves them all.
 */
public enum ObjectKind {
    NETWORK("virNetwork", "virConnectListAllNetworks", "virConnectNetworkEventRegisterAny", true, true, -1,
            Change.DEFINED, Change.UNDEFINED, Change.STARTED, Change.STOPPED),
    STORAGE_POOL("virStoragePool", "virConnectListAllStoragePools", "virConnectStoragePoolEventRegisterAny",
            true, true, 1, Change.DEFINED, Change.UNDEFINED, Change.STARTED, Change.STOPPED,
            Change.UPDATED /* built */, Change.UPDATED /* storage deleted, pool still defined */),
    NODE_DEVICE("virNodeDevice", "virConnectListAllNodeDevices", "virConnectNodeDeviceEventRegisterAny",
            false, false, 1, Change.DEFINED /* created */, Change.UNDEFINED /* deleted */, Change.DEFINED,
            Change.UPDATED /* config removed, device may remain */),
    SECRET("virSecret", "virConnectListAllSecrets", "virConnectSecretEventRegisterAny", true, false, 1,
            Change.DEFINED, Change.UNDEFINED),
    /** Host interfaces have no events in libvirt: always polled. */
    INTERFACE("virInterface", "virConnectListAllInterfaces", null, false, true, -1);

    /** What an event says happened to an object, in terms every kind shares. */
    public enum Change {
        DEFINED, UNDEFINED, STARTED, STOPPED, UPDATED
    }

    final String prefix;
    final String listAll;
    final String eventRegister;
    /** Whether objects are named by UUID (else by name). */
    final boolean byUuid;
    /** Whether objects can be active or inactive (listed apart with flags 2 and 1). */
    final boolean hasState;
    /** The ID of the kind's second, "something changed" event (pool refresh, device update...); -1 if none. */
    final int updateEventId;
    /** libvirt's lifecycle event codes for this kind, in order. */
    private final Change[] lifecycle;

    ObjectKind(String prefix, String listAll, String eventRegister, boolean byUuid, boolean hasState,
            int updateEventId, Change... lifecycle) {
        this.prefix = prefix;
        this.listAll = listAll;
        this.eventRegister = eventRegister;
        this.byUuid = byUuid;
        this.hasState = hasState;
        this.updateEventId = updateEventId;
        this.lifecycle = lifecycle;
    }

    public boolean hasEvents() {
        return eventRegister != null;
    }

    public boolean hasState() {
        return hasState;
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
