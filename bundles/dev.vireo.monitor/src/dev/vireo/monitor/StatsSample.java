package dev.vireo.monitor;

/**
 * One statistics sample of a domain.
 *
 * @param cpuPercent guest CPU use since the previous sample, in percent of one host CPU per vCPU
 *        (0 to 100); -1 for the first sample
 * @param cpuTimeNs libvirt's {@code cpu.time}
 * @param diskBytes bytes read and written by all disks since the domain started; -1 if unknown
 * @param netBytes bytes received and sent by all interfaces since the domain started; -1 if unknown
 */
public record StatsSample(long timeNanos, long cpuTimeNs, double cpuPercent, long balloonKiB, long diskBytes,
        long netBytes) {
}
