package dev.vireo.ui.wizards;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.w3c.dom.Element;

import dev.vireo.api.NodeInfo;
import dev.vireo.api.ObjectKind;
import dev.vireo.connection.VirtConnection;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainCache;
import dev.vireo.operations.DomainOperations;
import dev.vireo.operations.HostOperations;
import dev.vireo.ui.Services;
import dev.vireo.ui.handlers.OpenHandler;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.views.DomainNode;

/**
 * New Virtual Machine, as virt-manager's: where and how to install, OS and hardware (from the
 * host's capabilities), storage (a new volume in a pool, or an existing path, checked against the
 * cache), network, and the XML it will define. Everything it checks it reads from the cache; the
 * only call before Finish is the host's size, for the limits.
 */
public class NewVmWizard extends Wizard {
    /** The choices the pages fill in. */
    public static final class Spec {
        public VirtConnection connection;
        public String name = "";
        public Install install = Install.ISO;
        public String media = "";
        public OsType os = OsType.LINUX;
        public String arch, machine, domainType;
        public long memoryMiB = 2048;
        public int vcpus = 2;
        public boolean newVolume = true;
        public String poolKey;
        public long diskGiB = 20;
        public String existingPath = "";
        public String network;
        public boolean customize;
    }

    public enum Install {
        ISO("Local install media (ISO image or CD-ROM)"), URL("Network install (an ISO image's http or https URL)"),
        PXE("Network boot (PXE)"), IMPORT("Import an existing disk image"),
        MANUAL("Manual install, no media");

        public final String label;

        Install(String label) {
            this.label = label;
        }
    }

    /** A short built-in OS list: what it changes is the device models (virtio or emulated). */
    public enum OsType {
        DEBIAN_12("Debian 12", true), UBUNTU_2404("Ubuntu 24.04 LTS", true), FEDORA("Fedora 41", true),
        RHEL_9("Red Hat Enterprise Linux 9", true), LINUX("Other Linux (virtio devices)", true),
        WINDOWS_11("Microsoft Windows 11", false), WINDOWS_10("Microsoft Windows 10", false),
        OTHER("Other (emulated devices)", false);

        public final String label;
        final boolean virtio;

