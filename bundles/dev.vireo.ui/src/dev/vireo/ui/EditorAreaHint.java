package dev.vireo.ui;

import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.ui.IWorkbenchWindow;

/**
 * A line in the editor area while no editor is open, so that a new user knows what goes there:
 * the editor stack draws it whenever it has no tab.
 */
public final class EditorAreaHint {
    public static final String TEXT = Messages.DOUBLE_CLICK_A_VIRTUAL_MACHINE_OR
            + Messages.FILE_NEW_VIRTUAL_MACHINE_MAKES_ONE;

    private EditorAreaHint() {
    }

    /** Draws the hint in the window's editor stacks; returns how many there are. */
    public static int install(IWorkbenchWindow window) {
        EModelService models = window.getService(EModelService.class);
        int installed = 0;
        for (MPartStack stack : models.findElements(window.getService(MWindow.class), null, MPartStack.class,
                List.of("EditorStack"))) {
            if (stack.getWidget() instanceof CTabFolder folder && folder.getData(TEXT) == null) {
                folder.setData(TEXT, Boolean.TRUE);
                // the workbench lays a composite over an empty stack's client area: the hint goes on it too
                for (Control on : folder.getChildren()) {
                    if (on instanceof Composite && !(on instanceof ToolBar)) {
                        on.addPaintListener(e -> paint(folder, on, e.gc));
                        on.redraw();
                    }
                }
                folder.addPaintListener(e -> paint(folder, folder, e.gc));
                folder.redraw();
                installed++;
            }
        }
        return installed;
    }

    /** Draws on {@code on}: the folder, or the composite the workbench lays over its client area. */
    private static void paint(CTabFolder folder, Control on, GC gc) {
        if (folder.getItemCount() > 0 || on.getSize().x < folder.getSize().x / 2) {
            return;
        }
        Rectangle area = on instanceof CTabFolder ? folder.getClientArea() : new Rectangle(0, 0, on.getSize().x,
                on.getSize().y);
        gc.setForeground(folder.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        int y = area.y + area.height / 3; // above the middle, where the workbench keeps a small control of its own
        for (String line : TEXT.split("\n")) {
            Point size = gc.textExtent(line);
            gc.drawText(line, area.x + Math.max(8, (area.width - size.x) / 2), y, true);
            y += size.y + 4;
        }
    }
}
