package dev.vireo.ui.editors;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.vireo.model.Units;
import dev.vireo.model.XmlObject;
import dev.vireo.ui.Messages;

/**
 * Edits attributes of model objects, one row each: a check box for a flag, a list to choose from
 * (which also takes a value it does not offer), a masked field for a password, a size in human
 * units, a text field otherwise. Every valid change is written into the object at once; an invalid
 * one is reported (and blocks Apply), not written.
 */
final class FieldsPanel {
    enum Kind {
        TEXT, NUMBER, CHOICE, FLAG, SIZE, SECRET, MAC
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B?|B)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}", Pattern.CASE_INSENSITIVE);

    /**
     * One attribute ({@code name}) of a row's object, or of an object under it ({@code under}, e.g.
     * the domain's {@code cpu}), which is made when the field is first set.
     */
    record Field(XmlObject row, String under, String name, String label, Kind kind, List<String> choices) {
        /** A field of {@code row} as the model declares it, labelled from its name. */
        static Field of(XmlObject row, EAttribute a) {
            Class<?> type = a.getEAttributeType().getInstanceClass();
            Kind kind = type == boolean.class && !a.isMany() ? Kind.FLAG
                    : (type == int.class || type == long.class || type == Integer.class || type == Long.class)
                            && !a.isMany() ? Kind.NUMBER : Kind.TEXT;
            return new Field(row, null, a.getName(), FieldsPanel.label(a.getName()), kind, List.of());
        }

        EAttribute attribute() {
            EClass owner = under == null ? row.eClass()
                    : ((EReference) row.eClass().getEStructuralFeature(under)).getEReferenceType();
            return (EAttribute) owner.getEStructuralFeature(name);
        }

        Object value() {
            XmlObject owner = under == null ? row : row.object(under);
            return owner == null ? null : owner.get(name);
        }

        void set(String feature, Object value) {
            XmlObject owner = under == null ? row : row.object(under);
            if (owner == null && value == null) {
                return;
            }
            (owner != null ? owner : row.add(under)).set(feature, value);
        }
    }

    interface Listener {
        void changed(Field field);

        void invalid(Field field, String problem);

        /** A problem with a well-formed value that only the page knows (a MAC another VM uses); {@code null} if none. */
        default String check(Field field, Object value) {
            return null;
        }
    }

    private FieldsPanel() {
    }

    /** Adds a label and an editor for each field to {@code parent}, a two-column grid. */
    static void create(Composite parent, List<Field> fields, Listener listener) {
        ((GridLayout) parent.getLayout()).numColumns = 2;
        for (Field field : fields) {
            new Label(parent, SWT.NONE).setText(field.label() + ":");
            Object value = field.value();
            if (field.kind() == Kind.FLAG) {
                Button check = new Button(parent, SWT.CHECK);
                check.setSelection(Boolean.TRUE.equals(value));
                check.setData(field);
                check.addListener(SWT.Selection, e -> {
                    field.set(field.name(), check.getSelection());
                    listener.changed(field);
                });
                continue;
            }
            Control control;
            if (field.kind() == Kind.CHOICE) {
                Combo combo = new Combo(parent, SWT.DROP_DOWN);
                List<String> items = new ArrayList<>(field.choices());
                if (value != null && !items.contains(String.valueOf(value))) {
                    items.add(0, String.valueOf(value));
                }
                items.forEach(combo::add);
                combo.setText(format(field, value));
                combo.addModifyListener(e -> edited(field, combo, combo.getText(), listener));
                control = combo;
            } else {
                Text text = new Text(parent, SWT.BORDER | (field.kind() == Kind.SECRET ? SWT.PASSWORD : SWT.NONE));
                text.setText(format(field, value));
                text.addModifyListener(e -> edited(field, text, text.getText(), listener));
                control = text;
            }
            control.setData(field);
            GridDataFactory.fillDefaults().grab(true, false).hint(260, SWT.DEFAULT).applyTo(control);
        }
    }

    private static void edited(Field field, Control control, String text, Listener listener) {
        String problem;
        try {
            Object value = field.kind() == Kind.SIZE ? parseSize(text.trim())
                    : XmlObject.valueOf(field.attribute(), text.trim());
            problem = field.kind() == Kind.MAC && value != null && !MAC.matcher(text.trim()).matches()
                    ? NLS.bind(Messages.IS_NOT_A_MAC_ADDRESS_SUCH, field.label(), text)
                    : listener.check(field, value);
            if (problem == null) {
                field.set(field.name(), value);
                if (field.kind() == Kind.SIZE) {
                    field.set(field.name() + "Unit", value == null ? null : "KiB");
                }
            }
        } catch (NumberFormatException ex) {
            problem = NLS.bind(Messages.IS_NOT, new Object[] { field.label(), text, (field.kind() == Kind.SIZE
                    ? Messages.A_SIZE_SUCH_AS_2_GIB : Messages.A_WHOLE_NUMBER) });
        }
        control.setForeground(problem == null ? null : control.getDisplay().getSystemColor(SWT.COLOR_RED));
        listener.invalid(field, problem);
        if (problem == null) {
            listener.changed(field);
        }
    }

    private static String format(Field field, Object value) {
        if (value == null) {
            return "";
        }
        if (field.kind() == Kind.SIZE) {
            XmlObject owner = field.under() == null ? field.row() : field.row().object(field.under());
            long kib = Units.toKiB(((Number) value).longValue(), owner.string(field.name() + "Unit"));
            return kib % (1024 * 1024) == 0 ? NLS.bind(Messages.GIB_3, kib / (1024 * 1024)) : kib % 1024 == 0
                    ? NLS.bind(Messages.MIB_3, kib / 1024) : NLS.bind(Messages.KIB_3, kib);
        }
        return field.attribute().isMany() ? String.join(", ", ((List<?>) value).stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    /** "2 GiB", "1.5G", "512 MiB", "512" (MiB) in KiB; {@code null} for nothing. */
    static Long parseSize(String text) {
        if (text.isEmpty()) {
            return null;
        }
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new NumberFormatException(text);
        }
        String unit = m.group(2) == null ? "M" : m.group(2).toUpperCase(Locale.ROOT).substring(0, 1);
        long factor = switch (unit) {
            case "B" -> 1;
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            case "G" -> 1024L * 1024 * 1024;
            default -> 1024L * 1024 * 1024 * 1024;
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor)).longValue() / 1024;
    }

    /** The labels of the model's attributes and classes, in the user's language where there is a translation. */
    private static final ResourceBundle LABELS = ResourceBundle.getBundle("dev.vireo.ui.editors.fields", Locale.getDefault(),
            FieldsPanel.class.getClassLoader());

    /** A field's label (fields.properties); a name it lacks is labelled from its spelling: {@code fooBar}, "Foo bar". */
    static String label(String name) {
        if (LABELS.containsKey(name)) {
            return LABELS.getString(name);
        }
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
