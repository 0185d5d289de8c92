package dev.vireo.rfb;

/** X11 keysyms, which RFB's key events carry, for the keys a console needs beyond characters. */
public final class Keysyms {
    public static final int CONTROL_L = 0xffe3, ALT_L = 0xffe9, DELETE = 0xffff, RETURN = 0xff0d, BACKSPACE = 0xff08,
            TAB = 0xff09, ESCAPE = 0xff1b, SHIFT_L = 0xffe1, LEFT = 0xff51, UP = 0xff52, RIGHT = 0xff53, DOWN = 0xff54,
            F1 = 0xffbe, PRINT = 0xff61;

    private Keysyms() {
    }
}
