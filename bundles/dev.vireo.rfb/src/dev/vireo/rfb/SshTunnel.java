package dev.vireo.rfb;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local port forwarded through {@code ssh} to a port as the remote host sees it, for consoles
 * of {@code +ssh} connections. The arguments go to ssh directly, never through a shell; ssh runs
 * in batch mode (keys or an agent, never a password prompt), with the URI's user, port and
 * libvirt's {@code keyfile} and {@code no_verify} parameters.
 */
public final class SshTunnel implements Closeable {
    private final Process ssh;
    private final int localPort;

    private SshTunnel(Process ssh, int localPort) {
        this.ssh = ssh;
        this.localPort = localPort;
    }

    /** Forwards a free port on 127.0.0.1 to {@code remoteHost:remotePort} on the host of a libvirt {@code +ssh} URI. */
    public static SshTunnel open(String libvirtUri, String remoteHost, int remotePort) throws IOException {
        URI uri = URI.create(libvirtUri);
        int local;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            local = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("ssh", "-N", "-o", "BatchMode=yes", "-o",
                "ExitOnForwardFailure=yes", "-L", "127.0.0.1:" + local + ":" + remoteHost + ":" + remotePort));
        String keyfile = parameter(uri, "keyfile");
        if (keyfile != null) {
            command.addAll(List.of("-i", keyfile));
        }
        if ("1".equals(parameter(uri, "no_verify"))) {
            command.addAll(List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"));
        }
        if (uri.getPort() > 0) {
            command.addAll(List.of("-p", Integer.toString(uri.getPort())));
        }
        command.add((uri.getUserInfo() == null ? "" : uri.getUserInfo() + "@") + uri.getHost());
        Path log = Files.createTempFile("vireo-ssh-", ".log");
        Process ssh = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!accepts(local)) {
            if (!ssh.isAlive() || System.nanoTime() > deadline) {
                ssh.destroy();
                String why = Files.readString(log, StandardCharsets.UTF_8).strip();
                Files.deleteIfExists(log);
                throw new IOException("ssh to " + uri.getHost() + " failed" + (why.isEmpty() ? "" : ": " + why));
            }
            try {
                ssh.waitFor(50, TimeUnit.MILLISECONDS); // ssh exiting ends the wait early
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ssh.destroy();
                throw new IOException("interrupted", e);
            }
        }
        Files.deleteIfExists(log);
        return new SshTunnel(ssh, local);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String parameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    /** The port on 127.0.0.1 that leads to the remote one. */
    public int localPort() {
        return localPort;
    }

    @Override
    public void close() {
        ssh.destroy();
    }
}
