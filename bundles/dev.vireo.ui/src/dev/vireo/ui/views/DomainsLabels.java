package dev.vireo.ui.views;

import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.viewers.ViewerFilter;

import dev.vireo.connection.VirtConnection;
import dev.vireo.monitor.DomainRecord;
import dev.vireo.model.Units;

/** What the manager's rows say (name, state, memory), how they sort, and the name filter. */
final class DomainsLabels {
    private DomainsLabels() {
    }

    static String nameOf(Object e) {
        return switch (e) {
            case VirtConnection c -> c.uri();
            case HostSection s -> s.label();
            case HostSection.ObjectNode o -> o.object() == null ? "" : o.object().name();
            case DomainNode n -> n.record() == null ? "" : n.record().name();
            default -> "";
        };
    }

    static String stateOf(Object e) {
        return switch (e) {
            case VirtConnection c -> c.failure() == null ? c.state().label() : c.state().label() + ": " + c.failure();
            case HostSection.ObjectNode o -> o.object() == null ? "" : o.object().active() ? "active" : "inactive";
            case DomainNode n -> n.record() == null ? "" : n.record().state().label();
            default -> "";
        };
    }

    static String vcpusOf(Object e) {
        // a count the list did not send (-1, 0) is unknown until the XML arrives: shown blank, never as a value
        return e instanceof DomainNode n && n.record() != null && n.record().vcpus() > 0
                ? Integer.toString(n.record().vcpus()) : "";
    }

    static String memoryOf(Object e) {
        return e instanceof DomainNode n && n.record() != null && n.record().memoryKiB() > 0
                ? Units.formatKiB(n.record().memoryKiB()) : "";
    }

    /** Machines first, by name; then the host's sections in their own order. */
    static final class Order extends ViewerComparator {
        @Override
        public int category(Object element) {
            return element instanceof DomainNode ? 0 : 1;
        }

        @Override
        public int compare(Viewer v, Object a, Object b) {
            int byCategory = Integer.compare(category(a), category(b));
            return byCategory != 0 || a instanceof HostSection ? byCategory
                    : String.CASE_INSENSITIVE_ORDER.compare(nameOf(a), nameOf(b));
        }
    }

    /** Keeps the rows whose name (or a machine's title) contains the filter text; connections and sections always stay. */
    static final class NameFilter extends ViewerFilter {
        private final Supplier<String> text;

        NameFilter(Supplier<String> text) {
            this.text = text;
        }

        @Override
        public boolean select(Viewer v, Object parent, Object element) {
            String wanted = text.get().trim().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty() || element instanceof VirtConnection || element instanceof HostSection) {
                return true;
            }
            if (element instanceof DomainNode n && n.record() != null) {
                DomainRecord d = n.record();
                String title = d.definition() == null || d.definition().title() == null ? "" : d.definition().title();
                return d.name().toLowerCase(Locale.ROOT).contains(wanted) || title.toLowerCase(Locale.ROOT).contains(wanted);
            }
            return nameOf(element).toLowerCase(Locale.ROOT).contains(wanted);
        }
    }
}
