package dev.vireo.rfb;

/** What a client asks its server for: the rectangle encoding it prefers, and the picture's quality. */
public record Preferences(Encoding encoding, Quality quality) {
    public static final Preferences DEFAULT = new Preferences(Encoding.TIGHT, Quality.AUTOMATIC);

    /** The encoding asked for first (the server may still choose another of the client's list). */
    public enum Encoding {
        TIGHT(Decoders.TIGHT), ZRLE(Decoders.ZRLE), HEXTILE(Decoders.HEXTILE), RAW(Decoders.RAW);

        final int number;

        Encoding(int number) {
            this.number = number;
        }
    }

    /** How much of the picture may be lost to save bytes: JPEG, from servers that speak Tight. */
    public enum Quality {
        /** LOSSLESS when the display answered the handshake within {@value ClientMessages#NEAR_MS} ms, else GOOD. */
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
