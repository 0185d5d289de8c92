package dev.vireo.plugins;

import java.util.List;

/**
 * Asks the user whether to install content p2 cannot vouch for: unsigned, or signed by a
 * certificate no trusted authority issued. Called on the installing thread; it may block for the answer.
 */
@FunctionalInterface
public interface TrustPrompt {
    TrustPrompt REFUSE = (unsigned, untrusted) -> false;

    /** {@code true} installs {@code unsigned} (artifacts) and content signed by {@code untrusted} (signers). */
    boolean trust(List<String> unsigned, List<String> untrusted);
}
