package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test data in {@code ../shared/corpus/}, written by the virt-manager project: an extra set.
 * Where it is absent (a plain clone), the tests that read it are skipped with the reason.
 */
public final class Corpus {
    private Corpus() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("vireo.root", "../..")).resolve("../shared/corpus/virt-manager")
                .normalize().toAbsolutePath();
        assumeTrue(Files.isDirectory(root), "virt-manager's corpus is not beside the project (" + root
                + "): an extra set, skipped");
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
