package dev.vireo.core.tests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real sshd of the tests' own on 127.0.0.1: its own host key, configuration and authorized keys
 * (the tests run as root; root may log in with a key, never a password). Closing it stops it and
 * forgets its host key in the user's known hosts, where a test may have accepted it.
 */
public final class Sshd implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private Sshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static Sshd start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vireo-sshd");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        Files.writeString(dir.resolve("authorized_keys"), "");
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"), "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"), "StrictModes no", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", "AllowTcpForwarding yes",
                "UsePAM no", ""));
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder
        Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        Sshd sshd = new Sshd(dir, port, process);
        Await.until("sshd to listen on " + port, sshd::listens, sshd::log);
        return sshd;
    }

    public int port() {
        return port;
    }

    /** A new client key pair, authorized here; {@code passphrase} "" for none. Returns the private key. */
    public Path authorize(String name, String passphrase) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", key.toString());
        Files.writeString(dir.resolve("authorized_keys"), Files.readString(key.resolveSibling(name + ".pub")),
                StandardOpenOption.APPEND);
        return key;
    }

    /** The host key's fingerprint as ssh shows it, e.g. {@code SHA256:Ncxq...}. */
    public String fingerprint() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-lf", dir.resolve("host_key.pub").toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.split(" ")[1];
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private boolean listens() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Forgets this host's key in the user's known hosts (where a test accepted it). */
    public void forgetHostKey() throws IOException, InterruptedException {
        new ProcessBuilder("ssh-keygen", "-R", "[127.0.0.1]:" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        forgetHostKey();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
