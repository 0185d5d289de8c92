package dev.vireo.ui.editors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.osgi.util.NLS;

import dev.vireo.ui.Messages;

/**
 * The editor pages contributed to {@code dev.vireo.ui.domainEditorPages}, in their order. A
 * contribution that cannot be read or built is logged and left out; the editor opens without it.
 */
final class DomainEditorPages {
    static final String EXTENSION_POINT = "dev.vireo.ui.domainEditorPages";

    /** One contributed page: its id, tab name, place and the drivers it is for (empty: all). */
    record Descriptor(String id, String name, int order, Set<String> drivers, IConfigurationElement element) {
        boolean isFor(String driverId) {
            return drivers.isEmpty() || drivers.contains(driverId);
        }

        DomainEditorPage create() throws CoreException {
            return (DomainEditorPage) element.createExecutableExtension("class");
        }
    }

    private DomainEditorPages() {
    }

    static List<Descriptor> all() {
        List<Descriptor> pages = new ArrayList<>();
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(EXTENSION_POINT)) {
            try {
                String drivers = e.getAttribute("drivers");
                pages.add(new Descriptor(e.getAttribute("id"), e.getAttribute("name"),
                        Integer.parseInt(e.getAttribute("order")),
                        drivers == null || drivers.isBlank() ? Set.of() : Set.of(drivers.trim().split("\\s*,\\s*")),
                                e));
            } catch (RuntimeException ex) {
                ILog.of(DomainEditorPages.class).error(NLS.bind(Messages.EDITOR_PAGE_OF_LEFT_OUT,
                        e.getContributor().getName(), ex.getMessage()), ex);
            }
        }
        pages.sort(Comparator.comparingInt(Descriptor::order));
        return pages;
    }
}
