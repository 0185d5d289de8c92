package dev.vireo.connection;

import org.eclipse.osgi.util.NLS;

/** The text this bundle shows a user, from messages.properties (and its translations beside it). */
public final class Messages extends NLS {
    public static String AN_EXTRA_SESSION_TO_DID_NOT;
    public static String AN_EXTRA_SESSION_TO_FAILED_THE;
    public static String CONNECTION_LOST;
    public static String COULD_NOT_ASK;
    public static String IS_CLOSED;
    public static String RECONNECTING;
    public static String SSH_STOPPED_WAITING_FOR_AN_ANSWER;
    public static String SSH_S_QUESTIONS_CAN_NO_LONGER;
    public static String SSH_WILL_ASK_ON_ITS_OWN;
    public static String THE_HOST_ASKS_FOR_A_USER;
    public static String THE_HOST_REFUSED_THE_USER_NAME;

    static {
        NLS.initializeMessages("dev.vireo.connection.messages", Messages.class);
    }

    private Messages() {
    }
}
