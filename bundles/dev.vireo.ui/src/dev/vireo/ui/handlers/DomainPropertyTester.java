package dev.vireo.ui.handlers;

import org.eclipse.core.expressions.PropertyTester;

import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.views.DomainNode;

/**
 * Lets command enablement depend on a domain's cached state (no libvirt call): {@code active}
 * (true/false), {@code state} (a {@code DomainState} name), {@code persistent} and {@code migratable}.
 */
public class DomainPropertyTester extends PropertyTester {
    public static final String NAMESPACE = "dev.vireo.ui.domain";

    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        DomainRecord d = ((DomainNode) receiver).record();
        if (d == null) {
            return false;
        }
        Object actual = switch (property) {
            case "active" -> d.state().isActive();
            case "persistent" -> d.persistent();
            case "state" -> d.state().name();
            case "migratable" -> MigrateDomainHandler.whyNot(((DomainNode) receiver).connection()) == null;
            default -> null;
        };
        return actual != null && actual.equals(expectedValue);
    }
}
