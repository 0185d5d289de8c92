package dev.vireo.app;

import org.eclipse.osgi.util.NLS;

/** The text this bundle shows a user, from messages.properties (and its translations beside it). */
public final class Messages extends NLS {
    public static String ABOUT_VIREO;
    public static String DRIVER_PLUGINS;
    public static String IS_NOT_HOST_PORT;
    public static String MIB;
    public static String NO_ANSWER_WITHIN;
    public static String NO_SCREEN_WITHIN;
    public static String OSINFO_DB_KNOWS_NO_OS;
    public static String PRINT_NEW_VM_XML_NEEDS_NAME;
    public static String SEE_OSINFO_QUERY_OS;
    public static String SHOW_VIEW;
    public static String VIREO;
    public static String VIREO_COULD_NOT_START_AGAIN;
    public static String VNC_CAPTURE;

    static {
        NLS.initializeMessages("dev.vireo.app.messages", Messages.class);
    }

    private Messages() {
    }
}
