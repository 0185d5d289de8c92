package dev.vireo.ui.views;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.ITreeContentProvider;

import dev.vireo.api.ObjectKind;
import dev.vireo.connection.ConnectionManager;
import dev.vireo.connection.VirtConnection;
import dev.vireo.ui.Services;

/** The manager's tree from the caches: connections, then each one's machines, networks and pools. */
final class DomainsContentProvider implements ITreeContentProvider {
    private final Map<VirtConnection, HostSection[]> sections = new HashMap<>();

    @Override
    public Object[] getElements(Object input) {
        return ((ConnectionManager) input).connections().toArray();
    }

    @Override
    public Object[] getChildren(Object parent) {
        if (parent instanceof HostSection s) {
            return s.children();
        }
        if (!(parent instanceof VirtConnection c)) {
            return new Object[0];
        }
        List<Object> children = new ArrayList<>();
        Services.monitor(c).domains().all().forEach(d -> children.add(new DomainNode(c, d.uuid())));
        children.addAll(List.of(sectionsOf(c)));
        return children.toArray();
    }

    @Override
    public Object getParent(Object element) {
        return switch (element) {
            case DomainNode n -> n.connection();
            case HostSection s -> s.connection();
            case HostSection.ObjectNode o -> o.section();
            default -> null;
        };
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof VirtConnection
                || element instanceof HostSection s && !Services.monitor(s.connection()).objects(s.kind()).all().isEmpty();
    }

    private HostSection[] sectionsOf(VirtConnection c) {
        return sections.computeIfAbsent(c, k -> new HostSection[] { new HostSection(k, ObjectKind.NETWORK),
                new HostSection(k, ObjectKind.STORAGE_POOL) });
    }
}
