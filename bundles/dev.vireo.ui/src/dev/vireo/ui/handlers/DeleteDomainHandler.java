package dev.vireo.ui.handlers;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.vireo.libvirt.LibvirtCallException;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.libvirt.ObjectKind;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.monitor.ObjectCache;
import dev.vireo.ui.dialogs.DeleteDomainDialog;
import dev.vireo.ui.jobs.LibvirtJob;
import dev.vireo.ui.views.DomainNode;

/** Delete: asks which storage goes too, then forces the domain off, undefines it and deletes that storage. */
public class DeleteDomainHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        if (!(HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection)
                || !(selection.getFirstElement() instanceof DomainNode node) || node.record() == null) {
            return null;
        }
        DomainRecord domain = node.record();
        DeleteDomainDialog dialog = new DeleteDomainDialog(HandlerUtil.getActiveShell(event), domain,
                DomainCache.of(node.connection()));
        if (dialog.open() == Window.OK) {
            delete(node, domain, dialog.storageToDelete());
        }
        return null;
    }

    /** The Job; fails with the storage libvirt could not delete, after deleting everything else. */
    public static void delete(DomainNode node, DomainRecord domain, List<String> storage) {
        LibvirtJob.run("Deleting " + domain.name(), node.connection(), libvirt -> {
            if (domain.state().isActive()) {
                libvirt.domains().destroy(node.uuid());
            }
            if (domain.persistent()) {
                undefine(libvirt, node.uuid());
            }
            List<String> failed = new ArrayList<>();
            for (String path : storage) {
                try {
                    libvirt.storage().deleteVolume(path);
                } catch (LibvirtCallException e) {
                    failed.add(path + ": " + e.getMessage());
                }
            }
            if (!failed.isEmpty()) {
                throw new IllegalStateException("the virtual machine is deleted, but not this storage: "
                        + String.join("; ", failed));
            }
            return null;
        }, true).whenComplete((ok, failure) -> {
            // libvirt sends no event for deleted volumes: list again the pools someone looked at
            ConnectionMonitor monitor = ConnectionMonitor.of(node.connection());
            ObjectCache pools = monitor.objects(ObjectKind.STORAGE_POOL);
            pools.all().stream().filter(p -> pools.loadedVolumes(p.key()) != null)
                    .forEach(p -> monitor.reloadVolumes(p.key()));
        });
    }

    private static void undefine(LibvirtConnection libvirt, String uuid) {
        try {
            libvirt.domains().undefineWithEverything(uuid);
        } catch (LibvirtCallException e) {
            if (!e.isUnsupported()) {
                throw e;
            }
            libvirt.domains().undefine(uuid); // drivers without managed save, snapshots or NVRAM refuse the flags
        }
    }
}
