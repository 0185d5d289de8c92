package dev.vireo.monitor;

import org.eclipse.osgi.util.NLS;

/** The text this bundle shows a user, from messages.properties (and its translations beside it). */
public final class Messages extends NLS {
    public static String CANNOT_FOLLOW_THE_DOMAINS_OF;
    public static String CANNOT_LIST_ON;
    public static String CANNOT_READ_THE_XML_OF_DOMAIN;
    public static String CANNOT_SAMPLE_STATISTICS_ON;
    public static String MORE_THAN_EVENTS_WAITING_DROPPING_THEM;
    public static String NO_DOMAIN_EVENTS_POLLING_EVERY_S;
    public static String NO_EVENTS_POLLING_EVERY_S;
    public static String SAMPLED_EVERY_S;
    public static String SAMPLED_EVERY_S_PER_ROW;
    public static String STARTING;

    static {
        NLS.initializeMessages("dev.vireo.monitor.messages", Messages.class);
    }

    private Messages() {
    }
}
