package dev.vireo.ui.preferences;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

import dev.vireo.monitor.ConnectionMonitor;
import dev.vireo.monitor.spi.RefreshPolicy;
import dev.vireo.ui.Messages;

/**
 * Vireo's preferences and their defaults: the statistics interval, confirmations, and the saved
 * connections (URIs to open at start). Stored in the instance scope, i.e. the workspace.
 */
public class VireoPreferences extends AbstractPreferenceInitializer {
    public static final String NODE = "dev.vireo.ui";
    /** Seconds between statistics samples; 0 turns sampling off. */
    public static final String STATS_INTERVAL = "statsInterval";
    /** The most calls a minute statistics may cost each connection: the link-cost budget. */
    public static final String STATS_BUDGET = "statsCallsPerMinute";
    public static final String CONFIRM_FORCE_OFF = "confirmForceOff";
    public static final String CONFIRM_DELETE_HOST_OBJECTS = "confirmDeleteHostObjects";
    /** Newline-separated URIs opened when Vireo starts. */
    public static final String AUTOCONNECT = "autoconnect";

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(NODE);
        defaults.putInt(STATS_INTERVAL, (int) ConnectionMonitor.DEFAULT_STATS_INTERVAL.toSeconds());
        defaults.putInt(STATS_BUDGET, RefreshPolicy.DEFAULT_STATS_CALLS_PER_MINUTE);
        defaults.putBoolean(CONFIRM_FORCE_OFF, true);
        defaults.putBoolean(CONFIRM_DELETE_HOST_OBJECTS, true);
        defaults.put(AUTOCONNECT, "");
    }

    static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    private static IEclipsePreferences defaults() {
        return DefaultScope.INSTANCE.getNode(NODE);
    }

    /** The statistics interval, or {@code null} when sampling is off. */
    public static Duration statsInterval() {
        int seconds = node().getInt(STATS_INTERVAL, defaults().getInt(STATS_INTERVAL, 3));
        return seconds <= 0 ? null : Duration.ofSeconds(seconds);
    }

    public static int statsBudget() {
        return node().getInt(STATS_BUDGET, defaults().getInt(STATS_BUDGET,
                RefreshPolicy.DEFAULT_STATS_CALLS_PER_MINUTE));
    }

    public static boolean confirm(String key) {
        return node().getBoolean(key, defaults().getBoolean(key, true));
    }

    /** The connections to open at start, in the order they were added. */
    public static List<String> autoconnect() {
        String saved = node().get(AUTOCONNECT, "");
        return saved.isBlank() ? List.of() : List.of(saved.split("\n"));
    }

    /** Remembers (or forgets) a connection to open at start. */
    public static void setAutoconnect(String uri, boolean on) {
        List<String> uris = new ArrayList<>(autoconnect());
        uris.remove(uri);
        if (on) {
            uris.add(uri);
        }
        node().put(AUTOCONNECT, String.join("\n", uris));
        flush();
    }

    static void flush() {
        try {
            node().flush();
        } catch (BackingStoreException e) {
            org.eclipse.core.runtime.ILog.of(VireoPreferences.class).error(Messages.CANNOT_SAVE_VIREO_S_PREFERENCES, e);
        }
    }
}
