package dev.vireo.ui.wizards;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.osgi.util.NLS;
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
import dev.vireo.operations.HostCapabilities;
import dev.vireo.operations.HostOperations;
import dev.vireo.operations.NewVmXml;
import dev.vireo.osinfo.OsDatabase;
import dev.vireo.osinfo.OsInfo;
import dev.vireo.ui.Messages;
import dev.vireo.ui.Services;
import dev.vireo.ui.handlers.OpenHandler;
import dev.vireo.ui.jobs.HostJob;
import dev.vireo.ui.views.DomainNode;

/**
 * New Virtual Machine, as virt-manager's: where and how to install, the OS (from libosinfo's
 * database, searchable, or detected from the ISO) and hardware (from the host's capabilities, the
 * OS's recommendations and the devices virt-install would pick for it), storage (a new volume in
 * a pool, or an existing path, checked against the
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
        public OsInfo os = OsInfo.GENERIC;
        /** Whether the user picked the OS (then an ISO detected later does not change it). */
        public boolean osChosen;
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
        ISO(Messages.LOCAL_INSTALL_MEDIA_ISO_IMAGE_OR), URL(Messages.NETWORK_INSTALL_AN_ISO_IMAGE_S),
        PXE(Messages.NETWORK_BOOT_PXE), IMPORT(Messages.IMPORT_AN_EXISTING_DISK_IMAGE),
        MANUAL(Messages.MANUAL_INSTALL_NO_MEDIA);

        public final String label;

        Install(String label) {
            this.label = label;
        }
    }

    final Spec spec = new Spec();
    volatile NodeInfo node;
    /** What the host offers for the chosen architecture; {@code null} until its capabilities are read. */
    volatile HostCapabilities host;
    /** libosinfo's database, read in the background when the wizard opens. */
    final CompletableFuture<OsDatabase> osDatabase = CompletableFuture.supplyAsync(() -> {
        try {
            return OsDatabase.system();
        } catch (IOException e) {
            ILog.of(NewVmWizard.class).warn(NLS.bind(Messages.CANNOT_READ_LIBOSINFO_S_OS_DATABASE, e.getMessage()));
            return null;
        }
    });
    private final List<VirtConnection> connections;
    private final NamePage namePage;
    private final HardwarePage hardwarePage;
    private final StoragePage storagePage;
    private final PreviewPage previewPage;

    public NewVmWizard(List<VirtConnection> connections, VirtConnection selected) {
        this.connections = connections;
        spec.connection = selected != null ? selected : connections.get(0);
        setWindowTitle(Messages.NEW_VIRTUAL_MACHINE);
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

    /**
     * The domain XML the choices make, as virt-install would ({@link NewVmXml}); the disk at
     * {@code diskPath} ({@code null}: none).
     */
    String domainXml(String diskPath) {
        boolean cdrom = spec.install == Install.ISO || spec.install == Install.URL;
        NewVmXml.Choices choices = new NewVmXml.Choices(spec.name, spec.os, spec.memoryMiB, spec.vcpus, diskPath,
                NewVmXml.diskFormat(diskPath),
                spec.install == Install.ISO ? spec.media.strip() : cdrom ? "" : null, spec.network,
                cdrom ? NewVmXml.Boot.CDROM : spec.install == Install.PXE ? NewVmXml.Boot.NETWORK : NewVmXml.Boot.DISK,
                spec.machine == null || spec.machine.isEmpty() ? null : spec.machine);
        String xml = NewVmXml.build(choices, hostCapabilities());
        if (spec.install != Install.URL) {
            return xml;
        }
        try {
            XmlObject d = LibvirtModel.load(xml);
            d.<XmlObject>list("disks").stream().filter(disk -> "cdrom".equals(disk.string("device"))).findFirst()
                    .ifPresent(disk -> networkSource(disk, URI.create(spec.media.strip())));
            return LibvirtModel.save(d);
        } catch (ModelException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host as its capabilities describe it, for the architecture and hypervisor chosen. */
    HostCapabilities hostCapabilities() {
        HostCapabilities h = host;
        if (h == null) {
            h = new HostCapabilities(spec.domainType == null ? "kvm" : spec.domainType,
                    spec.arch == null ? "x86_64" : spec.arch, "", List.of(), false, false, false, false);
        }
        return spec.domainType == null ? h : h.withDomainType(spec.domainType);
    }

    /** {@code <disk type='network'><source protocol='https' name='/path.iso'><host name=... port=.../>}: QEMU reads the ISO over the network. */
    private static void networkSource(XmlObject disk, URI url) {
        disk.set("type", "network").set("sourceProtocol", url.getScheme()).set("sourceName", url.getRawPath());
        Element source = (Element) disk.element().getElementsByTagName("source").item(0);
        Element host = source.getOwnerDocument().createElement("host");
        host.setAttribute("name", url.getHost());
        host.setAttribute("port", Integer.toString(url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https")
                ? 443 : 80));
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
        String disk = volumeXml() != null ? NLS.bind(Messages.NEW_VOLUME_QCOW_IN, spec.name,
                monitor().objects(ObjectKind.STORAGE_POOL).get(spec.poolKey).name())
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
        CompletableFuture<String> defined = HostJob.run(NLS.bind(Messages.CREATING_VIRTUAL_MACHINE, s.name),
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
            ILog.of(getClass()).error(Messages.CANNOT_OPEN_THE_NEW_VIRTUAL_MACHINE, e);
        }
    }
}
