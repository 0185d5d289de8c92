package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** libvirt's own command-line client, as an independent witness of what a host holds. */
public final class Virsh {
    private Virsh() {
    }

    /** The non-blank lines virsh prints for {@code args} against {@code uri}. */
    public static List<String> lines(String uri, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "virsh";
        command[1] = "-c";
        command[2] = uri;
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return Arrays.stream(out.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
