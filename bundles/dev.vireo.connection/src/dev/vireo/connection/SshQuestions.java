package dev.vireo.connection;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.osgi.util.NLS;

/**
 * Routes the questions of the ssh that libvirt starts for a {@code +ssh} URI to a {@link SshPrompter},
 * as virt-manager does with {@code SSH_ASKPASS}. libvirt passes ssh only a few variables (not
 * {@code SSH_ASKPASS_REQUIRE}), and ssh asks on a terminal when it has one; so the libvirt URI
 * names, as its {@code command}, a small wrapper that starts ssh with Vireo's askpass forced. The
 * askpass script publishes its question as a file in a folder only this user may open, and reads
 * the answer from a FIFO it made; a watcher thread here asks the prompter and writes the answer.
 */
final class SshQuestions implements AutoCloseable {
    private static final Pattern QUESTION = Pattern.compile("q\\.(\\d+)");
    private static final String WRAPPER = """
            #!/bin/sh
            # Vireo: libvirt runs this instead of ssh (command=), so that ssh asks Vireo, never a terminal
            SSH_ASKPASS="$(dirname "$0")/askpass" SSH_ASKPASS_REQUIRE=force exec ssh "$@"
            """;
    private static final String ASKPASS = """
            #!/bin/sh
            # Vireo's SSH_ASKPASS: the question goes to Vireo as a file, the answer comes back on a FIFO
            # ("=answer", or an empty line when the user refuses)
            dir="$(dirname "$0")"
            fifo="$dir/a.$$"
            mkfifo -m 600 "$fifo" || exit 1
            exec 3<>"$fifo"
            printf '%s' "$1" > "$dir/q.$$.part" && mv "$dir/q.$$.part" "$dir/q.$$"
            IFS= read -r answer <&3
            rm -f "$fifo"
            case "$answer" in
              =*) printf '%s\\n' "${answer#=}" ;;
              *) exit 1 ;;
            esac
            """;
    private final Path dir;
    private final WatchService watcher;
    private final SshPrompter prompter;

    SshQuestions(SshPrompter prompter) throws IOException {
        this.prompter = prompter;
        dir = Files.createTempDirectory("vireo-ssh-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        for (var script : new String[][] { { "ssh", WRAPPER }, { "askpass", ASKPASS } }) {
            Path file = dir.resolve(script[0]);
            Files.writeString(file, script[1]);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        }
        watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        Thread.ofPlatform().daemon().name("vireo-ssh-questions").start(this::watch);
    }

    /** The libvirt URI with Vireo's ssh as its {@code command}, for {@code +ssh} URIs that name none. */
    String route(String uri) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0 || !uri.substring(0, schemeEnd).endsWith("+ssh") || uri.contains("command=")) {
            return uri;
        }
        return uri + (uri.contains("?") ? "&" : "?") + "command=" + dir.resolve("ssh");
    }

    private void watch() {
        try {
            for (;;) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    Matcher m = QUESTION.matcher(String.valueOf(event.context()));
                    if (m.matches()) {
                        Path question = dir.resolve(m.group());
                        String text = Files.readString(question);
                        Files.delete(question);
                        // the prompter waits for a person: each question on a thread of its own
                        Thread.ofVirtual().start(() -> answer(m.group(1), text));
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed with the connection manager
        } catch (IOException e) {
            Log.warn(SshQuestions.class, NLS.bind(Messages.SSH_S_QUESTIONS_CAN_NO_LONGER, e.getMessage()));
        }
    }

    private void answer(String pid, String question) {
        String answer;
        try {
            answer = prompter.answer(question);
        } catch (RuntimeException e) {
            Log.warn(SshQuestions.class, NLS.bind(Messages.COULD_NOT_ASK, question, e.getMessage()));
            answer = null;
        }
        Path fifoPath = dir.resolve("a." + pid);
        if (!Files.exists(fifoPath)) {
            return; // ssh gave up waiting (its connection was closed)
        }
        // read-write: opening a FIFO so never waits, even if the askpass that made it is gone
        try (RandomAccessFile fifo = new RandomAccessFile(fifoPath.toFile(), "rw")) {
            fifo.write(((answer == null ? "" : "=" + answer) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Log.warn(SshQuestions.class, NLS.bind(Messages.SSH_STOPPED_WAITING_FOR_AN_ANSWER, e.getMessage()));
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
