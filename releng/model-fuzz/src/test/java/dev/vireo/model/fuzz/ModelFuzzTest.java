package dev.vireo.model.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlDiff;
import dev.vireo.model.XmlObject;

/**
 * Mutated libvirt documents (the project's fixture, XML that virsh makes now, and the shared
 * corpus where it lies beside the project) either load and come back unchanged when written, or
 * are refused with a line (and where the parser knows it, a column). Nothing else may happen: no
 * other exception, no stack overflow, no hang, no document written differently from how it was read.
 */
class ModelFuzzTest {
    private static final Pattern POSITION = Pattern.compile("^Line \\d+(, column \\d+)?[:,] .+", Pattern.DOTALL);
    private static final List<String> SEEDS = new ArrayList<>();

    @BeforeContainer
    static void readSeeds() throws Exception {
        Path root = Path.of(System.getProperty("vireo.root", "../.."));
        SEEDS.add(Files.readString(root.resolve("bundles/dev.vireo.core.tests/fixtures/vireo-host.xml")));
        for (String command : List.of("dumpxml test", "net-dumpxml default", "pool-dumpxml default-pool",
                "vol-dumpxml --pool default-pool default-vol", "capabilities", "nodedev-dumpxml computer",
                "iface-dumpxml eth1")) {
            String xml = virsh(command);
            if (xml != null) {
                SEEDS.add(xml);
            }
        }
        Path corpus = root.resolve("../shared/corpus");
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> files = Files.walk(corpus)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                    String xml = Files.readString(f, StandardCharsets.UTF_8);
                    if (loads(xml)) {
                        SEEDS.add(xml); // the corpus also holds documents of kinds the model does not read
                    }
                }
            }
        }
        System.out.println("fuzz: " + SEEDS.size() + " seed documents");
    }

    /** XML libvirt's own tool writes for its built-in test host; {@code null} without virsh. */
    private static String virsh(String command) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("virsh", "-c", "test:///default"));
        args.addAll(List.of(command.split(" ")));
        try {
            Process p = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isBlank() ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean loads(String xml) {
        try {
            LibvirtModel.load(xml);
            return true;
        } catch (ModelException e) {
            return false;
        }
    }

    /*
     * The seed is fixed so that CI judges a change, not its luck: a random seed once found a new
     * defect in CI on a change that had nothing to do with it. To explore, run with another seed
     * (300 000 tries with random seeds passed when this was pinned) and add what fails to XmlLimitsTest.
     */
    @Property(tries = 20000, seed = "-2738428781390193506")
    void mutatedDocumentsComeBackUnchangedOrAreRefusedWithTheirPosition(@ForAll("mutants") String xml)
            throws ModelException {
        XmlObject object;
        try {
            object = LibvirtModel.load(xml);
        } catch (ModelException e) {
            Statistics.collect("refused");
            assertTrue(POSITION.matcher(e.getMessage()).matches(), "no position in: " + e.getMessage());
            return;
        }
        Statistics.collect("read and written back");
        assertNull(XmlDiff.firstDifference(xml, LibvirtModel.save(object)), "written as read");
    }

    /** A seed with one to four edits: what a broken tool, a bad hand edit or a hostile host sends. */
    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(EditKind.values()), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 64), payloads()).as(Edit::new);
        return Combinators.combine(Arbitraries.of(SEEDS), edit.list().ofMinSize(1).ofMaxSize(4)).as((seed, edits) -> {
            String xml = seed;
            for (Edit e : edits) {
                xml = e.applyTo(xml);
            }
            return xml;
        });
    }

    private static Arbitrary<String> payloads() {
        return Arbitraries.oneOf(Arbitraries.of("<", ">", "&", "'", "\"", "</", "/>", "<x>", "</domain>", "&amp;",
                "&#0;", "&#xD800;", "&nosuch;", "]]>", "<!--", "-->", "<![CDATA[x]]>", "<?pi x?>", "\u0000", "\uFFFE",
                "\uD83D\uDE00", "-1", "0x10", "99999999999999999999999", "1e9999", "NaN", " unit='zettabytes'",
                " xmlns:q='urn:x'", "<!DOCTYPE domain>", "<x>".repeat(2000)), Arbitraries.strings().ofMaxLength(24));
    }

    private enum EditKind {
        INSERT, DELETE, REPLACE, DUPLICATE, TRUNCATE, REPLACE_NUMBER
    }

    private record Edit(EditKind kind, double at, int length, String payload) {
        String applyTo(String xml) {
            int from = (int) (at * xml.length());
            int to = Math.min(xml.length(), from + length);
            return switch (kind) {
                case INSERT -> xml.substring(0, from) + payload + xml.substring(from);
                case DELETE -> xml.substring(0, from) + xml.substring(to);
                case REPLACE -> xml.substring(0, from) + payload + xml.substring(to);
                case DUPLICATE -> xml.substring(0, to) + xml.substring(from, to) + xml.substring(to);
                case TRUNCATE -> xml.substring(0, from);
                case REPLACE_NUMBER -> {
                    Matcher number = Pattern.compile("\\d+").matcher(xml);
                    yield number.find(from) ? xml.substring(0, number.start()) + payload + xml.substring(number.end()) : xml;
                }
            };
        }
    }
}
