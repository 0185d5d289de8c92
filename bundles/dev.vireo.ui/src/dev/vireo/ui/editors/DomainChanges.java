package dev.vireo.ui.editors;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Display;

import dev.vireo.monitor.CacheListener;
import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.DomainChange;
import dev.vireo.ui.widgets.UiTurnCoalescer;

/**
 * The cache's changes to one virtual machine, handed to the UI thread once per UI turn: each kind
 * once, in the order it first arrived, however many came meanwhile (an event storm costs one reload).
 */
final class DomainChanges implements CacheListener {
    private final String uuid;
    private final Set<DomainChange.Kind> pending = new LinkedHashSet<>();
    private final UiTurnCoalescer coalescer;

    /** {@code handler} runs on the UI thread. */
    DomainChanges(Display display, String uuid, Consumer<DomainChange.Kind> handler) {
        this.uuid = uuid;
        coalescer = new UiTurnCoalescer(display, () -> {
            List<DomainChange.Kind> kinds;
            synchronized (pending) {
                kinds = List.copyOf(pending);
                pending.clear();
            }
            kinds.forEach(handler);
        });
    }

    @Override
    public void domainsChanged(ConnectionMonitor monitor, List<DomainChange> batch) {
        for (DomainChange change : batch) {
            if (change.domain().uuid().equals(uuid)) {
                synchronized (pending) {
                    pending.add(change.kind());
                }
                coalescer.request();
            }
        }
    }
}