        OsType(String label, boolean virtio) {
            this.label = label;
            this.virtio = virtio;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    final Spec spec = new Spec();
    volatile NodeInfo node;
    private final List<VirtConnection> connections;
    private final NamePage namePage;
    private final HardwarePage hardwarePage;
    private final StoragePage storagePage;
    private final PreviewPage previewPage;

    public NewVmWizard(List<VirtConnection> connections, VirtConnection selected) {
        this.connections = connections;
        spec.connection = selected != null ? selected : connections.get(0);
        setWindowTitle("New Virtual Machine");
        setNeedsProgressMonitor(false);
        namePage = new NamePage(this);
        hardwarePage = new HardwarePage(this);
        storagePage = new StoragePage(this);
        previewPage = new PreviewPage(this);
        readHost();
    }

    @Override
    public void addPages() {
        addPage(namePage);
        addPage(hardwarePage);
        addPage(storagePage);
        addPage(previewPage);
    }

    List<VirtConnection> connections() {
        return connections;
    }

    ConnectionMonitor monitor() {
        return Services.monitor(spec.connection);
    }

    DomainCache cache() {
        return Services.monitor(spec.connection).domains();
    }

    /** The host's CPUs and memory, for the limits; one call, in the background. */
    void readHost() {
        node = null;
        VirtConnection c = spec.connection;
        new HostOperations(monitor()).nodeInfo().thenAccept(info -> {
            if (c == spec.connection) {
                node = info;
            }
        });
    }

    public NamePage namePage() {
        return namePage;
    }

    public HardwarePage hardwarePage() {
        return hardwarePage;
    }

    public StoragePage storagePage() {
        return storagePage;
    }

    public PreviewPage previewPage() {
        return previewPage;
    }

    public Spec spec() {
        return spec;
    }

    /** The domain XML the choices make; the disk at {@code diskPath} ({@code null}: none). */
    String domainXml(String diskPath) {
        boolean virtio = spec.os.virtio;
        XmlObject d = LibvirtModel.create("Domain");
        d.set("type", spec.domainType == null ? "kvm" : spec.domainType).set("name", spec.name)
                .set("memory", spec.memoryMiB * 1024).set("memoryUnit", "KiB")
                .set("currentMemory", spec.memoryMiB * 1024).set("currentMemoryUnit", "KiB").set("vcpu", spec.vcpus);
        XmlObject os = d.add("os");
        os.set("type", "hvm");
        if (spec.arch != null) {
            os.set("arch", spec.arch);
        }
        if (spec.machine != null && !spec.machine.isEmpty()) {
            os.set("machine", spec.machine);
        }
        os.set("bootDevices", switch (spec.install) {
            case ISO, URL -> List.of("cdrom", "hd");
            case PXE -> List.of("network", "hd");
            default -> List.of("hd");
        });
        if (diskPath != null) {
            d.add("disks").set("type", "file").set("device", "disk").set("driverName", "qemu")
                    .set("driverType", diskPath.endsWith(".qcow2") ? "qcow2" : "raw").set("sourceFile", diskPath)
                    .set("targetDev", virtio ? "vda" : "sda").set("targetBus", virtio ? "virtio" : "sata");
        }
        if (spec.install == Install.ISO || spec.install == Install.URL) {
            XmlObject cdrom = d.add("disks").set("device", "cdrom").set("targetDev", "sdb").set("targetBus", "sata")
                    .set("readonly", true);
            if (spec.install == Install.URL) {
                networkSource(cdrom, URI.create(spec.media.strip()));
            } else {
                cdrom.set("type", "file");
                if (!spec.media.isBlank()) {
                    cdrom.set("sourceFile", spec.media.strip());
                }
            }
        }
        if (spec.network != null) {
            d.add("interfaces").set("type", "network").set("sourceNetwork", spec.network)
                    .set("mac", String.format("52:54:00:%02x:%02x:%02x", RANDOM.nextInt(256), RANDOM.nextInt(256),
                            RANDOM.nextInt(256)))
                    .set("model", virtio ? "virtio" : "e1000");
        }
        d.add("graphics").set("type", "vnc").set("port", -1);
        d.add("videos").set("model", virtio ? "virtio" : "vga");
        d.add("inputs").set("type", "tablet").set("bus", "usb");
        return LibvirtModel.save(d);
    }

    /** {@code <disk type='network'><source protocol='https' name='/path.iso'><host name=... port=.../>}: QEMU reads the ISO over the network. */
    private static void networkSource(XmlObject disk, URI url) {
        disk.set("type", "network").set("sourceProtocol", url.getScheme()).set("sourceName", url.getRawPath());
        Element source = (Element) disk.element().getElementsByTagName("source").item(0);
        Element host = source.getOwnerDocument().createElement("host");
        host.setAttribute("name", url.getHost());
        host.setAttribute("port", Integer.toString(url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80));
        source.appendChild(host); // the model has no feature for it; the element keeps what it is given
    }

    /** The new volume's XML in its pool, or {@code null} when an existing path is used. */
    String volumeXml() {
        if (!spec.newVolume || spec.install == Install.IMPORT) {
            return null;
        }
        XmlObject v = LibvirtModel.create("StorageVolume");
        v.set("name", spec.name + ".qcow2").set("capacity", spec.diskGiB).set("capacityUnit", "GiB").set("format", "qcow2");
        return LibvirtModel.save(v);
    }

    /** What Finish defines, as the preview shows it; a new volume's path is known only once it is made. */
    String previewXml() {
        String disk = volumeXml() != null ? "(new volume " + spec.name + ".qcow2 in "
                + monitor().objects(ObjectKind.STORAGE_POOL).get(spec.poolKey).name() + ")"
                : spec.existingPath.isBlank() ? null : spec.existingPath.strip();
        return domainXml(disk);
    }

    @Override
    public boolean performFinish() {
        finish();
        return true;
    }

    /** Creates the volume, defines the domain and (unless customizing first) starts it, as a Job. */
    public CompletableFuture<String> finish() {
        Spec s = spec;
        String volume = volumeXml();
        String existing = s.existingPath.isBlank() ? null : s.existingPath.strip();
        try {
            LibvirtModel.load(domainXml(existing)); // the choices make a readable document
        } catch (ModelException e) {
            return CompletableFuture.failedFuture(e);
        }
        DomainOperations operations = new DomainOperations(monitor());
        CompletableFuture<String> defined = HostJob.run("Creating virtual machine " + s.name,
                () -> operations.create(s.poolKey, volume, existing, this::domainXml, !s.customize), true);
        if (s.customize) {
            defined.thenAccept(uuid -> PlatformUI.getWorkbench().getDisplay().asyncExec(() -> openEditor(uuid)));
        }
        return defined;
    }

    private void openEditor(String uuid) {
        try {
            OpenHandler.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(),
                    new DomainNode(spec.connection, uuid));
        } catch (PartInitException e) {
            org.eclipse.core.runtime.ILog.of(getClass()).error("Cannot open the new virtual machine", e);
        }
    }
}
