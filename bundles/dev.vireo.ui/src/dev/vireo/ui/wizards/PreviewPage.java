package dev.vireo.ui.wizards;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

import dev.vireo.ui.Messages;

/** The XML Finish will define, and whether to open the machine's editor before it first starts. */
public class PreviewPage extends WizardPage {
    private final NewVmWizard wizard;
    private StyledText xml;
    private Button customize;

    PreviewPage(NewVmWizard wizard) {
        super("preview", Messages.READY_TO_CREATE, null);
        this.wizard = wizard;
        setDescription(Messages.FINISH_DEFINES_THIS_VIRTUAL_MACHINE_AND);
    }

    public String xml() {
        return xml.getText();
    }

    public Button customizeButton() {
        return customize;
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(c);
        xml = new StyledText(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY);
        xml.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 300).applyTo(xml);
        customize = new Button(c, SWT.CHECK);
        customize.setText(Messages.CUSTOMIZE_CONFIGURATION_BEFORE_INSTALL_OPENS_THE);
        customize.addListener(SWT.Selection, e -> wizard.spec.customize = customize.getSelection());
        setControl(c);
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible) {
            xml.setText(wizard.previewXml());
        }
        super.setVisible(visible);
    }
}
