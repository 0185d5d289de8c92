package dev.vireo.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.junit.jupiter.api.Test;

import dev.vireo.model.DomainQueries;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlDiff;
import dev.vireo.model.XmlObject;

/** Reading, editing and rejecting through the model, with virt-manager's edit pairs as the reference. */
class ModelEditTest {

    private static String corpus(String file) throws Exception {
        return Files.readString(CorpusRoundTripTest.corpus().resolve(file));
    }

    @Test
    void readsTypedValuesAndAnswersTheQueries() throws Exception {
        XmlObject domain = LibvirtModel.load(corpus("xmlparse/disk-change-bus-in.xml"));
        assertEquals("Domain", domain.eClass().getName());
        assertEquals("f30", domain.string("name"));
        assertEquals(8294400L, domain.get("memory"));
        assertEquals(8294400L, DomainQueries.memoryKiB(domain));
        assertEquals(List.of("/mnt/data/devel/images/f30.qcow2"), DomainQueries.diskSources(domain));
        List<XmlObject> disks = domain.list("disks");
        assertEquals(3, disks.size());
        assertEquals(Boolean.TRUE, disks.get(2).get("readonly"));
        assertEquals("0x04", disks.get(0).object("address").string("bus"));
        assertEquals(disks.get(0), domain.list("disks").get(0), "one object per element");
    }

    @Test
    void changingTheDiskBusAsVirtManagerDoesGivesItsOutput() throws Exception {
        XmlObject domain = LibvirtModel.load(corpus("xmlparse/disk-change-bus-in.xml"));
        List<XmlObject> disks = domain.list("disks");
        disks.get(0).set("targetDev", "hdb").set("targetBus", "ide").set("address", null);
        disks.get(2).set("targetBus", "scsi").set("address", null);
        assertNull(XmlDiff.firstDifference(corpus("xmlparse/disk-change-bus-out.xml"), LibvirtModel.save(domain)));
    }

    @Test
    void changingTheCpuModeGivesVirtManagersOutput() throws Exception {
        XmlObject domain = LibvirtModel.load(corpus("xmlparse/change-cpumode-in.xml"));
        domain.object("cpu").set("mode", "custom").set("match", "exact").set("model", "Skylake-Client-IBRS");
        assertNull(XmlDiff.firstDifference(corpus("xmlparse/change-cpumode-out.xml"), LibvirtModel.save(domain)));
    }

    @Test
    void newElementsAreAppendedAsVirtManagerDoes() throws Exception {
        XmlObject domain = LibvirtModel.load(corpus("xmlparse/change-media-in.xml"));
        XmlObject cdrom = domain.list("disks").stream().map(XmlObject.class::cast)
                .filter(d -> "cdrom".equals(d.string("device"))).findFirst().orElseThrow();
        cdrom.set("type", "file").set("driverName", "qemu").set("driverType", "qcow2")
                .set("sourceFile", "/pool-dir/default-vol");
        XmlObject expected = LibvirtModel.load(corpus("xmlparse/change-media-out.xml")).<XmlObject>list("disks")
                .stream().filter(d -> "cdrom".equals(d.string("device"))).findFirst().orElseThrow();
        assertNull(XmlDiff.firstDifference(LibvirtModel.save(expected), LibvirtModel.save(cdrom)));
    }

    @Test
    void editingAKnownFieldKeepsEverythingElseIncludingUnknownAndNamespacedContent() throws Exception {
        String original = corpus("xmlparse/change-xmlns-qemu-in.xml");
        assertTrue(original.contains("qemu:commandline"), "the file has namespaced passthrough");
        XmlObject domain = LibvirtModel.load(original);
        long memory = (Long) domain.get("memory");
        domain.set("memory", memory * 2);
        String difference = XmlDiff.firstDifference(original, LibvirtModel.save(domain));
        assertEquals("/domain/memory[" + position(domain, "memory") + "]: text '" + memory + "' became '"
                + memory * 2 + "'", difference);
        domain.set("memory", memory);
        assertNull(XmlDiff.firstDifference(original, LibvirtModel.save(domain)), "nothing else changed");
    }

