package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test data in {@code ../shared/corpus/}, written by the virt-manager project. */
public final class Corpus {
    private Corpus() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("vireo.root", "../..")).resolve("../shared/corpus/virt-manager")
                .normalize().toAbsolutePath();
        assertTrue(Files.isDirectory(root), "the corpus is missing: " + root + " (shared/ must sit beside the project)");
        return root;
    }

    /**
     * virt-manager's test host, made acceptable to libvirt 9.0: it rejects the one domain that asks
     * for firmware autoselection and names a read-only loader. The copy drops the autoselection.
     */
    public static Path testDriverHost() throws IOException {
        String xml = Files.readString(root().resolve("testdriver/testdriver.xml"), StandardCharsets.UTF_8);
        Path copy = Files.createTempFile("vireo-testdriver-", ".xml");
        copy.toFile().deleteOnExit();
        Files.writeString(copy, xml.replace("<os firmware='efi'>", "<os>"), StandardCharsets.UTF_8);
        return copy;
    }
}
