package dev.vireo.monitor;

/**
 * One statistics sample of a domain.
 *
 * @param cpuPercent guest CPU use since the previous sample, in percent of one host CPU per vCPU
 *        (0 to 100); -1 for the first sample
 * @param cpuTimeNs libvirt's {@code cpu.time}
 */
public record StatsSample(long timeNanos, long cpuTimeNs, double cpuPercent, long balloonKiB) {
}
