package dev.vireo.operations;

import org.eclipse.osgi.util.NLS;

/** The text this bundle shows a user, from messages.properties (and its translations beside it). */
public final class Messages extends NLS {
    public static String A_VIRTUAL_MACHINE_NAMED_EXISTS_ON;
    public static String FORCING_OFF;
    public static String IS_NO_VM_NAME;
    public static String LINE_THE_HOST_RUNS_NO_GUESTS;
    public static String PAUSING;
    public static String REBOOTING;
    public static String RESETTING;
    public static String RESUMING;
    public static String SAVING;
    public static String SHUTTING_DOWN;
    public static String SHUT_DOWN_TO_RENAME_IT;
    public static String STARTING;
    public static String STARTING_PAUSED;
    public static String THE_NEW_VM_S_XML_DOES;
    public static String THE_VIRTUAL_MACHINE_IS_DELETED_BUT;

    static {
        NLS.initializeMessages("dev.vireo.operations.messages", Messages.class);
    }

    private Messages() {
    }
}
