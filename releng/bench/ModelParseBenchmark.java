import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.xml.sax.InputSource;

import dev.vireo.model.DomainDefinition;
import dev.vireo.model.LibvirtModel;

/**
 * How long Vireo's model takes to read 200 domain XMLs, beside a bare DOM parse of the same
 * documents (the floor) and the monitor's full path (model + the definition it caches).
 * Run by model-parse.sh; prints medians over many rounds after warm-up.
 */
public class ModelParseBenchmark {
    public static void main(String[] args) throws Exception {
        List<String> domains = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                String xml = Files.readString(f);
                if (xml.stripLeading().matches("(?s)<domain[\\s>].*")) {
                    domains.add(xml);
                }
            }
        }
        List<String> batch = new ArrayList<>();
        for (int i = 0; batch.size() < 200; i++) {
            batch.add(domains.get(i % domains.size()));
        }
        long bytes = batch.stream().mapToLong(String::length).sum();
        System.out.printf("200 domain XMLs from %d corpus domains, %.1f KB each on average%n", domains.size(),
                bytes / 200.0 / 1024);
        DocumentBuilderFactory dom = DocumentBuilderFactory.newInstance();
        dom.setNamespaceAware(true);
        javax.xml.parsers.DocumentBuilder builder = dom.newDocumentBuilder(); // reused, as the model does
        Task domOnly = xml -> builder.parse(new InputSource(new java.io.StringReader(xml)));
        Task model = LibvirtModel::load;
        Task cached = DomainDefinition::parse;
        System.out.printf("%-44s %8s%n", "per 200 domains (median of 50 rounds)", "ms");
        report("DOM parse only (floor)", batch, domOnly);
        report("LibvirtModel.load (parse + type check)", batch, model);
        report("DomainDefinition.parse (what the cache keeps)", batch, cached);
    }

    interface Task {
        Object run(String xml) throws Exception;
    }

    static void report(String name, List<String> batch, Task task) throws Exception {
        for (int i = 0; i < 30; i++) {
            round(batch, task);
        }
        double[] ms = new double[50];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = round(batch, task);
        }
        Arrays.sort(ms);
        System.out.printf("%-44s %8.1f   (min %.1f, max %.1f)%n", name, ms[ms.length / 2], ms[0], ms[ms.length - 1]);
    }

    static double round(List<String> batch, Task task) throws Exception {
        long start = System.nanoTime();
        for (String xml : batch) {
            task.run(xml);
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
