package dev.vireo.ui.dialogs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * A small form of named values, for the host's New Network, New Pool and New Volume: a text field
 * per value, or a drop-down where the choices are fixed ({@code "a|b|c"} as the default).
 */
public class FormDialog extends TitleAreaDialog {
    private final String title;
    private final String message;
    private final Map<String, String> defaults;
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    public FormDialog(Shell shell, String title, String message, Map<String, String> defaults) {
        super(shell);
        this.title = title;
        this.message = message;
        this.defaults = defaults;
    }

    /** The values entered, by label, once the dialog was confirmed. */
    public Map<String, String> values() {
        return values;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        getShell().setText(title);
        setTitle(title);
        setMessage(message);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        defaults.forEach((label, value) -> {
            new Label(body, SWT.NONE).setText(label + ":");
            Control field;
            if (value.contains("|")) {
                Combo combo = new Combo(body, SWT.READ_ONLY);
                combo.setItems(value.split("\\|"));
                combo.select(0);
                field = combo;
            } else {
                Text text = new Text(body, SWT.BORDER);
                text.setText(value);
                field = text;
            }
            GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(field);
            fields.put(label, field);
        });
        return area;
    }

    @Override
    protected void okPressed() {
        fields.forEach((label, field) -> values.put(label,
                field instanceof Combo c ? c.getText() : ((Text) field).getText().trim()));
        super.okPressed();
    }
}
