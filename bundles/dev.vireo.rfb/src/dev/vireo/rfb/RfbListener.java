package dev.vireo.rfb;

/** Hears about the screen, on the client's reader thread. */
public interface RfbListener {
    void updated(int x, int y, int width, int height);

    default void resized(int width, int height) {
    }

    /** The guest's pointer changed its shape. */
    default void cursor(Cursor cursor) {
    }

    /** The guest's clipboard now holds this text. */
    default void clipboard(String text) {
    }

    default void closed(String reason) {
    }
}
