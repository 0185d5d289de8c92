package dev.vireo.ui.editors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.keys.IBindingService;

import dev.vireo.ui.Messages;
import dev.vireo.ui.widgets.VncViewer;

/**
 * The console's keyboard grab and full screen, as virt-manager has them. While the viewer has the
 * focus every key goes to the guest, the workbench's key bindings included (its key filter is off
 * meanwhile), and a line over the screen says how to get out: press and release Ctrl+Alt with no
 * other key between (so Ctrl+Alt+Del still reaches the guest). In full screen the same leaves it.
 */
final class ConsoleKeyboard {
    static final String GRABBED = Messages.KEYS_GO_TO_THE_GUEST_PRESS;
    static final String FULL_SCREEN = Messages.FULL_SCREEN_PRESS_AND_RELEASE_CTRL;
    private final VncViewer viewer;
    private final IBindingService bindings;
    private final Control releaseTo;
    private boolean armed;
    private Shell fullScreen;
    /** Where the viewer lives outside full screen, and how it is laid out there. */
    private Composite home;
    private Object layoutData;

    ConsoleKeyboard(VncViewer viewer, IBindingService bindings, Control releaseTo) {
        this.viewer = viewer;
        this.bindings = bindings;
        this.releaseTo = releaseTo;
        viewer.addListener(SWT.FocusIn, e -> grab(true));
        viewer.addListener(SWT.FocusOut, e -> grab(false));
        viewer.addListener(SWT.KeyDown, this::keyDown);
        viewer.addListener(SWT.KeyUp, this::keyUp);
        viewer.addListener(SWT.Dispose, e -> grab(false));
        releaseTo.addListener(SWT.Dispose, e -> { // the page closed while in full screen: the viewer goes too
            if (fullScreen != null) {
                fullScreen.dispose();
            }
        });
    }

    private void grab(boolean on) {
        if (bindings != null) {
            bindings.setKeyFilterEnabled(!on);
        }
        if (!viewer.isDisposed()) {
            viewer.setHint(on ? fullScreen != null ? FULL_SCREEN : GRABBED : null);
        }
    }

    private void keyDown(Event e) {
        armed = e.keyCode == SWT.CTRL && (e.stateMask & SWT.ALT) != 0 || e.keyCode == SWT.ALT
                && (e.stateMask & SWT.CTRL) != 0;
    }

    private void keyUp(Event e) {
        if (armed && (e.keyCode == SWT.CTRL || e.keyCode == SWT.ALT)) {
            armed = false;
            viewer.releaseModifiers(); // the guest saw Ctrl and Alt go down; it must see them come up
            if (fullScreen != null) {
                leaveFullScreen();
            } else {
                releaseTo.setFocus();
            }
        }
    }

    /** The viewer alone on a full-screen shell of its own, with the keyboard. */
    void enterFullScreen() {
        if (fullScreen != null) {
            return;
        }
        home = viewer.getParent();
        layoutData = viewer.getLayoutData();
        fullScreen = new Shell(viewer.getDisplay(), SWT.NO_TRIM);
        fullScreen.setLayout(new FillLayout());
        fullScreen.addListener(SWT.Close, e -> {
            e.doit = false;
            leaveFullScreen();
        });
        viewer.setParent(fullScreen);
        fullScreen.setFullScreen(true);
        fullScreen.open();
        viewer.setFocus();
        viewer.setHint(FULL_SCREEN);
    }

    void leaveFullScreen() {
        Shell shell = fullScreen;
        if (shell == null) {
            return;
        }
        fullScreen = null;
        viewer.setParent(home);
        viewer.setLayoutData(layoutData);
        home.layout(true, true);
        shell.dispose();
        releaseTo.setFocus();
    }
}
