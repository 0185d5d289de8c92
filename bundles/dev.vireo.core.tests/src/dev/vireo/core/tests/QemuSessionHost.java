package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import dev.vireo.connection.ConnectionManager;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.Monitors;

/**
 * A real QEMU host for tests: a libvirtd the test starts, serving QEMU as its unprivileged session
 * (TCG, no /dev/kvm needed), with a folder of images its guests may use, and the tests' Linux
 * guest as an install ISO on demand ({@code guest/make-iso.sh}).
 */
public final class QemuSessionHost implements AutoCloseable {
    private final LibvirtDaemon daemon;
    private final Path images;
    private final ConnectionManager manager = new ConnectionManager();

    private QemuSessionHost(LibvirtDaemon daemon, Path images) {
        this.daemon = daemon;
        this.images = images;
    }

    public static QemuSessionHost start() throws IOException {
        LibvirtDaemon daemon = LibvirtDaemon.start();
        Path images = Files.createDirectories(daemon.dir().resolve("images"));
        Files.setPosixFilePermissions(images, PosixFilePermissions.fromString("rwxrwxrwx"));
        return new QemuSessionHost(daemon, images);
    }

    public String uri() {
        return daemon.uri("qemu", "/session");
    }

    /** A small QEMU machine with no disk, only its firmware and these graphics and video devices: for consoles. */
    public static String firmwareOnly(String name, String display) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>128</memory>
                  <os><type arch='x86_64' machine='q35'>hvm</type></os>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    %s
                  </devices>
                </domain>
                """.formatted(name, display);
    }

    /** How many clients the daemon serves now. */
    public long clients() {
        return daemon.clients();
    }

    /** The daemon's UNIX socket, for reaching this host over ssh. */
    public Path socket() {
        return daemon.socket();
    }

    /** The folder of images, which the daemon's user may read and write. */
    public Path images() {
        return images;
    }

    /** A zeroed raw image of {@code mib} MiB in the images folder. */
    public Path image(String name, int mib) throws IOException {
        return share(Files.write(images.resolve(name), new byte[mib * 1024 * 1024]));
    }

    /** The tests' Linux guest as an install ISO in the images folder, with that ISO label. */
    public Path guestIso(String name, String label) throws IOException, InterruptedException {
        Path iso = images.resolve(name);
        Process make = new ProcessBuilder("bash", Path.of(System.getProperty("vireo.root"),
                "bundles/dev.vireo.core.tests/guest/make-iso.sh").toString(), iso.toString(), label)
                .redirectErrorStream(true).start();
        String log = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(make.waitFor(5, TimeUnit.MINUTES) && make.exitValue() == 0, "make-iso.sh: " + log);
        return share(iso);
    }

    /** A monitor of the host of its own, once loaded. */
    public ConnectionMonitor monitor() {
        ConnectionMonitor monitor = new Monitors().of(manager.open(uri()));
        Await.until("the session host loaded", monitor::isReady, () -> monitor.connection().state().label());
        return monitor;
    }

    private static Path share(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        return file;
    }

    @Override
    public void close() throws Exception {
        manager.connections().forEach(manager::close);
        daemon.close();
    }
}
