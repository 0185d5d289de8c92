package dev.vireo.core.tests;

/** Domain and network XML for tests on libvirt's test driver. */
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
                  <devices>
                    <disk type='file' device='disk'>
                      <source file='/var/lib/libvirt/images/%s.qcow2'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                  </devices>
                </domain>
                """.formatted(name, name);
    }

    static String network(String name) {
        return """
                <network>
                  <name>%s</name>
                  <bridge name='virbr-%s'/>
                </network>
                """.formatted(name, Integer.toHexString(name.hashCode() & 0xffff));
    }

    static String pool(String name) {
        return """
                <pool type='dir'>
                  <name>%s</name>
                  <target><path>/var/lib/vireo-test/%s</path></target>
                </pool>
                """.formatted(name, name);
    }
}
