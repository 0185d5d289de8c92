package dev.vireo.plugins;

import org.eclipse.osgi.util.NLS;

/** The text this bundle shows a user, from messages.properties (and its translations beside it). */
public final class Messages extends NLS {
    public static String NOT_INSTALLED_BY_P2;
    public static String P2_NOT_RUNNING;
    public static String NO_PROFILE;
    public static String NOT_FROM_A_KNOWN_REPOSITORY;
    public static String NEWEST_IN;

    static {
        NLS.initializeMessages("dev.vireo.plugins.messages", Messages.class);
    }

    private Messages() {
    }
}
