package dev.vireo.rfb;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte stream to a port as a remote host sees it, carried by ssh's standard input and output
 * ({@code ssh -W host:port}, as virt-manager reaches consoles): no local port is opened, so no
 * other local process can take it or connect to it. The arguments go to ssh directly, never
 * through a shell, the user through {@code -l} and {@code --} before the destination; ssh runs in
 * batch mode (keys or an agent, never a prompt), with the URI's user and port and libvirt's
 * {@code keyfile} and {@code no_verify} parameters. Closing it ends ssh; if Vireo dies, ssh sees
 * its input close and ends too.
 */
public final class SshTunnel implements Closeable {
    private final Process ssh;
    private final Path log;

    private SshTunnel(Process ssh, Path log) {
        this.ssh = ssh;
        this.log = log;
    }

    /** Starts ssh to the host of a libvirt {@code +ssh} URI, carrying a stream to {@code remoteHost:remotePort} there. */
    public static SshTunnel open(String libvirtUri, String remoteHost, int remotePort) throws IOException {
        URI uri = URI.create(libvirtUri);
        List<String> command = new ArrayList<>(List.of("ssh", "-T", "-o", "BatchMode=yes", "-W",
                remoteHost + ":" + remotePort));
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
        if (uri.getUserInfo() != null) {
            command.addAll(List.of("-l", uri.getUserInfo()));
        }
        command.addAll(List.of("--", uri.getHost()));
        Path log = Files.createTempFile("vireo-ssh-", ".log");
        Process ssh = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new SshTunnel(ssh, log);
    }

    public InputStream input() {
        return ssh.getInputStream();
    }

    public OutputStream output() {
        return ssh.getOutputStream();
    }

    /** What ssh said on its way out (e.g. "Permission denied (publickey)"), or "" if nothing. */
    public String messages() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
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
                return kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    @Override
    public void close() {
        ssh.destroy();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file left behind
        }
    }
}
