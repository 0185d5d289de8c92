package dev.vireo.osinfo;

import org.eclipse.osgi.util.NLS;

/** The text this bundle shows a user, from messages.properties (and its translations beside it). */
public final class Messages extends NLS {
    public static String GENERIC_OR_UNKNOWN_OS;
    public static String NOT_AN_ISO_9660_IMAGE_NO;

    static {
        NLS.initializeMessages("dev.vireo.osinfo.messages", Messages.class);
    }

    private Messages() {
    }
}
