package dev.vireo.core.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.vireo.api.LibvirtCallException;
import dev.vireo.libvirt.DomainStatistics;
import dev.vireo.libvirt.DomainStats;
import dev.vireo.libvirt.LibvirtConnection;

/**
 * A real libvirtd serving libvirt's test driver on 127.0.0.1 over TCP without authentication,
 * unprivileged (as {@code nobody} when the tests run as root), with its own config, sockets and
 * HOME in a temporary folder. {@code /default} on it is one state shared by all its clients.
 */
public final class LibvirtDaemon implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Security security = Security.NONE;
    private Process process;

    private LibvirtDaemon(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static LibvirtDaemon start() throws IOException {
        return start(Security.NONE, null, null);
    }

    /** How clients prove who they are: not at all, a SASL password (DIGEST-MD5), or TLS client certificates. */
    public enum Security {
        NONE, SASL, TLS
    }

    /**
     * A daemon that asks for {@code user} and {@code password} (SASL, its own password database),
     * or one that speaks only TLS, with a CA, server and client certificates made for it
     * ({@link #pki()}; {@code user} and {@code password} unused).
     */
    public static LibvirtDaemon start(Security security, String user, String password) throws IOException {
        // short: QEMU's guest-agent socket lands under the config folder, and a UNIX socket path
        // has at most 107 bytes
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "vl");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LibvirtDaemon daemon = new LibvirtDaemon(dir, port);
        daemon.security = security;
        if (security == Security.SASL) {
            daemon.makeSaslDatabase(user, password);
        } else if (security == Security.TLS) {
            Pki.make(dir.resolve("pki"));
        }
        daemon.writeConfig();
        daemon.launch();
        return daemon;
    }

    public String uri(String path) {
        return security == Security.TLS ? "test+tls://127.0.0.1:" + port + path + "?pkipath=" + pki().resolve("client")
                : "test+tcp://127.0.0.1:" + port + path;
    }

    /** Another of the daemon's drivers over plain TCP, e.g. {@code uri("qemu", "/session")} for QEMU as this daemon's user. */
    public String uri(String driver, String path) {
        return driver + "+tcp://127.0.0.1:" + port + path;
    }

    /** The daemon's read-write UNIX socket: what libvirt's ssh transport reaches on the far side ({@code socket=}). */
    public Path socket() {
        return dir.resolve("run/libvirt-sock");
    }

    /** The daemon's folder, readable and writable by the daemon's user: for files its guests use. */
    public Path dir() {
        return dir;
    }

    /** The TLS daemon's certificates: {@code ca/}, {@code server/}, {@code client/}, {@code stranger/} (another CA's client). */
    public Path pki() {
        return dir.resolve("pki");
    }

    private void makeSaslDatabase(String user, String password) throws IOException {
        Path sasl = dir.resolve("sasl");
        Files.createDirectories(sasl);
        // DIGEST-MD5: libvirt wants a SASL layer with encryption on plain TCP, which SCRAM lacks
        Files.writeString(sasl.resolve("libvirt.conf"), "mech_list: digest-md5\nsasldb_path: " + sasl.resolve("passwd.db") + "\n");
        Process p = new ProcessBuilder("saslpasswd2", "-a", "libvirt", "-f", sasl.resolve("passwd.db").toString(), "-p", user)
                .redirectErrorStream(true).start();
        p.getOutputStream().write(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("saslpasswd2 failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Forces off the QEMU guests a test left running (one that failed half way): QEMU outlives
     * the daemon that started it, and a guest left spinning takes a core from the tests after it.
     */
    private void stopGuests() {
        if (security != Security.NONE) {
            return; // only the plain daemons run guests
        }
        // on a thread of its own: UI tests close their hosts on the UI thread, where Vireo's binding
        // refuses every libvirt call (which once left each of their guests running)
        Thread stopper = Thread.ofPlatform().name("test-daemon-stop-guests").start(() -> {
            try (LibvirtConnection c = LibvirtConnection.open(uri("qemu", "/session"))) {
                for (DomainStats d : c.stats().domainStats(0, DomainStatistics.ALL)) {
                    if (d.state().isActive()) {
                        c.domains().destroy(d.uuid());
                    }
                }
            } catch (RuntimeException e) {
                // no QEMU driver, or the daemon is stuck: nothing to stop through it
            }
        });
        try {
            stopper.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * How many clients the daemon serves over TCP now: its end of each established connection, as
     * the kernel lists them ({@code /proc/net/tcp}); a client that closed is gone from it.
     */
    public long clients() {
        String local = String.format(":%04X ", port);
        try (Stream<String> lines = Files.lines(Path.of("/proc/net/tcp"))) {
            // sl, local_address, rem_address, st: 01 is ESTABLISHED
            return lines.skip(1).map(String::strip).map(l -> l.split("\\s+"))
                    .filter(f -> (f[1] + " ").endsWith(local) && f[3].equals("01")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the daemon at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the daemon's process (SIGSTOP) without killing it: every call to it hangs, as on a stuck host. */
    public void freeze() throws IOException {
        run("kill", "-STOP", Long.toString(process.pid()));
    }

    /** Lets a frozen daemon run on (SIGCONT). */
    public void thaw() throws IOException {
        run("kill", "-CONT", Long.toString(process.pid()));
    }

    /** Starts the daemon again on the same port, with the test driver's state fresh. */
    public void restart() throws IOException {
        launch();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            thaw(); // a test that froze it and failed before thawing
            stopGuests();
            kill();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void writeConfig() throws IOException {
        for (String sub : List.of("run", "c", "home/cache", "home/data", "home/runtime")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Path pki = dir.resolve("pki");
        Files.writeString(dir.resolve("libvirtd.conf"), """
                listen_tls = %d
                listen_tcp = %d
                listen_addr = "127.0.0.1"
                tcp_port = "%d"
                tls_port = "%d"
                auth_tcp = "%s"
                auth_tls = "none"
                key_file = "%s"
                cert_file = "%s"
                ca_file = "%s"
                auth_unix_rw = "none"
                auth_unix_ro = "none"
                unix_sock_dir = "%s"
                """.formatted(security == Security.TLS ? 1 : 0, security == Security.TLS ? 0 : 1, port, port,
                security == Security.SASL ? "sasl" : "none", pki.resolve("server/serverkey.pem"),
                pki.resolve("server/servercert.pem"), pki.resolve("ca/cacert.pem"), dir.resolve("run")));
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        if (isRoot()) {
            run("chown", "-R", "nobody:nogroup", dir.toString());
        }
    }

    private void launch() throws IOException {
        Path home = dir.resolve("home");
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.addAll(List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "HOME=" + home,
                "XDG_CONFIG_HOME=" + dir.resolve("c"), "XDG_CACHE_HOME=" + home.resolve("cache"),
                "XDG_DATA_HOME=" + home.resolve("data"), "XDG_RUNTIME_DIR=" + home.resolve("runtime"),
                "SASL_CONF_PATH=" + dir.resolve("sasl"),
                "libvirtd", "--listen", "-f", dir.resolve("libvirtd.conf").toString()));
        // setpriv and env exec in place, so the process is libvirtd itself: kill() hits the daemon
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("libvirtd.out").toFile()).start();
        Await.until("libvirtd to answer on " + uri("/default"), this::answers, this::output);
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("libvirtd exited: " + output());
        }
        try (LibvirtConnection c = LibvirtConnection.open(uri("/default"))) {
            return true;
        } catch (LibvirtCallException e) {
            return e.isAuthFailure(); // a SASL daemon answers by asking who is there
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("libvirtd.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String... command) throws IOException {
        try {
            new ProcessBuilder(command).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
