package dev.vireo.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code releng/xml-roundtrip.sh FILE...}: reads each libvirt XML file into the model, writes it
 * back, and compares. Prints {@code OK file} or {@code DIFF file: first difference} (or
 * {@code FAIL file: why it could not be read}); exits 1 if any file did not come back the same.
 */
public final class RoundTrip {
    private RoundTrip() {
    }

    public static void main(String[] args) throws IOException {
        boolean allSame = args.length > 0;
        for (String arg : args) {
            String line = check(Path.of(arg));
            allSame &= line.startsWith("OK");
            System.out.println(line);
        }
        if (args.length == 0) {
            System.err.println("usage: xml-roundtrip.sh FILE...");
        }
        System.exit(allSame ? 0 : 1);
    }

    /** One file's verdict line. */
    public static String check(Path file) throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        try {
            XmlObject object = LibvirtModel.load(xml);
            String difference = XmlDiff.firstDifference(xml, LibvirtModel.save(object));
            return difference == null ? "OK " + file + " (" + object.eClass().getName() + ")"
                    : "DIFF " + file + ": " + difference;
        } catch (ModelException e) {
            return "FAIL " + file + ": " + e.getMessage();
        }
    }
}
