package dev.vireo.libvirt;

import static dev.vireo.libvirt.LibvirtConnection.check;
import static dev.vireo.libvirt.LibvirtNative.INSTANCE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import dev.vireo.api.DomainState;
import dev.vireo.api.LibvirtCallException;

/** Domains with their state and statistics: in one bulk call where the driver has one, else one call per domain. */
public final class DomainStatistics {
    private final LibvirtConnection session;
    private volatile boolean statsNowait = true;
    private volatile boolean bulkStats = true;

    DomainStatistics(LibvirtConnection session) {
        this.session = session;
    }

    /** Which domains to list: all of them, or only those with ({@link #PERSISTENT}) or without a definition. */
    public static final int ALL = 0, PERSISTENT = 4, TRANSIENT = 8;
    /** libvirt's VIR_DOMAIN_STATS_* groups. */
    public static final int STATS_STATE = 1, STATS_CPU_TOTAL = 2, STATS_BALLOON = 4, STATS_VCPU = 8,
            STATS_INTERFACE = 16, STATS_BLOCK = 32;

    /**
     * The domains selected by {@code which} with their state and the statistics asked for, in one
     * call ({@code virConnectGetAllDomainStats}); {@code stats} is a mask of {@code STATS_*}.
     * Drivers without bulk statistics are asked for each domain's state instead.
     */
    public List<DomainStats> domainStats(int stats, int which) {
        if (bulkStats) {
            try {
                return bulkStats(stats, which);
            } catch (LibvirtCallException e) {
                if (!e.isUnsupported()) {
                    throw e;
                }
                bulkStats = false;
            }
        }
        return listAndAskEachState(which);
    }

    /** Whether the driver answers {@link #domainStats} in one call (else it costs one call per domain). */
    public boolean hasBulkStats() {
        return bulkStats;
    }

    /**
     * One domain's state, vCPUs, memory and CPU time ({@code virDomainGetInfo}), as a stats record
     * with the bulk call's field names, for drivers without bulk statistics.
     */
    public DomainStats domainInfo(String uuid) {
        Pointer d = session.domain(uuid);
        try (Memory info = new Memory(40)) {
            session.call("virDomainGetInfo", () -> check(INSTANCE.virDomainGetInfo(d, info)));
            DomainState state = DomainState.ofLibvirt(info.getByte(0));
            return new DomainStats(uuid, session.domainHandles().name(d), state, 0, Map.of("state.state", state.ordinal(),
                    "balloon.maximum", info.getLong(8), "balloon.current", info.getLong(16),
                    "vcpu.current", (int) info.getShort(24), "cpu.time", info.getLong(32)));
        }
    }

    private List<DomainStats> bulkStats(int stats, int which) {
        PointerByReference records = new PointerByReference();
        int n;
        try {
            int flags = which | (statsNowait ? LibvirtNative.VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT : 0);
            n = session.call("virConnectGetAllDomainStats", () -> check(INSTANCE.virConnectGetAllDomainStats(session.conn(),
                    stats | STATS_STATE, records, flags)));
        } catch (LibvirtCallException e) {
            if (!statsNowait || !e.isUnsupported()) {
                throw e;
            }
            statsNowait = false; // only QEMU knows NOWAIT; ask the others plainly from now on
            return bulkStats(stats, which);
        }
        Pointer list = records.getValue();
        try {
            List<DomainStats> result = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Pointer record = list.getPointer((long) i * Native.POINTER_SIZE);
                Pointer domain = record.getPointer(0);
                String uuid = session.domainHandles().uuid(domain);
                session.domainHandles().keep(uuid, domain);
                Map<String, Object> values = TypedParameters.read(record.getPointer(Native.POINTER_SIZE),
                        record.getInt(2L * Native.POINTER_SIZE));
                result.add(new DomainStats(uuid, session.domainHandles().name(domain),
                        DomainState.ofLibvirt(((Number) values.getOrDefault("state.state", 0)).intValue()),
                        ((Number) values.getOrDefault("state.reason", 0)).intValue(), values));
            }
            return result;
        } finally {
            if (list != null) {
                INSTANCE.virDomainStatsRecordListFree(list);
            }
        }
    }

    private List<DomainStats> listAndAskEachState(int which) {
        List<DomainStats> result = new ArrayList<>();
        for (Pointer domain : session.listAll("virConnectListAllDomains", which)) {
            String uuid = session.domainHandles().uuid(domain);
            session.domainHandles().adopt(uuid, domain);
            int[] state = session.domains().domainState(uuid);
            result.add(new DomainStats(uuid, session.domainHandles().name(domain), DomainState.ofLibvirt(state[0]), state[1], Map.of()));
        }
        return result;
    }
}
