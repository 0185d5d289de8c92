package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vireo.core.tests.Sshd;
import dev.vireo.ui.widgets.VncKeys;
import dev.vireo.ui.widgets.VncViewer;
import dev.vireo.ui.widgets.X11Scancodes;

/**
 * The VNC viewer against a real VNC server: TigerVNC's X server (Debian's
 * tigervnc-standalone-server) with its root window painted by xsetroot; pixels compared.
 */
class VncViewerTest {
    private static Process server;
    private static int port;
    private static String x11;

    @BeforeAll
    static void startServer() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int n = 60;
        while (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
            n++;
        }
        x11 = ":" + n;
        server = new ProcessBuilder("Xtigervnc", x11, "-SecurityTypes", "None", "-rfbport", Integer.toString(port),
                "-geometry", "320x200", "-depth", "24", "-localhost").redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("vireo-xvnc", ".log").toFile()).start();
        UiWait.until("the VNC server to listen", VncViewerTest::listens, () -> "");
        paint("#336699");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    private static boolean listens() {
        return listens(port);
    }

    private static boolean listens(int p) {
        try (Socket s = new Socket("127.0.0.1", p)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void paint(String colour) throws Exception {
        Process p = new ProcessBuilder("xsetroot", "-display", x11, "-solid", colour).inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "xsetroot");
    }

    @Test
    void showsTheServersScreenFollowsItsChangesAndTakesKeys() throws Exception {
        Shell shell = new Shell(Display.getCurrent());
        shell.setText("VNC console");
        shell.setLayout(new FillLayout());
        VncViewer viewer = new VncViewer(shell);
        shell.setSize(420, 300);
        shell.open();
        try {
            viewer.connect("127.0.0.1", port);
            UiWait.until("the screen", () -> centre(viewer) == 0x336699, () -> viewer.status() + " " + hex(centre(viewer)));
            assertTrue(viewer.status().startsWith("Connected"), viewer.status());
            assertEquals(320, viewer.screen().width);

            viewer.sendKey('a');
            for (String chord : VncKeys.SEND_KEYS.keySet()) { // Ctrl+Alt+Del, Ctrl+Alt+F1..F12, PrintScreen...
                viewer.sendKeys(chord);
            }
            paint("#993366");
            UiWait.until("the change on the server's screen", () -> centre(viewer) == 0x993366, () -> hex(centre(viewer)));
            assertTrue(viewer.isConnected(), "keys did not break the session: " + viewer.status());

            Path png = Files.createTempFile("vireo-vnc", ".png");
            viewer.saveScreenshot(png.toString());
            ImageData saved = new ImageLoader().load(png.toString())[0];
            assertEquals(0x993366, rgb(saved, 160, 100), "the screenshot has the server's pixels");
            Workbench.screenshot(shell, "vnc-console");

            assertTrue(viewer.getCursor() != null, "the server's pointer image is the viewer's pointer");
            viewer.setResizeGuest(true); // TigerVNC's server resizes its screen on request (ExtendedDesktopSize)
            Rectangle area = viewer.getClientArea();
            UiWait.until("the guest's screen the viewer's size", () -> viewer.screen().width == area.width
                    && viewer.screen().height == area.height, () -> viewer.screen().width + "x" + viewer.screen().height
                    + " for " + area);
            UiWait.until("the same desktop, larger", () -> centre(viewer) == 0x993366, () -> hex(centre(viewer)));
        } finally {
            shell.dispose();
        }
    }

    /**
     * The same display through an SSH tunnel, as for a {@code qemu+ssh://} connection: a real
     * sshd started by the test on 127.0.0.1 with its own host key and the test's client key.
     */
    @Test
    void reachesTheDisplayThroughAnSshTunnel() throws Exception {
        Shell shell = new Shell(Display.getCurrent());
        shell.setLayout(new FillLayout());
        VncViewer viewer = new VncViewer(shell);
        shell.setSize(420, 300);
        shell.open();
        try (Sshd sshd = Workbench.offUi(Sshd::start)) {
            Path key = sshd.authorize("client_key", "");
            String user = System.getProperty("user.name");
            String uri = "qemu+ssh://" + user + "@127.0.0.1:" + sshd.port() + "/system?keyfile=" + key + "&no_verify=1";
            viewer.connectThroughSsh(uri, "127.0.0.1", port);
            UiWait.until("the server's screen through the tunnel",
                    () -> centre(viewer) == 0x336699 || centre(viewer) == 0x993366,
                    () -> viewer.status() + " / sshd: " + sshd.log());
            assertTrue(viewer.status().startsWith("Connected"), viewer.status());
        } finally {
            shell.dispose();
        }
    }

    @Test
    void keysymsMapToThePhysicalKeysXtScancodes() {
        // Xvfb's keymap is US: 'a' is the key QEMU knows as 0x1e, Up the extended 0xE0 0x48
        assertEquals(0x1e, X11Scancodes.scancode('a'));
        assertEquals(0x02, X11Scancodes.scancode('!'), "a shifted symbol: its key, Shift goes apart");
        assertEquals(0x80 | 0x48, X11Scancodes.scancode(0xff52));
        assertEquals(0, X11Scancodes.scancode(0x10fffff), "no key types it");
    }

    private static int centre(VncViewer viewer) {
        ImageData screen = viewer.screen();
        return screen == null ? -1 : rgb(screen, screen.width / 2, screen.height / 2);
    }

    private static int rgb(ImageData data, int x, int y) {
        var rgb = data.palette.getRGB(data.getPixel(x, y));
        return rgb.red << 16 | rgb.green << 8 | rgb.blue;
    }

    private static String hex(int v) {
        return Integer.toHexString(v);
    }
}
