import java.io.IOException;
import java.util.stream.Stream;

import dev.vireo.rfb.Preferences;
import dev.vireo.rfb.RfbClient;
import dev.vireo.rfb.RfbListener;

/**
 * Vireo's VNC client as the console page runs it, without the window: connects with the given
 * encodings and quality (the page's defaults: TIGHT,ZRLE,HEXTILE,RRE,RAW AUTOMATIC), keeps asking for updates, and
 * stays until its standard input closes. The benchmark measures it on the wire, as it measures
 * TigerVNC's viewer.
 *
 *   ConsoleClient HOST PORT ENCODING[,ENCODING...] QUALITY
 */
public class ConsoleClient {
    private static final long START = System.nanoTime();
    /** VIREO_TRACE=1: a line for every rectangle shown, with milliseconds since start. */
    private static final boolean TRACE = System.getenv("VIREO_TRACE") != null;

    public static void main(String[] args) throws IOException {
        Preferences preferences = new Preferences(
                Stream.of(args[2].split(",")).map(Preferences.Encoding::valueOf).toList(), Preferences.Quality.valueOf(args[3]));
        try (RfbClient client = RfbClient.connect(args[0], Integer.parseInt(args[1]), new RfbListener() {
            @Override
            public void updated(int x, int y, int w, int h) {
                if (TRACE) {
                    System.out.printf("%d %d,%d %dx%d%n", (System.nanoTime() - START) / 1_000_000, x, y, w, h);
                }
            }

            @Override
            public void closed(String reason) {
                System.out.println("closed " + reason);
            }
        }, () -> null, preferences)) {
            client.start();
            System.out.println("connected " + client.quality() + " rtt " + client.roundTripMillis() + " ms");
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
