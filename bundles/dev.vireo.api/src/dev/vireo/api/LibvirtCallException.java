package dev.vireo.api;

/** A libvirt call failed; the message is libvirt's own. */
public class LibvirtCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String api;
    private final int code;

    public LibvirtCallException(String api, String message, int code, Throwable cause) {
        super(message, cause);
        this.api = api;
        this.code = code;
    }

    /** The libvirt API that failed, e.g. {@code virDomainCreate}. */
    public String api() {
        return api;
    }

    /** libvirt's error code ({@code virErrorNumber}), e.g. 3 for "not supported"; -1 if unknown. */
    public int code() {
        return code;
    }

    /** The daemon refused the credentials, or asked for some and got none. */
    public boolean isAuthFailure() {
        return code == 45 || code == 79 || code == 94; // VIR_ERR_AUTH_FAILED, _CANCELLED, _UNAVAILABLE
    }

    /** The driver does not have this call, or not with these flags: VIR_ERR_NO_SUPPORT, VIR_ERR_INVALID_ARG. */
    public boolean isUnsupported() {
        return code == 3 || code == 8;
    }
}
