package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vireo.api.Credentials;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.ConnectionState;
import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.Monitors;

/** A real libvirtd that wants a SASL password, and one that speaks only TLS with certificates made here. */
class CredentialsTest {
    private final ConnectionManager manager = new ConnectionManager();
    private final Monitors monitors = new Monitors();
    private LibvirtDaemon daemon;

    @AfterEach
    void stop() throws Exception {
        manager.connections().forEach(manager::close);
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void saslAsksOnceRefusesAWrongPasswordWithoutRetryingAndConnectsWithTheRightOne() throws Exception {
        daemon = LibvirtDaemon.start(LibvirtDaemon.Security.SASL, "vireo", "s3cret-pw");
        VirtConnection c = manager.open(daemon.uri("/default"));
        Await.until("the daemon to ask", c::needsCredentials, c::failure);
        assertEquals(ConnectionState.DISCONNECTED, c.state());
        System.out.println("reliability: SASL without credentials: " + c.failure());

        c.connect(new Credentials("vireo", "wrong".toCharArray()));
        Await.until("the wrong password refused", () -> c.state() == ConnectionState.DISCONNECTED && c.needsCredentials(),
                c::failure);
        long attempts = c.calls().get("virConnectOpenAuth");
        Await.holdsFor(Duration.ofSeconds(3), "no retry storm on a refused password",
                () -> c.calls().get("virConnectOpenAuth") == attempts, () -> c.calls().snapshot().toString());
        assertFalse(c.failure().contains("wrong"), "the password is never shown: " + c.failure());
        System.out.println("reliability: SASL wrong password: " + c.failure() + " (" + attempts + " attempts in all)");

        c.connect(new Credentials("vireo", "s3cret-pw".toCharArray()));
        ConnectionMonitor monitor = monitors.of(c);
        Await.until("connected with the right password", monitor::isReady, c::failure);
        assertTrue(monitor.domains().size() >= 1);
    }

    @Test
    void tlsConnectsWithTheCasClientCertificateAndExplainsAStrangersRefusal() throws Exception {
        daemon = LibvirtDaemon.start(LibvirtDaemon.Security.TLS, null, null);
        ConnectionMonitor monitor = monitors.of(manager.open(daemon.uri("/default")));
        Await.until("connected over TLS", monitor::isReady, () -> monitor.connection().failure());

        String stranger = daemon.uri("/default").replace(daemon.pki().resolve("client").toString(),
                daemon.pki().resolve("stranger").toString());
        VirtConnection refused = manager.open(stranger);
        Await.until("a certificate the CA did not sign refused", () -> refused.failure() != null, () -> refused.state().label());
        assertEquals(ConnectionState.DISCONNECTED, refused.state());
        System.out.println("reliability: TLS client certificate from another CA: " + refused.failure());
    }
}
