package dev.vireo.ui.credentials;

import java.util.function.Consumer;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.vireo.api.Credentials;
import dev.vireo.ui.Messages;
import dev.vireo.ui.credentials.SavedPasswords.Protection;

/**
 * Asks for a host's user name and password. It does not block its caller: the answer goes to
 * {@code onLogIn}, so a connection event never waits on a person.
 */
public class LoginDialog extends TitleAreaDialog {
    private final String uri;
    private final String reason;
    private final String user;
    private final Protection protection;
    private final Consumer<LoginDialog> onLogIn;
    private Text userText;
    private Text passwordText;
    private Button remember;
    private CLabel keyWarning;
    private Credentials credentials;
    private boolean rememberChosen;

    public LoginDialog(Shell shell, String uri, String reason, String user, Protection protection,
            Consumer<LoginDialog> onLogIn) {
        super(shell);
        this.uri = uri;
        this.reason = reason;
        this.user = user;
        this.protection = protection;
        this.onLogIn = onLogIn;
        setBlockOnOpen(false);
    }

    public Credentials credentials() {
        return credentials;
    }

    public boolean remember() {
        return rememberChosen;
    }

    public Text userText() {
        return userText;
    }

    public Text passwordText() {
        return passwordText;
    }

    public Button rememberButton() {
        return remember;
    }

    /** The warning that the key is in a file; {@code null} where the keyring keeps it. */
    public CLabel keyWarning() {
        return keyWarning;
    }

    public Button logInButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        getShell().setText(Messages.LOG_IN);
        setTitle(NLS.bind(Messages.LOG_IN_TO, uri));
        setMessage(reason);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        new Label(form, SWT.NONE).setText(Messages.USER_NAME);
        userText = new Text(form, SWT.BORDER);
        userText.setText(user == null ? "" : user);
        GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(userText);
        new Label(form, SWT.NONE).setText(Messages.PASSWORD);
        passwordText = new Text(form, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(passwordText);
        new Label(form, SWT.NONE);
        remember = new Button(form, SWT.CHECK);
        if (protection == Protection.KEYRING) {
            remember.setText(Messages.REMEMBER_THE_PASSWORD_SECURE_STORAGE_KEYED);
        } else {
            remember.setText(Messages.REMEMBER_THE_PASSWORD_SECURE_STORAGE);
            new Label(form, SWT.NONE);
            keyWarning = new CLabel(form, SWT.NONE);
            keyWarning.setText(Messages.NO_DESKTOP_KEYRING_ANSWERED_A_REMEMBERED
                    + Messages.KEPT_IN_A_FILE_BESIDE_IT);
            keyWarning.setImage(JFaceResources.getImage(Dialog.DLG_IMG_MESSAGE_WARNING));
        }
        (user == null || user.isEmpty() ? userText : passwordText).setFocus();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.LOG_IN_2, true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        credentials = new Credentials(userText.getText().strip(), passwordText.getTextChars());
        rememberChosen = remember.getSelection();
        super.okPressed();
        onLogIn.accept(this);
    }
}
