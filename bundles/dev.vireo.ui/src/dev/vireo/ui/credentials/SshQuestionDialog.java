package dev.vireo.ui.credentials;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.vireo.connection.SshPrompter;
import dev.vireo.ui.Messages;

/**
 * One question of ssh's, asked of the user: an unknown host key (its fingerprint shown, to accept
 * or refuse: never accepted silently), or a passphrase or password (masked). It does not block the
 * UI thread: the answer completes {@link #answer()}.
 */
public class SshQuestionDialog extends TitleAreaDialog {
    private final String question;
    private final boolean hostKey;
    private final CompletableFuture<String> answer = new CompletableFuture<>();
    private Text secret;

    public SshQuestionDialog(Shell shell, String question) {
        super(shell);
        this.question = question.strip();
        hostKey = question.contains("(yes/no");
        setBlockOnOpen(false);
    }

    /** The user's answer, {@code null} if refused or closed. */
    public CompletableFuture<String> answer() {
        return answer;
    }

    public boolean isHostKeyQuestion() {
        return hostKey;
    }

    /** The passphrase or password field; {@code null} for a host-key question. */
    public Text secretText() {
        return secret;
    }

    /** Accept, or OK: what a click on it does, the test's click too. */
    public Button okButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    /** The question as ssh put it, fingerprint included. */
    public String question() {
        return question;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        String title = hostKey ? Messages.UNKNOWN_HOST_KEY : Messages.SSH_LOGIN;
        getShell().setText(title);
        setTitle(title);
        setMessage(hostKey ? Messages.THE_HOST_IS_NOT_KNOWN_YET
                : Messages.SSH_NEEDS_THIS_TO_REACH_THE, hostKey ? IMessageProvider.WARNING : IMessageProvider.NONE);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(1).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        Label text = new Label(body, SWT.WRAP);
        text.setText(question);
        GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(text);
        if (!hostKey) {
            secret = new Text(body, SWT.BORDER | SWT.PASSWORD);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(secret);
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, hostKey ? Messages.ACCEPT : IDialogConstants.OK_LABEL, !hostKey);
        createButton(parent, IDialogConstants.CANCEL_ID, hostKey ? Messages.REFUSE : IDialogConstants.CANCEL_LABEL,
                hostKey);
    }

    @Override
    protected void okPressed() {
        answer.complete(hostKey ? "yes" : secret.getText());
        super.okPressed();
    }

    @Override
    public boolean close() {
        answer.complete(hostKey ? "no" : null); // closed or refused; no effect once answered
        return super.close();
    }

    /** The workbench's {@link SshPrompter}: each question in a dialog of its own, off the caller's thread. */
    public static SshPrompter prompter(Shell parent) {
        Display display = parent.getDisplay();
        return q -> {
            SshQuestionDialog[] dialog = new SshQuestionDialog[1];
            try {
                display.syncExec(() -> {
                    if (!parent.isDisposed()) {
                        dialog[0] = new SshQuestionDialog(parent, q);
                        dialog[0].open();
                    }
                });
            } catch (SWTException e) {
                return null; // the workbench is closing
            }
            return dialog[0] == null ? null : dialog[0].answer().join();
        };
    }
}
