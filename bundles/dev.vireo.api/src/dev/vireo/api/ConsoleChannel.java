package dev.vireo.api;

/**
 * A machine's console as bytes: what the guest writes comes from {@link #read}, what is typed goes
 * to {@link #write}. Blocking calls: one reader thread, writers elsewhere, never the UI thread.
 */
public interface ConsoleChannel extends AutoCloseable {
    /** Waits for the guest's next bytes; -1 when the console closed. */
    int read(byte[] into);

    void write(byte[] bytes);

    /** Ends the console: a reader waiting in {@link #read} gets -1. */
    @Override
    void close();

    /** Releases the channel; by the reader once {@link #read} returned -1, so nobody uses it after. */
    void free();
}
