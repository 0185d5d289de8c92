package dev.vireo.model;

/** libvirt XML that cannot be read; the message names the place (line, column) and the problem. */
public class ModelException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
