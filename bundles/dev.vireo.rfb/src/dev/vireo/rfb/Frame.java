package dev.vireo.rfb;

/**
 * The screen at one moment, as ARGB pixels row by row: a copy the reader thread made for whoever
 * shows it, never written to again, so the UI never sees a half-decoded update or a torn resize.
 */
public record Frame(int width, int height, int[] pixels) {
}
