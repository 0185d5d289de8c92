package dev.vireo.api;

import java.util.concurrent.CompletableFuture;

/**
 * A machine's console as bytes: what the guest writes comes from {@link #read}, what is typed goes
 * to {@link #write}. Only {@link #read} blocks (one reader thread, never the UI thread); writing,
 * closing and freeing are queued to the channel's own thread, in order, so they may be called
 * from any thread.
 */
public interface ConsoleChannel extends AutoCloseable {
    /** Waits for the guest's next bytes; -1 once the console closed. */
    int read(byte[] into);

    /** Queues bytes for the guest; the future fails with libvirt's message if they could not be sent. */
    CompletableFuture<Void> write(byte[] bytes);

    /** Ends the console once the queued writes are sent: a reader waiting in {@link #read} gets -1. */
    @Override
    void close();

    /** Releases the channel after everything queued; by the reader once {@link #read} returned -1. */
    void free();
}
