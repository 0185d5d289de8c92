package dev.vireo.libvirt;

import java.nio.charset.StandardCharsets;

import com.sun.jna.Callback;
import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * JNA bindings for what libvirt-java 0.5.4 lacks, against Debian's libvirt 9.0. Memory follows
 * libvirt's rules: strings returned as {@link Pointer} and lists are the caller's to free
 * ({@link #takeString}, {@link #takeArray}); object pointers are reference-counted
 * ({@code vir*Ref} / {@code vir*Free}).
 */
interface LibvirtNative extends Library {
    LibvirtNative INSTANCE = Native.load("virt", LibvirtNative.class);
    NativeLibrary LIBRARY = NativeLibrary.getInstance("virt");

    int VIR_UUID_STRING_BUFLEN = 37;
    int VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT = 1 << 29;

    Pointer virConnectGetCapabilities(Pointer conn);

    Pointer virConnectGetDomainCapabilities(Pointer conn, String emulator, String arch, String machine, String virtType,
            int flags);

    int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference records, int flags);

    void virDomainStatsRecordListFree(Pointer records);

    /** Fills a {@code virDomainInfo}: state (char), maxMem, memory (unsigned long), nrVirtCpu (short), cpuTime. */
    int virDomainGetInfo(Pointer domain, Pointer info);

    int virDomainGetState(Pointer domain, IntByReference state, IntByReference reason, int flags);

    Pointer virDomainDefineXML(Pointer conn, String xml);

    int virDomainListAllSnapshots(Pointer domain, PointerByReference snapshots, int flags);

    String virDomainSnapshotGetName(Pointer snapshot);

    int virDomainSnapshotFree(Pointer snapshot);

    int virStoragePoolListAllVolumes(Pointer pool, PointerByReference volumes, int flags);

    Pointer virGetLastError();

    String virGetLastErrorMessage();

    void virSetErrorFunc(Pointer userData, ErrorFunc handler);

    /** {@code virConnectDomainEventCallback} and every object kind's lifecycle callback. */
    interface LifecycleCallback extends Callback {
        void invoke(Pointer conn, Pointer object, int event, int detail, Pointer opaque);
    }

    /**
     * Any event callback, reading only the connection and the object. Every libvirt event callback
     * starts with these two; the C calling convention lets the callee ignore the rest.
     */
    interface ObjectCallback extends Callback {
        void invoke(Pointer conn, Pointer object);
    }

    /** {@code virFreeCallback}: libvirt is done with what it was given with {@code opaque}. */
    interface FreeCallback extends Callback {
        void invoke(Pointer opaque);
    }

    interface ErrorFunc extends Callback {
        void invoke(Pointer userData, Pointer error);
    }

    /** Calls a libvirt function by name, for the families that differ only in their prefix. */
    static Function function(String name) {
        return LIBRARY.getFunction(name);
    }

    /** Copies a string libvirt allocated for the caller, and frees it. */
    static String takeString(Pointer p) {
        if (p == null) {
            return null;
        }
        try {
            return p.getString(0, StandardCharsets.UTF_8.name());
        } finally {
            Native.free(Pointer.nativeValue(p));
        }
    }

    /** The {@code count} elements of a list libvirt allocated for the caller; frees the list itself. */
    static Pointer[] takeArray(PointerByReference list, int count) {
        Pointer array = list.getValue();
        if (array == null) {
            return new Pointer[0];
        }
        try {
            return array.getPointerArray(0, count);
        } finally {
            Native.free(Pointer.nativeValue(array));
        }
    }
}
