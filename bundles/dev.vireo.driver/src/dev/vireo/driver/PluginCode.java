package dev.vireo.driver;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;

/**
 * A driver plugin's code, made the first time it is needed rather than when the registry is read:
 * its constructor, static initialisers and bundle activation are code Vireo does not know, so they
 * run where the rest of it runs, on a driver-code thread under the deadline
 * ({@link HypervisorDriver#libvirtUri}), never on whoever first asked for the registry.
 */
public final class PluginCode {
    private final IConfigurationElement element;
    private DriverCode instance;

    PluginCode(IConfigurationElement element) {
        this.element = element;
    }

    /** The class the plugin names, as declared. */
    public String className() {
        return element.getAttribute("class");
    }

    synchronized DriverCode get() throws CoreException {
        if (instance == null) {
            instance = (DriverCode) element.createExecutableExtension("class");
        }
        return instance;
    }
}
