package dev.vireo.ui.editors;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import dev.vireo.model.LibvirtModel;
import dev.vireo.model.ModelException;
import dev.vireo.model.XmlObject;
import dev.vireo.ui.Messages;

/**
 * The domain's XML as text. Typing here makes the text the edit: Apply sends it as it is (after
 * checking it parses); leaving the page with valid XML makes it the working copy of the other pages.
 */
public class XmlPage implements DomainEditorPage {
    private DomainEditor editor;
    private StyledText text;
    private boolean edited;
    private boolean filling;

    @Override
    public Control createControl(DomainEditor editor, Composite parent) {
        this.editor = editor;
        text = new StyledText(parent, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        text.setFont(JFaceResources.getTextFont());
        text.setMargins(6, 4, 6, 4);
        text.addModifyListener(e -> {
            if (!filling) {
                edited = true;
                editor.setInvalid(this, null);
                editor.edited();
            }
        });
        return text;
    }

    public StyledText text() {
        return text;
    }

    @Override
    public void show(XmlObject draft) {
        edited = false;
        filling = true;
        try {
            text.setText(draft == null ? "" : LibvirtModel.save(draft));
        } finally {
            filling = false;
        }
    }

    @Override
    public void shown() {
        if (!edited) {
            show(editor.draft());
        }
    }

    /** Leaving the page: valid XML becomes the working copy; invalid XML stays the edit, with its error shown. */
    @Override
    public void hidden() {
        if (!edited) {
            return;
        }
        try {
            editor.replaceDraft(LibvirtModel.load(text.getText()), this);
            edited = false;
        } catch (ModelException e) {
            editor.setInvalid(this, NLS.bind(Messages.THE_XML_PAGE_HAS_AN_ERROR, e.getMessage()));
            return;
        }
        editor.setInvalid(this, null);
    }

    /** The text to apply if it was edited here, else {@code null}. */
    @Override
    public String editedText() {
        return edited ? text.getText() : null;
    }

    @Override
    public void applied() {
        edited = false;
    }
}
