package dev.vireo.ui.views;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

import dev.vireo.api.DomainState;

/** Small state icons drawn once per display: running green, paused amber, off grey, crashed red. */
final class StateIcons {
    private static final int SIZE = 14;
    private final Map<DomainState, Image> images = new EnumMap<>(DomainState.class);
    private final Display display;

    StateIcons(Display display) {
        this.display = display;
    }

    Image get(DomainState state) {
        return images.computeIfAbsent(state, this::draw);
    }

    private Image draw(DomainState state) {
        RGB rgb = switch (state) {
            case RUNNING, BLOCKED -> new RGB(46, 160, 67);
            case PAUSED, PMSUSPENDED -> new RGB(219, 160, 0);
            case CRASHED -> new RGB(207, 34, 46);
            case SHUTDOWN -> new RGB(90, 120, 200);
            default -> new RGB(140, 140, 140);
        };
        Image image = new Image(display, SIZE, SIZE);
        GC gc = new GC(image);
        Color color = new Color(rgb);
        gc.setBackground(display.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(0, 0, SIZE, SIZE);
        gc.setAntialias(SWT.ON);
        gc.setBackground(color);
        switch (state) {
            case RUNNING, BLOCKED -> gc.fillPolygon(new int[] { 3, 2, 12, 7, 3, 12 });
            case PAUSED, PMSUSPENDED -> {
                gc.fillRectangle(3, 2, 3, 10);
                gc.fillRectangle(8, 2, 3, 10);
            }
            default -> gc.fillRectangle(3, 3, 8, 8);
        }
        gc.dispose();
        return image;
    }

    void dispose() {
        images.values().forEach(Image::dispose);
        images.clear();
    }
}
