package dev.vireo.plugins;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.p2.core.UIServices;

/** p2's questions during an install: trust is the user's to decide; logins are not supported (no prompt). */
final class TrustPromptServices extends UIServices {
    private final TrustPrompt prompt;

    TrustPromptServices(TrustPrompt prompt) {
        this.prompt = prompt;
    }

    @Override
    public TrustInfo getTrustInfo(Certificate[][] untrustedChains, String[] unsignedDetail) {
        List<String> unsigned = unsignedDetail == null ? List.of() : List.of(unsignedDetail);
        Certificate[] signers = untrustedChains == null ? new Certificate[0]
                : Arrays.stream(untrustedChains).map(chain -> chain[0]).toArray(Certificate[]::new);
        List<String> untrusted = Arrays.stream(signers)
                .map(c -> c instanceof X509Certificate x ? x.getSubjectX500Principal().getName()
                        : c.getType()).toList();
        boolean trusted = prompt.trust(unsigned, untrusted);
        return new TrustInfo(trusted ? signers : new Certificate[0], false, trusted);
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location) {
        return null;
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location, AuthenticationInfo previousInfo) {
        return null;
    }
}
