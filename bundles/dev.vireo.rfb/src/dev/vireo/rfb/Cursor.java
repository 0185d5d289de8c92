package dev.vireo.rfb;

/**
 * The guest's pointer as the server draws it: ARGB pixels (transparent outside its shape) and the
 * hot spot, the pixel that points. The viewer draws it where the local pointer is, so the pointer
 * moves without waiting for a round trip. {@code width} 0: no pointer.
 */
public record Cursor(int hotX, int hotY, int width, int height, int[] pixels) {
}
