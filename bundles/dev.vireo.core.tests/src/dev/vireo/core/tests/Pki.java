package dev.vireo.core.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for a TLS daemon on 127.0.0.1, made with openssl in the layout libvirt reads:
 * {@code ca/cacert.pem}; {@code server/servercert.pem}, {@code serverkey.pem}; a client folder
 * for {@code ?pkipath=} ({@code cacert.pem}, {@code clientcert.pem}, {@code clientkey.pem}) for a
 * client the CA signed ({@code client/}) and one another CA signed ({@code stranger/}).
 */
final class Pki {
    private Pki() {
    }

    static void make(Path pki) throws IOException {
        Path ca = pki.resolve("ca"), server = pki.resolve("server"), client = pki.resolve("client"),
                stranger = pki.resolve("stranger"), strangerCa = pki.resolve("stranger-ca");
        for (Path p : new Path[] { ca, server, client, stranger, strangerCa }) {
            Files.createDirectories(p);
        }
        authority(ca, "Vireo test CA");
        authority(strangerCa, "Someone else's CA");
        signed(ca, server.resolve("serverkey.pem"), server.resolve("servercert.pem"), "127.0.0.1", true);
        signed(ca, client.resolve("clientkey.pem"), client.resolve("clientcert.pem"), "vireo-client", false);
        signed(strangerCa, stranger.resolve("clientkey.pem"), stranger.resolve("clientcert.pem"), "stranger", false);
        Files.copy(ca.resolve("cacert.pem"), client.resolve("cacert.pem"));
        Files.copy(ca.resolve("cacert.pem"), stranger.resolve("cacert.pem"));
    }

    private static void authority(Path dir, String name) throws IOException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", dir.resolve("cakey.pem").toString(), "-out", dir.resolve("cacert.pem").toString());
    }

    private static void signed(Path ca, Path key, Path cert, String cn, boolean server) throws IOException {
        Path csr = Files.createTempFile("vireo-", ".csr");
        Path ext = Files.createTempFile("vireo-", ".ext");
        Files.writeString(ext, server ? "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
                : "extendedKeyUsage=clientAuth\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn, "-keyout", key.toString(),
                "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.resolve("cacert.pem").toString(), "-CAkey",
                ca.resolve("cakey.pem").toString(), "-CAcreateserial", "-days", "2", "-extfile", ext.toString(),
                "-out", cert.toString());
        Files.delete(csr);
        Files.delete(ext);
    }

    private static void openssl(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
