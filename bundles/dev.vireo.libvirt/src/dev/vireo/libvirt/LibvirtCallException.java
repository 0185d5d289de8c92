package dev.vireo.libvirt;

/** A libvirt call failed; the message is libvirt's own. */
public class LibvirtCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String api;

    public LibvirtCallException(String api, String message, Throwable cause) {
        super(message, cause);
        this.api = api;
    }

    /** The libvirt API that failed, e.g. {@code virDomainCreate}. */
    public String api() {
        return api;
    }
}
