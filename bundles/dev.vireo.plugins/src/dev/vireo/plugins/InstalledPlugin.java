package dev.vireo.plugins;

import java.util.List;

import org.eclipse.equinox.p2.metadata.IInstallableUnit;

/**
 * A plugin a user installed: its feature, the units the feature brings (a driver plugin's bundle
 * among them) and the repository it came from ({@code null} if installed another way).
 */
public record InstalledPlugin(IInstallableUnit unit, List<String> units, String source) {

    /** The feature's id without p2's ".feature.group". */
    public String id() {
        return unit.getId().replaceFirst("\\.feature\\.group$", "");
    }

    public String name() {
        return unit.getProperty(IInstallableUnit.PROP_NAME, null) == null ? id()
                : unit.getProperty(IInstallableUnit.PROP_NAME, null);
    }

    public String version() {
        return unit.getVersion().toString();
    }

    public String provider() {
        String provider = unit.getProperty(IInstallableUnit.PROP_PROVIDER, null);
        return provider == null ? "" : provider;
    }
}
