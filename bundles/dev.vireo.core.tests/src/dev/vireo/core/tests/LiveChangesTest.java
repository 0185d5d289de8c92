package dev.vireo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.vireo.libvirt.DomainStatistics;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.operations.LiveChanges;

/**
 * What "Also now" does with a user's edits, worked out from the definition before and after them:
 * the definitions here are the test driver's own rendering, edited as the Hardware page edits.
 */
class LiveChangesTest {
    private static String definition() {
        try (LibvirtConnection c = LibvirtConnection.open("test:///default")) {
            return c.domains().domainXml(c.stats().domainStats(0, DomainStatistics.ALL).get(0).uuid());
        }
    }

    @Test
    void unchangedDefinitionsChangeNothing() throws Exception {
        String xml = definition();
        assertTrue(LiveChanges.between(xml, xml).isEmpty());
    }

    @Test
    void aNewBootOrderIsForTheNextBootOnly() throws Exception {
        String before = definition().replace("</devices>", "<hostdev mode='subsystem' type='usb'><source>"
                + "<vendor id='0x1234'/><product id='0x5678'/></source><boot order='2'/></hostdev></devices>");
        String after = before.replaceFirst("(<target dev='vda'[^>]*/>)", "$1<boot order='1'/>")
                .replace("<boot order='2'/></hostdev>", "<boot order='3'/></hostdev>");
        assertTrue(after.contains("<boot order='1'/>") && after.contains("<boot order='3'/>"), after);
        assertTrue(LiveChanges.between(before, after).isEmpty(), "not a device unplugged and plugged in for it");
    }

    @Test
    void addedRemovedAndChangedDevicesBecomeAttachDetachAndUpdate() throws Exception {
        String before = definition().replace("</devices>", "<disk type='file' device='cdrom'><source file='/a.iso'/>"
                + "<target dev='sdb' bus='sata'/><readonly/></disk>\n<input type='tablet' bus='usb'/>\n</devices>");
        String after = before.replace("/a.iso", "/b.iso").replace("<input type='tablet' bus='usb'/>", "")
                .replace("</devices>", "<disk type='file' device='disk'><source file='/extra.img'/>"
                        + "<target dev='vdb' bus='virtio'/></disk></devices>")
                .replaceFirst("<vcpu placement='static'>\\d+</vcpu>", "<vcpu placement='static'>1</vcpu>");
        LiveChanges changes = LiveChanges.between(before, after);
        assertEquals(1, changes.detach().size());
        assertTrue(changes.detach().get(0).startsWith("<input") && changes.detach().get(0).contains("tablet"),
                changes.detach().get(0));
        assertEquals(1, changes.update().size());
        assertTrue(changes.update().get(0).contains("/b.iso") && changes.update().get(0).contains("sdb"), changes.update().get(0));
        assertEquals(1, changes.attach().size());
        assertTrue(changes.attach().get(0).contains("/extra.img"), changes.attach().get(0));
        assertEquals(1, changes.vcpus());
        assertNull(changes.memoryKiB(), "memory unchanged");
    }
}
