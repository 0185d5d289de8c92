package dev.vireo.core.tests;

/** Domain XML for tests on libvirt's test driver. */
final class TestDomains {
    private TestDomains() {
    }

    static String xml(String name) {
        return """
                <domain type='test'>
                  <name>%s</name>
                  <memory unit='MiB'>256</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                </domain>
                """.formatted(name);
    }
}
