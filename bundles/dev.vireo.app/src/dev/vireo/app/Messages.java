package dev.vireo.app;

import org.eclipse.osgi.util.NLS;

/** The text this bundle shows a user, from messages.properties (and its translations beside it). */
public final class Messages extends NLS {
    public static String ABOUT_VIREO;
    public static String DRIVER_PLUGINS;
    public static String FILE;
    public static String HELP;
    public static String NO_ANSWER_WITHIN_S;
    public static String OSINFO_DB_KNOWS_NO_OS_SEE;
    public static String PRINT_NEW_VM_XML_NEEDS_NAME;
    public static String SHOW_VIEW;
    public static String VCPUS_MIB;
    public static String VIREO;
    public static String VIREO_COULD_NOT_START_AGAIN;
    public static String VNC_CAPTURED;
    public static String VNC_CAPTURE_IS_NOT_HOST_PORT;
    public static String VNC_CAPTURE_NO_SCREEN_WITHIN_S;
    public static String WINDOW;

    static {
        NLS.initializeMessages("dev.vireo.app.messages", Messages.class);
    }

    private Messages() {
    }
}
