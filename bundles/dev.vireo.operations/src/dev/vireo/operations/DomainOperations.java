package dev.vireo.operations;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import org.eclipse.osgi.util.NLS;

import dev.vireo.api.ChangeScope;
import dev.vireo.api.LibvirtCallException;
import dev.vireo.api.ObjectKind;
import dev.vireo.connection.VirtConnection;
import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.model.DomainQueries;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainCache;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.monitor.ObjectCache;

/** A connection's virtual machines: lifecycle, definitions, autostart, delete with storage, clone, migrate, create. */
public final class DomainOperations extends Operations {
    private static final SecureRandom RANDOM = new SecureRandom();

    public DomainOperations(ConnectionMonitor monitor) {
        super(monitor);
    }

    public CompletableFuture<Void> run(String uuid, Lifecycle action) {
        return run(libvirt -> action.call.accept(libvirt.domains(), uuid));
    }

    /** Defines (or redefines) a domain; returns its UUID. libvirt's refusal fails the future with its message. */
    public CompletableFuture<String> define(String xml) {
        return call(libvirt -> libvirt.domains().defineDomain(xml));
    }

    /** The definition a running domain gets at its next boot: what an edit starts from. */
    public CompletableFuture<String> nextBootXml(String uuid) {
        return call(libvirt -> libvirt.domains().nextBootXml(uuid));
    }

    /**
     * Adds a device ({@code <disk>...</disk>}) {@code scope}: on a running VM "now" is hot-plug,
     * which the hypervisor may refuse ("this device cannot be hot-plugged": the future fails with
     * its reason and nothing changes). The cache follows by the device-added event.
     */
    public CompletableFuture<Void> attachDevice(String uuid, String deviceXml, ChangeScope scope) {
        return run(libvirt -> libvirt.domains().attachDevice(uuid, deviceXml, scope));
    }

    /** Removes a device, named by its XML; a running guest must let go of it (device-removed event). */
    public CompletableFuture<Void> detachDevice(String uuid, String deviceXml, ChangeScope scope) {
        return run(libvirt -> libvirt.domains().detachDevice(uuid, deviceXml, scope));
    }

    /** Changes a device in place: a CD-ROM's medium (a {@code <disk>} without a source ejects it). */
    public CompletableFuture<Void> updateDevice(String uuid, String deviceXml, ChangeScope scope) {
        return run(libvirt -> libvirt.domains().updateDevice(uuid, deviceXml, scope));
    }

    public CompletableFuture<Void> setVcpus(String uuid, int vcpus, ChangeScope scope) {
        return run(libvirt -> libvirt.domains().setVcpus(uuid, vcpus, scope));
    }

    public CompletableFuture<Void> setMemory(String uuid, long kib, ChangeScope scope) {
        return run(libvirt -> libvirt.domains().setMemory(uuid, kib, scope));
    }

    /**
     * Makes a user's edits on the running VM as well, one call each, in one task on the workers:
     * the first the hypervisor refuses ends it, with libvirt's reason.
     */
    public CompletableFuture<Void> changeNow(String uuid, LiveChanges changes) {
        return run(libvirt -> {
            changes.detach().forEach(xml -> libvirt.domains().detachDevice(uuid, xml, ChangeScope.NOW));
            changes.update().forEach(xml -> libvirt.domains().updateDevice(uuid, xml, ChangeScope.NOW));
            changes.attach().forEach(xml -> libvirt.domains().attachDevice(uuid, xml, ChangeScope.NOW));
            if (changes.vcpus() != null) {
                libvirt.domains().setVcpus(uuid, changes.vcpus(), ChangeScope.NOW);
            }
            if (changes.memoryKiB() != null) {
                libvirt.domains().setMemory(uuid, changes.memoryKiB(), ChangeScope.NOW);
            }
        });
    }

