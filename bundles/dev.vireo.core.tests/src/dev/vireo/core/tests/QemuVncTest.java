package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.vireo.api.DomainState;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.operations.DomainOperations;
import dev.vireo.operations.Lifecycle;
import dev.vireo.rfb.Frame;
import dev.vireo.rfb.RfbClient;
import dev.vireo.rfb.RfbListener;

/**
 * Vireo's VNC client against QEMU's own VNC server, a password set on the graphics: a wrong
 * password is refused with QEMU's reason; the right one shows the firmware's screen, and with the
 * guest paused the client's copy is pixel for pixel what QEMU's screendump
 * ({@code virDomainScreenshot}) gives, with the encodings QEMU chooses from Vireo's list (ZRLE).
 */
class QemuVncTest {

    @Test
    void aPasswordProtectedQemuDisplayIsShownPixelForPixel() throws Exception {
        try (QemuSessionHost host = QemuSessionHost.start()) {
            ConnectionMonitor monitor = host.monitor();
            DomainOperations domains = new DomainOperations(monitor);
            String uuid = domains.define(QemuSessionHost.firmwareOnly("vnc", "<graphics type='vnc' port='-1' "
                    + "listen='127.0.0.1' passwd='vireo-pw'/><video><model type='vga'/></video>")).get(30, TimeUnit.SECONDS);
            domains.run(uuid, Lifecycle.START).get(30, TimeUnit.SECONDS);
            try {
                Matcher port = Pattern.compile("<graphics type='vnc' port='(\\d+)'").matcher(
                        monitor.connection().submit(l -> l.domains().domainXml(uuid)).get(30, TimeUnit.SECONDS));
                assertTrue(port.find(), "the VNC port in the live XML");
                int vnc = Integer.parseInt(port.group(1));
                AtomicInteger updates = new AtomicInteger();
                RfbListener listener = (x, y, w, h) -> updates.incrementAndGet();

                IOException refused = assertThrows(IOException.class,
                        () -> RfbClient.connect("127.0.0.1", vnc, listener, () -> "wrong"));
                assertTrue(refused.getMessage().startsWith("the VNC password was refused"), refused.getMessage());

                try (RfbClient client = RfbClient.connect("127.0.0.1", vnc, listener, () -> "vireo-pw")) {
                    client.start();
                    Await.until("the firmware's text on the screen", Duration.ofSeconds(90), () -> lit(client.frame()) > 200,
                            () -> lit(client.frame()) + " lit pixels of " + client.frame().pixels().length);
                    domains.run(uuid, Lifecycle.PAUSE).get(30, TimeUnit.SECONDS);
                    Await.until("the guest paused", () -> monitor.domains().get(uuid).state() == DomainState.PAUSED);
                    int before = updates.get();
                    client.requestUpdate(false);
                    Await.until("the whole still screen again", () -> updates.get() > before, () -> "");
                    Frame frame = client.frame();
                    assertTrue(client.takesScancodes(), "QEMU takes extended key events");
                    Frame qemu = image(monitor.connection().submit(l -> l.domains().screenshot(uuid)).get(30, TimeUnit.SECONDS));
                    assertEquals(qemu.width() + "x" + qemu.height(), frame.width() + "x" + frame.height());
                    assertArrayEquals(qemu.pixels(), frame.pixels(), "pixel for pixel QEMU's screendump");
                    System.out.printf("vnc: QEMU's display %dx%d, password checked, pixel-equal to its screendump%n",
                            frame.width(), frame.height());
                }
            } finally {
                domains.run(uuid, Lifecycle.FORCE_OFF).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long lit(Frame frame) {
        return Arrays.stream(frame.pixels()).filter(p -> (p & 0xffffff) != 0).count();
    }

    /** QEMU's screenshot (PNG, or PPM from older QEMUs) as ARGB pixels, read with the JDK's ImageIO. */
    private static Frame image(byte[] image) throws IOException {
        String header = new String(image, 0, Math.min(64, image.length), StandardCharsets.US_ASCII);
        Matcher ppm = Pattern.compile("P6\\s+(\\d+)\\s+(\\d+)\\s+255\\s").matcher(header);
        if (ppm.lookingAt()) {
            int w = Integer.parseInt(ppm.group(1)), h = Integer.parseInt(ppm.group(2));
            int[] pixels = new int[w * h];
            for (int i = 0, at = ppm.end(); i < pixels.length; i++, at += 3) {
                pixels[i] = 0xff000000 | (image[at] & 0xff) << 16 | (image[at + 1] & 0xff) << 8 | (image[at + 2] & 0xff);
            }
            return new Frame(w, h, pixels);
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image));
        assertTrue(png != null, "an image QEMU sent: " + header);
        int[] pixels = png.getRGB(0, 0, png.getWidth(), png.getHeight(), null, 0, png.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] |= 0xff000000;
        }
        return new Frame(png.getWidth(), png.getHeight(), pixels);
    }
}
