package dev.vireo.ui.handlers;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.model.DomainQueries;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.dialogs.CloneDialog;
import dev.vireo.ui.jobs.LibvirtJob;
import dev.vireo.ui.views.DomainNode;

/** Clone: a stopped virtual machine copied under a new name, with new MACs and its chosen disks copied on the host. */
public class CloneDomainHandler extends AbstractHandler {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Object execute(ExecutionEvent event) {
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection
                && selection.getFirstElement() instanceof DomainNode node && node.record() != null) {
            CloneDialog dialog = new CloneDialog(HandlerUtil.getActiveShell(event), node.record(),
                    DomainCache.of(node.connection()));
            if (dialog.open() == Window.OK) {
                clone(node, dialog.cloneName(), dialog.copiedDisks());
            }
        }
        return null;
    }

    /** The Job: copies the chosen disks, then defines the clone pointing at the copies; returns its UUID. */
    public static CompletableFuture<String> clone(DomainNode node, String name, Set<String> copiedDisks) {
        DomainRecord source = node.record();
        XmlObject clone = LibvirtModel.copy(source.definition().model());
        clone.set("name", name).set("uuid", null);
        DomainCache cache = DomainCache.of(node.connection());
        for (XmlObject nic : clone.<XmlObject>list("interfaces")) {
            nic.set("mac", newMac(cache));
        }
        return LibvirtJob.run("Cloning " + source.name() + " as " + name, node.connection(), libvirt -> {
            for (XmlObject disk : clone.<XmlObject>list("disks")) {
                String path = DomainQueries.diskSource(disk);
                if (path != null && copiedDisks.contains(path)) {
                    String copy = libvirt.storage().cloneVolume(path, volumeName(name, disk.string("targetDev"), path));
                    disk.set(disk.string("sourceFile") != null ? "sourceFile" : "sourceDev", copy);
                }
            }
            return libvirt.domains().defineDomain(LibvirtModel.save(clone));
        }, true);
    }

    /** "vm-clone-vda.qcow2" for a disk vda at ".../vm.qcow2". */
    private static String volumeName(String domain, String target, String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return domain + "-" + target + (dot > 0 ? file.substring(dot) : "");
    }

    /** A random address in QEMU's range that no domain on the host uses (the cache answers). */
    private static String newMac(DomainCache cache) {
        while (true) {
            String mac = String.format("52:54:00:%02x:%02x:%02x", RANDOM.nextInt(256), RANDOM.nextInt(256),
                    RANDOM.nextInt(256));
            if (cache.usingMac(mac).isEmpty()) {
                return mac;
            }
        }
    }
}
