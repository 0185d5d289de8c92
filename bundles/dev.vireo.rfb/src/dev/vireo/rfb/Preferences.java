package dev.vireo.rfb;

import java.util.List;

/**
 * What a client asks its server for: the rectangle encodings it takes, best first (CopyRect is
 * always among them), and the picture's quality.
 */
public record Preferences(List<Encoding> encodings, Quality quality) {
    /** Every encoding, the most compact first; the quality chosen by the link. */
    public static final Preferences DEFAULT = new Preferences(List.of(Encoding.values()), Quality.AUTOMATIC);

    public Preferences {
        encodings = List.copyOf(encodings);
    }

    public Preferences withQuality(Quality q) {
        return new Preferences(encodings, q);
    }

    public enum Encoding {
        TIGHT(Decoders.TIGHT), ZRLE(Decoders.ZRLE), HEXTILE(Decoders.HEXTILE), RRE(Decoders.RRE), RAW(Decoders.RAW);

        final int number;

        Encoding(int number) {
            this.number = number;
        }
    }

    /** How much of the picture may be lost to save bytes: JPEG, from servers that speak Tight. */
    public enum Quality {
        /** LOSSLESS when the display answered the handshake within {@value Messages#NEAR_MS} ms, else GOOD. */
        AUTOMATIC(-1),
        LOSSLESS(-1),
        /** JPEG at quality 6 of 9: TigerVNC's viewer's own choice below 16 Mbit/s. */
        GOOD(6),
        LOW(2);

        final int jpeg;

        Quality(int jpeg) {
            this.jpeg = jpeg;
        }
    }

    /** AUTOMATIC resolved by the link's measured round trip. */
    Quality resolved(boolean near) {
        return quality != Quality.AUTOMATIC ? quality : near ? Quality.LOSSLESS : Quality.GOOD;
    }
}
