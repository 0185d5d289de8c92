package dev.vireo.ui.editors;

import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.vireo.model.XmlObject;

/**
 * Edits attributes of model objects, one row each, generated from the model: a check box for a
 * flag, a text field otherwise (numbers checked as typed, several values comma separated). Every
 * valid change is written into the object at once; an invalid one is reported, not written.
 */
final class FieldsPanel {
    /** One attribute of one object. */
    record Field(XmlObject owner, EAttribute attribute) {
        String name() {
            return attribute.getName();
        }
    }

    interface Listener {
        void changed(Field field);

        void invalid(Field field, String problem);
    }

    private FieldsPanel() {
    }

    /** Adds a label and an editor for each field to {@code parent}, a two-column grid. */
    static void create(Composite parent, List<Field> fields, Listener listener) {
        ((GridLayout) parent.getLayout()).numColumns = 2;
        for (Field field : fields) {
            new Label(parent, SWT.NONE).setText(label(field.name()) + ":");
            Object value = field.owner().eGet(field.attribute());
            if (field.attribute().getEAttributeType().getInstanceClass() == boolean.class && !field.attribute().isMany()) {
                Button check = new Button(parent, SWT.CHECK);
                check.setSelection(Boolean.TRUE.equals(value));
                check.setData(field);
                check.addListener(SWT.Selection, e -> {
                    field.owner().eSet(field.attribute(), check.getSelection());
                    listener.changed(field);
                });
                continue;
            }
            Text text = new Text(parent, SWT.BORDER);
            text.setText(format(field, value));
            text.setData(field);
            GridDataFactory.fillDefaults().grab(true, false).hint(260, SWT.DEFAULT).applyTo(text);
            text.addModifyListener(e -> {
                try {
                    field.owner().eSet(field.attribute(), XmlObject.valueOf(field.attribute(), text.getText().trim()));
                    text.setForeground(null);
                    listener.invalid(field, null);
                    listener.changed(field);
                } catch (NumberFormatException ex) {
                    text.setForeground(text.getDisplay().getSystemColor(SWT.COLOR_RED));
                    listener.invalid(field, label(field.name()) + ": '" + text.getText() + "' is not a whole number");
                }
            });
        }
    }

    private static String format(Field field, Object value) {
        if (value == null) {
            return "";
        }
        return field.attribute().isMany() ? String.join(", ", ((List<?>) value).stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    /** {@code targetBus} becomes "Target bus". */
    static String label(String name) {
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