    /** Renames a shut-off VM; a name another VM of the host has is refused from the cache, with no call. */
    public CompletableFuture<Void> rename(String uuid, String newName) {
        DomainRecord d = monitor.domains().get(uuid);
        if (newName.isBlank() || newName.contains("/")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(NLS.bind(Messages.IS_NO_VM_NAME,
                    newName)));
        }
        if (monitor.domains().isNameInUse(newName)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    NLS.bind(Messages.A_VIRTUAL_MACHINE_NAMED_EXISTS_ON, newName, connection.uri())));
        }
        if (d != null && d.state().isActive()) {
            return CompletableFuture.failedFuture(new IllegalStateException(NLS.bind(Messages.SHUT_DOWN_TO_RENAME_IT,
                    d.name())));
        }
        return run(libvirt -> libvirt.domains().rename(uuid, newName));
    }

    public CompletableFuture<Boolean> autostart(String uuid) {
        return call(libvirt -> libvirt.domains().autostart(uuid));
    }

    public CompletableFuture<Void> setAutostart(String uuid, boolean on) {
        return run(libvirt -> libvirt.domains().setAutostart(uuid, on));
    }

    /**
     * Forces the domain off, undefines it with its managed save, snapshot metadata and NVRAM, and
     * deletes {@code storage}; fails naming the storage libvirt could not delete, after deleting
     * everything else. The pools someone looked at are listed again: libvirt has no volume events.
     */
    public CompletableFuture<Void> delete(DomainRecord domain, List<String> storage) {
        return run(libvirt -> {
            if (domain.state().isActive()) {
                libvirt.domains().destroy(domain.uuid());
            }
            if (domain.persistent()) {
                undefine(libvirt, domain.uuid());
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
                throw new IllegalStateException(NLS.bind(Messages.THE_VIRTUAL_MACHINE_IS_DELETED_BUT, String.join("; ",
                        failed)));
            }
        }).whenComplete((ok, failure) -> reloadLoadedVolumes());
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

    private void reloadLoadedVolumes() {
        ObjectCache pools = monitor.objects(ObjectKind.STORAGE_POOL);
        pools.all().stream().filter(p -> pools.loadedVolumes(p.key()) != null).forEach(p -> monitor.reloadVolumes(p.key()));
    }

    /**
     * Copies a stopped machine as {@code name}: new UUID, new MACs no domain of the host uses (the
     * cache answers), the disks in {@code copiedDisks} copied on the host into the same pool, the
     * others shared. Returns the clone's UUID.
     */
    public CompletableFuture<String> clone(DomainRecord source, String name, Set<String> copiedDisks) {
        XmlObject clone = LibvirtModel.copy(source.definition().model());
        clone.set("name", name).set("uuid", null);
        for (XmlObject nic : clone.<XmlObject>list("interfaces")) {
            nic.set("mac", newMac(monitor.domains()));
        }
        return call(libvirt -> {
            for (XmlObject disk : clone.<XmlObject>list("disks")) {
                String path = DomainQueries.diskSource(disk);
                if (path != null && copiedDisks.contains(path)) {
                    String copy = libvirt.storage().cloneVolume(path, volumeName(name, disk.string("targetDev"), path));
                    disk.set(disk.string("sourceFile") != null ? "sourceFile" : "sourceDev", copy);
                }
            }
            return libvirt.domains().defineDomain(LibvirtModel.save(clone));
        });
    }

    /** "vm-clone-vda.qcow2" for a disk vda at ".../vm.qcow2". */
    private static String volumeName(String domain, String target, String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return domain + "-" + target + (dot > 0 ? file.substring(dot) : "");
    }

    /** A random address in QEMU's range that no domain on the host uses. */
    private static String newMac(DomainCache cache) {
        while (true) {
            String mac = String.format("52:54:00:%02x:%02x:%02x", RANDOM.nextInt(256), RANDOM.nextInt(256),
                    RANDOM.nextInt(256));
            if (cache.usingMac(mac).isEmpty()) {
                return mac;
            }
        }
    }

    /**
     * Moves a domain to {@code destination}'s host, live while it runs or offline. The call needs
     * both connections: it runs on this one's workers with the destination's handle.
     */
    public CompletableFuture<Void> migrate(String uuid, VirtConnection destination, boolean live) {
        return destination.submit(target -> target)
                .thenCompose(target -> run(libvirt -> libvirt.domains().migrate(uuid, target, live)));
    }

    /**
     * A new machine: creates its volume in {@code poolKey} from {@code volumeXml} (or uses
     * {@code existingDisk}), defines {@code domainXml} for that disk path and, with {@code start},
     * starts it. Returns its UUID.
     */
    public CompletableFuture<String> create(String poolKey, String volumeXml, String existingDisk,
            UnaryOperator<String> domainXml, boolean start) {
        return call(libvirt -> {
            String disk = volumeXml != null ? libvirt.storage().createVolume(poolKey, volumeXml) : existingDisk;
            String uuid = libvirt.domains().defineDomain(domainXml.apply(disk));
            if (start) {
                libvirt.domains().start(uuid);
            }
            return uuid;
        });
    }
}
