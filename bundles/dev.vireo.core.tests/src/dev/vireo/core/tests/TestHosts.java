package dev.vireo.core.tests;

import java.nio.file.Path;

/** Hosts the project owns for its tests, so they run in a plain clone. */
public final class TestHosts {
    private TestHosts() {
    }

    /**
     * Vireo's fixture host, a test-driver node file ({@code fixtures/vireo-host.xml} of this
     * bundle): open it as {@code "test://" + fixture()}. Each connection gets its own in-process
     * copy of the host, so tests that change it do not see each other.
     */
    public static Path fixture() {
        return Path.of(System.getProperty("vireo.root", "../..")).resolve("bundles/dev.vireo.core.tests/fixtures/vireo-host.xml")
                .normalize().toAbsolutePath();
    }
}
