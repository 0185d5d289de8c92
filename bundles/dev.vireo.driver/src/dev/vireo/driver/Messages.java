package dev.vireo.driver;

import org.eclipse.osgi.util.NLS;

/** The text this bundle shows a user, from messages.properties (and its translations beside it). */
public final class Messages extends NLS {
    public static String COULD_NOT_MAKE_ITS_CODE;
    public static String DID_NOT_ANSWER_WITHIN_S_FOR;
    public static String DRIVER_FROM_DISABLED_FOR_THIS_SESSION;
    public static String DRIVER_FROM_SKIPPED;
    public static String FAILED_FOR;
    public static String GAVE_NOT_A_LIBVIRT_URI_FOR;
    public static String IS_DISABLED_FOR_THIS_SESSION;
    public static String IT_MUST_DECLARE_ITS_CAPABILITIES_ONCE;
    public static String IT_NAMES_NO_URI_SCHEME;
    public static String LOADFANOUT_CONNECTIONS_MUST_BE_TO_NOT;
    public static String MUST_BE_A_NUMBER_OF_SECONDS;
    public static String NEEDS_THE_ATTRIBUTE;
    public static String THE_DRIVER_PLUGIN;
    public static String THE_ID_IS_TAKEN_BY;
    public static String UNKNOWN_EVENT_FAMILIES_IN_KNOWN;
    public static String UNKNOWN_STRATEGY;
    public static String WAS_INTERRUPTED;

    static {
        NLS.initializeMessages("dev.vireo.driver.messages", Messages.class);
    }

    private Messages() {
    }
}
