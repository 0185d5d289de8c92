package dev.vireo.api;

/** The host as {@code virNodeGetInfo} describes it; memory in KiB, CPU speed in MHz. */
public record NodeInfo(String cpuModel, long memoryKiB, int cpus, int mhz, int numaNodes, int sockets, int cores,
        int threads) {
}
