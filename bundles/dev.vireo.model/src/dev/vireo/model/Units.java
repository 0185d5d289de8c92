package dev.vireo.model;

/** libvirt's memory and storage size units. */
public final class Units {
    private Units() {
    }

    /** Converts a size in libvirt's {@code unit} (default KiB, as libvirt's memory elements) to KiB. */
    public static long toKiB(long value, String unit) {
        return switch (unit == null ? "KiB" : unit) {
            case "b", "bytes" -> value / 1024;
            case "KB" -> value * 1000 / 1024;
            case "k", "KiB" -> value;
            case "MB" -> value * 1000_000 / 1024;
            case "M", "MiB" -> value * 1024;
            case "GB" -> value * 1000_000_000 / 1024;
            case "G", "GiB" -> value * 1024 * 1024;
            case "TB" -> value * 1000_000_000_000L / 1024;
            case "T", "TiB" -> value * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "'");
        };
    }

    /** A size in KiB as people read it: MiB, or GiB with one decimal from 1 GiB up. */
    public static String formatKiB(long kib) {
        return kib >= 1024 * 1024 ? String.format("%.1f GiB", kib / (1024.0 * 1024)) : (kib / 1024) + " MiB";
    }
}