    @Test
    void addsAndRemovesDevicesAndNotifiesEdits() throws Exception {
        XmlObject domain = LibvirtModel.load(corpus("xmlparse/disk-change-bus-in.xml"));
        AtomicReference<Notification> heard = new AtomicReference<>();
        domain.eAdapters().add(new AdapterImpl() {
            @Override
            public void notifyChanged(Notification n) {
                heard.set(n);
            }
        });
        domain.set("name", "f31");
        assertEquals("f30", heard.get().getOldValue());
        assertEquals("f31", heard.get().getNewValue());

        XmlObject nic = domain.add("interfaces").set("type", "network").set("mac", "52:54:00:AB:CD:EF")
                .set("sourceNetwork", "default").set("model", "virtio");
        assertEquals(List.of("52:54:00:ab:cd:ef"), DomainQueries.macAddresses(domain));
        XmlObject disk = domain.add("disks").set("type", "file").set("device", "disk").set("sourceFile", "/new.img");
        assertEquals(4, domain.list("disks").size());
        assertEquals(domain.<XmlObject>list("disks").get(2).element(), disk.element().getPreviousSibling(),
                "a new disk goes right after the last disk");
        nic.remove();
        assertTrue(DomainQueries.macAddresses(domain).isEmpty());
        XmlObject reread = LibvirtModel.load(LibvirtModel.save(domain));
        assertEquals("/new.img", reread.<XmlObject>list("disks").get(3).string("sourceFile"));
    }

    @Test
    void malformedXmlIsRejectedWithLineAndColumn() {
        ModelException e = assertThrows(ModelException.class,
                () -> LibvirtModel.load("<domain type='kvm'>\n  <name>x</name>\n  <memory>1"));
        assertTrue(e.getMessage().startsWith("Line 3, column "), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeNamesItsElementAndPlace() {
        ModelException e = assertThrows(ModelException.class,
                () -> LibvirtModel.load("<domain type='kvm'>\n  <name>x</name>\n  <vcpu>two</vcpu>\n</domain>"));
        assertTrue(e.getMessage().startsWith("Line 3, column "), e.getMessage());
        assertTrue(e.getMessage().contains("<vcpu>") && e.getMessage().contains("'two'"), e.getMessage());
        ModelException port = assertThrows(ModelException.class, () -> LibvirtModel.load(
                "<domain><devices>\n<graphics type='vnc' port='59o0'/></devices></domain>"));
        assertTrue(port.getMessage().contains("Line 2") && port.getMessage().contains("Graphics.port"),
                port.getMessage());
    }

    @Test
    void anUnknownDocumentIsRejected() {
        ModelException e = assertThrows(ModelException.class, () -> LibvirtModel.load("<spaceship/>"));
        assertTrue(e.getMessage().contains("<spaceship>") && e.getMessage().contains("domain"), e.getMessage());
    }

    private static int position(XmlObject domain, String tag) {
        int i = 0;
        for (org.w3c.dom.Node n = domain.element().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e) {
                i++;
                if (e.getTagName().equals(tag)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Test
    void aListOfValuesIsReplacedInPlace() throws Exception {
        XmlObject domain = LibvirtModel.load("<domain><name>x</name><os><type>hvm</type><boot dev='hd'/>"
                + "<bootmenu enable='yes'/></os></domain>");
        domain.object("os").set("bootDevices", List.of("cdrom", "hd"));
        assertEquals(List.of("cdrom", "hd"), domain.object("os").list("bootDevices"));
        assertEquals("<domain><name>x</name><os><type>hvm</type><boot dev=\"cdrom\"/><boot dev=\"hd\"/>"
                + "<bootmenu enable=\"yes\"/></os></domain>", LibvirtModel.save(domain));
    }
}
