package dev.vireo.osinfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The identity of an ISO 9660 image, from its primary volume descriptor (sector 16): what
 * libosinfo matches install media by. Reading it takes the first {@link #BYTES_NEEDED} bytes of
 * the image, never the whole file (on a remote host: one volume download of that many bytes).
 *
 * @param volumeSize the image's size in bytes as the descriptor gives it
 */
public record IsoVolume(String systemId, String volumeId, String publisherId, String applicationId, long volumeSize) {
    private static final int SECTOR = 2048;
    private static final int DESCRIPTOR = 16 * SECTOR;
    /** Enough of an image to read its primary volume descriptor. */
    public static final int BYTES_NEEDED = DESCRIPTOR + SECTOR;

    /** Reads the descriptor from the start of an image; fails if it is none. */
    public static IsoVolume read(byte[] start) throws IOException {
        if (start.length < BYTES_NEEDED || start[DESCRIPTOR] != 1
                || !"CD001".equals(new String(start, DESCRIPTOR + 1, 5, StandardCharsets.US_ASCII))) {
            throw new IOException(Messages.NOT_AN_ISO_9660_IMAGE_NO);
        }
        long blocks = littleEndian(start, DESCRIPTOR + 80);
        long blockSize = littleEndian16(start, DESCRIPTOR + 128);
        return new IsoVolume(id(start, 8, 32), id(start, 40, 32), id(start, 318, 128), id(start, 574, 128),
                blocks * blockSize);
    }

    /** Reads the descriptor of a local image file. */
    public static IsoVolume read(Path image) throws IOException {
        try (InputStream in = Files.newInputStream(image)) {
            return read(in.readNBytes(BYTES_NEEDED));
        }
    }

    private static String id(byte[] b, int offset, int length) {
        byte[] field = Arrays.copyOfRange(b, DESCRIPTOR + offset, DESCRIPTOR + offset + length);
        return new String(field, StandardCharsets.US_ASCII).strip();
    }

    private static long littleEndian(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static long littleEndian16(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8;
    }
}
