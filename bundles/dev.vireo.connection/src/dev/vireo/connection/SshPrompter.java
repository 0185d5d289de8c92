package dev.vireo.connection;

/**
 * Answers the questions ssh asks when libvirt reaches a host over {@code +ssh}: an unknown host key
 * to accept, a key passphrase, a password. The UI supplies one; without one, ssh asks on its
 * terminal, or fails where it has none.
 */
@FunctionalInterface
public interface SshPrompter {
    /**
     * ssh's question, as ssh words it (a host-key question ends in "(yes/no/[fingerprint])?"); the
     * answer, or {@code null} to refuse. Called on a thread of its own, never the UI's; may block.
     */
    String answer(String question);
}
