package dev.vireo.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlDiff;
import dev.vireo.model.XmlObject;

/**
 * Every XML file of the corpus (virt-manager's test data, an extra set: skipped where absent) read
 * into the model and written back comes out the same; so does every object of the test-driver node
 * files on its own.
 */
class CorpusRoundTripTest {
    private static final List<String> PASSED = new ArrayList<>();

    private static final Path ROOT = Path.of(System.getProperty("vireo.root", "../.."))
            .resolve("../shared/corpus/virt-manager").normalize().toAbsolutePath();

    static Path corpus() {
        assumeTrue(corpusPresent(), "virt-manager's corpus is not beside the project (" + ROOT + "): an extra set, skipped");
        return ROOT;
    }

    /** Where the corpus is absent: one test, skipped with the reason (a factory that aborts is not reported). */
    private static Stream<DynamicTest> skippedWithoutCorpus() {
        return Stream.of(DynamicTest.dynamicTest("virt-manager's corpus", CorpusRoundTripTest::corpus));
    }

    private static boolean corpusPresent() {
        return Files.isDirectory(ROOT);
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileRoundTrips() throws IOException {
        if (!corpusPresent()) {
            return skippedWithoutCorpus();
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(corpus())) {
            files = all.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertTrue(files.size() >= 98, "the corpus has its files: " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(corpus().relativize(f).toString(),
                () -> assertRoundTrips(f.toString(), Files.readString(f))));
    }

    @TestFactory
    Stream<DynamicTest> everyObjectOfTheTestDriverHostsRoundTrips() throws Exception {
        if (!corpusPresent()) {
            return skippedWithoutCorpus();
        }
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> nodes = Files.list(corpus().resolve("testdriver"))) {
            for (Path file : nodes.sorted().toList()) {
                tests.addAll(eachObjectRoundTrips(file));
            }
        }
        return tests.stream();
    }

    /** One test per object (domain, network, pool, device...) of a test-driver node file. */
    static List<DynamicTest> eachObjectRoundTrips(Path file) throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        XmlObject node = LibvirtModel.load(Files.readString(file));
        int i = 0;
        for (Node n = node.element().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !e.getTagName().equals("cpu") && !e.getTagName().equals("memory")) {
                String xml = LibvirtModel.save(wrapCopy(e));
                String name = file.getFileName() + " <" + e.getTagName() + "> #" + ++i;
                tests.add(DynamicTest.dynamicTest(name, () -> assertRoundTrips(name, xml)));
            }
        }
        return tests;
    }

    @AfterAll
    static void report() {
        System.out.println("Round trip: " + PASSED.size() + " documents came back the same");
    }

    private static XmlObject wrapCopy(Element e) throws ModelException {
        // an element of a node file as a document of its own: written out and read in alone
        XmlObject whole = LibvirtModel.load("<node/>");
        whole.element().appendChild(whole.element().getOwnerDocument().importNode(e, true));
        String xml = LibvirtModel.save(whole);
        return LibvirtModel.load(xml.substring(xml.indexOf('>') + 1, xml.lastIndexOf('<')));
    }

    static void assertRoundTrips(String name, String xml) throws ModelException {
        XmlObject object = LibvirtModel.load(xml);
        String written = LibvirtModel.save(object);
        assertNull(XmlDiff.firstDifference(xml, written), name);
        assertEquals(object.eClass(), LibvirtModel.load(written).eClass());
        synchronized (PASSED) {
            PASSED.add(name);
        }
    }
}
