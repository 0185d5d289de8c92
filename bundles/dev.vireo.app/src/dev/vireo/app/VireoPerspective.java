package dev.vireo.app;

import java.util.List;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPlaceholderFolderLayout;
import org.eclipse.ui.IPerspectiveFactory;

import dev.vireo.ui.views.DomainsView;

public class VireoPerspective implements IPerspectiveFactory {
    public static final String ID = "dev.vireo.app.perspective";
    /** The platform's Error Log view (bundle org.eclipse.ui.views.log). */
    public static final String ERROR_LOG = "org.eclipse.pde.runtime.LogView";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        // the manager on the left, virtual machine and host editors on the right
        layout.addView(DomainsView.ID, IPageLayout.LEFT, 0.48f, layout.getEditorArea());
        layout.getViewLayout(DomainsView.ID).setCloseable(false);
        // the platform's views open below the editors; Window > Show View lists them
        IPlaceholderFolderLayout below = layout.createPlaceholderFolder("below", IPageLayout.BOTTOM, 0.7f,
                layout.getEditorArea());
        for (String view : List.of(IPageLayout.ID_PROP_SHEET, IPageLayout.ID_PROGRESS_VIEW, ERROR_LOG)) {
            below.addPlaceholder(view);
            layout.addShowViewShortcut(view);
        }
        layout.addShowViewShortcut(DomainsView.ID);
    }
}
