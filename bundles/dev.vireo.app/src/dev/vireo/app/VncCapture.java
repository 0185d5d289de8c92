package dev.vireo.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;

import dev.vireo.rfb.Frame;
import dev.vireo.rfb.Preferences;
import dev.vireo.rfb.RfbClient;
import dev.vireo.rfb.RfbListener;

/**
 * {@code vireo --vnc-capture HOST:PORT FILE.png [--password-file F]}, as gtk-vnc's gvnccapture:
 * connects with Vireo's VNC client, takes one full screen update, writes it as PNG and exits; on
 * failure, exits non-zero with the reason. No window, no display needed.
 */
final class VncCapture {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private VncCapture() {
    }

    static int capture(String display, String file, String passwordFile) {
        int colon = display.lastIndexOf(':');
        try {
            String password = passwordFile == null ? null
                    : Files.readString(Path.of(passwordFile)).lines().findFirst().orElse("");
            String host = colon > 0 ? display.substring(0, colon) : "127.0.0.1";
            int port = Integer.parseInt(display.substring(colon + 1));
            CompletableFuture<Void> shown = new CompletableFuture<>();
            try (RfbClient client = RfbClient.connect(host, port, new RfbListener() {
                @Override
                public void updated(int x, int y, int width, int height) {
                    shown.complete(null);
                }

                @Override
                public void closed(String reason) {
                    shown.completeExceptionally(new IOException(reason));
                }
            }, () -> password, Preferences.DEFAULT.withQuality(Preferences.Quality.LOSSLESS))) {
                client.start();
                shown.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                Frame frame = client.frame();
                ImageData data = new ImageData(frame.width(), frame.height(), 24, new PaletteData(0xff0000, 0xff00,
                        0xff));
                data.setPixels(0, 0, frame.pixels().length, frame.pixels(), 0);
                ImageLoader png = new ImageLoader();
                png.data = new ImageData[] { data };
                png.save(file, SWT.IMAGE_PNG);
                System.out.println(NLS.bind(Messages.VNC_CAPTURED, new Object[] { file, frame.width(), frame.height(),
                        client.name() }));
                return 0;
            }
        } catch (NumberFormatException e) {
            System.err.println(NLS.bind(Messages.VNC_CAPTURE_IS_NOT_HOST_PORT, display));
        } catch (IOException e) {
            System.err.println("--vnc-capture: " + display + ": " + e.getMessage());
        } catch (ExecutionException e) {
            System.err.println("--vnc-capture: " + display + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            System.err.println(NLS.bind(Messages.VNC_CAPTURE_NO_SCREEN_WITHIN_S, display, TIMEOUT.toSeconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }
}
