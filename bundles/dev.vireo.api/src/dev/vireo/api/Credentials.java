package dev.vireo.api;

/** What a daemon asking for authentication (SASL) is told: a user name and a password. */
public record Credentials(String user, char[] password) {

    @Override
    public String toString() {
        return "Credentials[" + user + ", password hidden]"; // never the password, in logs or messages
    }
}
