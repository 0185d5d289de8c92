package dev.vireo.api;

import org.eclipse.osgi.util.NLS;

/** The text this bundle shows a user, from messages.properties (and its translations beside it). */
public final class Messages extends NLS {
    public static String AT_THE_NEXT_BOOT;
    public static String NOW_AND_AT_THE_NEXT_BOOT;
    public static String NOW_UNTIL_THE_NEXT_BOOT;
    public static String NO_STATE;
    public static String SHUTTING_DOWN;
    public static String SHUT_OFF;

    static {
        NLS.initializeMessages("dev.vireo.api.messages", Messages.class);
    }

    private Messages() {
    }
}
