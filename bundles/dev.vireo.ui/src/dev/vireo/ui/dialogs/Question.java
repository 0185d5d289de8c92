package dev.vireo.ui.dialogs;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Shell;

/**
 * A question that does not block the UI thread: work off it asks and waits on {@link #answer()},
 * the index of the button chosen, or -1 when the dialog was closed.
 */
public class Question extends MessageDialog {
    private final CompletableFuture<Integer> answer = new CompletableFuture<>();

    public Question(Shell shell, String title, String message, String... buttons) {
        super(shell, title, null, message, WARNING, buttons.length - 1, buttons);
        setBlockOnOpen(false);
    }

    public CompletableFuture<Integer> answer() {
        return answer;
    }

    /** The button at {@code index}: what a click on it does, the test's click too. */
    public Button button(int index) {
        return getButton(index);
    }

    @Override
    public boolean close() {
        answer.complete(-1); // no effect once a button answered
        return super.close();
    }

    @Override
    protected void buttonPressed(int index) {
        answer.complete(index);
        super.buttonPressed(index);
    }
}
