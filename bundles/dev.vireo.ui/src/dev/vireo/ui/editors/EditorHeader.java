package dev.vireo.ui.editors;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

import dev.vireo.ui.Messages;

/** The line above an editor's pages: what is wrong or going on, with Apply and Revert. */
final class EditorHeader {
    enum Severity {
        NONE, WARNING, ERROR
    }

    private final CLabel message;
    private final Button now;
    private final Button apply;
    private final Button revert;

    EditorHeader(Composite parent, Runnable onApply, Runnable onRevert, Runnable onNowChanged) {
        Composite header = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(4).applyTo(header);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        message = new CLabel(header, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
        now = new Button(header, SWT.CHECK);
        now.setText(Messages.ALSO_NOW);
        now.setToolTipText(Messages.ON_A_RUNNING_VM_ALSO_MAKE
                + Messages.MEMORY_DEVICES_ADDED_REMOVED_OR_CHANGED);
        now.setSelection(true);
        now.addListener(SWT.Selection, e -> onNowChanged.run());
        apply = new Button(header, SWT.PUSH);
        apply.setText(Messages.APPLY);
        apply.addListener(SWT.Selection, e -> onApply.run());
        revert = new Button(header, SWT.PUSH);
        revert.setText(Messages.RE_VERT);
        revert.addListener(SWT.Selection, e -> onRevert.run());
    }

    void show(Severity severity, String text) {
        message.setText(text);
        message.setToolTipText(text);
        message.setImage(switch (severity) {
            case ERROR -> JFaceResources.getImage(Dialog.DLG_IMG_MESSAGE_ERROR);
            case WARNING -> JFaceResources.getImage(Dialog.DLG_IMG_MESSAGE_WARNING);
            case NONE -> null;
        });
        message.getParent().layout();
    }

    String text() {
        return message.getText();
    }

    boolean isDisposed() {
        return message.isDisposed();
    }

    void enable(boolean canApply, boolean canRevert, boolean running) {
        apply.setEnabled(canApply);
        revert.setEnabled(canRevert);
        now.setVisible(running);
    }

    /** Whether Apply also changes a running VM now (vCPUs, memory, devices), not only its next boot. */
    boolean alsoNow() {
        return now.getSelection();
    }

    Button nowButton() {
        return now;
    }

    Button applyButton() {
        return apply;
    }
}
