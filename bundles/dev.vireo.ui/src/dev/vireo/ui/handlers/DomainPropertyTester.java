package dev.vireo.ui.handlers;

import org.eclipse.core.expressions.PropertyTester;

import dev.vireo.monitor.DomainRecord;
import dev.vireo.ui.views.DomainNode;

/** Lets command enablement depend on a domain's cached state (no libvirt call). */
public class DomainPropertyTester extends PropertyTester {
    public static final String NAMESPACE = "dev.vireo.ui.domain";

    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        DomainRecord d = ((DomainNode) receiver).record();
        if (d == null || !"active".equals(property)) {
            return false;
        }
        return Boolean.valueOf(d.state().isActive()).equals(expectedValue);
    }
}
