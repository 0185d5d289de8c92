package dev.vireo.connection;

public enum ConnectionState {
    CONNECTING("connecting"),
    CONNECTED("connected"),
    /** The connection dropped; Vireo is trying again, with growing pauses. */
    RECONNECTING("reconnecting"),
    /** Closed, or the first attempt failed: nothing happens until someone reconnects. */
    DISCONNECTED("disconnected");

    private final String label;

    ConnectionState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
