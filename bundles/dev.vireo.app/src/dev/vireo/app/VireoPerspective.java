package dev.vireo.app;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import dev.vireo.ui.views.DomainsView;

public class VireoPerspective implements IPerspectiveFactory {
    public static final String ID = "dev.vireo.app.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        // the manager on the left, virtual machine and host editors on the right
        layout.addView(DomainsView.ID, IPageLayout.LEFT, 0.48f, layout.getEditorArea());
        layout.getViewLayout(DomainsView.ID).setCloseable(false);
    }
}
