package dev.vireo.ui.dialogs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.vireo.driver.Capabilities;
import dev.vireo.driver.HypervisorDriver;
import dev.vireo.ui.Messages;

/**
 * Add Connection: the installed driver plugins, the transport and fields each one declares, the
 * libvirt URI they make (editable), and what the driver can do, unsupported features greyed out.
 */
public class AddConnectionDialog extends TitleAreaDialog {
    private final List<HypervisorDriver> drivers;
    private Combo driver;
    private Combo transport;
    private Text host;
    private Button autoconnect;
    private boolean autoconnectChosen;
    private Text user;
    private Text path;
    private Text uri;
    private final List<Button> features = new ArrayList<>();
    private String result;
    private final Function<String, String> disabled;
    /** The URI being edited, and whether it opens at each start; {@code null} when adding. */
    private String editing;
    private boolean editingAutoconnect;

    public AddConnectionDialog(Shell shell, List<HypervisorDriver> drivers) {
        this(shell, drivers, id -> null);
    }

    /** {@code disabled} says why a driver is disabled for this session ({@code null} if it is not). */
    public AddConnectionDialog(Shell shell, List<HypervisorDriver> drivers, Function<String, String> disabled) {
        super(shell);
        this.drivers = drivers.stream().sorted(Comparator.comparing(HypervisorDriver::name)).toList();
        this.disabled = disabled;
    }

    /** Shows a saved connection to change instead of a new one. */
    public AddConnectionDialog edit(String savedUri, boolean savedAutoconnect) {
        editing = savedUri;
        editingAutoconnect = savedAutoconnect;
        return this;
    }

    /** Whether the connection is to be opened whenever Vireo starts. */
    public boolean autoconnect() {
        return autoconnectChosen;
    }

    public Button autoconnectButton() {
        return autoconnect;
    }

    /** The URI to open, once the dialog closed with Connect. */
    public String uri() {
        return result;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        String title = editing == null ? Messages.ADD_CONNECTION : Messages.EDIT_CONNECTION;
        setTitle(title);
        setMessage(editing == null ? Messages.CHOOSE_A_HYPERVISOR_DRIVER_AND_WHERE
                : NLS.bind(Messages.CHANGE_WHERE_CONNECTS_IT_RECONNECTS_AS, editing));
        getShell().setText(title);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);

        driver = combo(form, Messages.HYPERVISOR);
        drivers.forEach(d -> driver.add(disabled.apply(d.id()) == null ? d.name()
                : NLS.bind(Messages.DISABLED_FOR_THIS_SESSION, d.name(), disabled.apply(d.id()))));
        transport = combo(form, Messages.TRANSPORT);
        host = text(form, Messages.HOST);
        user = text(form, Messages.USER_NAME);
        path = text(form, Messages.PATH);
        uri = text(form, Messages.URI);
        new Label(form, SWT.NONE);
        autoconnect = new Button(form, SWT.CHECK);
        autoconnect.setText(Messages.CONNECT_AUTOMATICALLY_WHEN_VIREO_STARTS);

        Group can = new Group(form, SWT.NONE);
        can.setText(Messages.WHAT_THIS_DRIVER_SUPPORTS);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(can);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(can);
        for (String feature : new String[] { Messages.EVENTS, Messages.BULK_STATISTICS, Messages.SNAPSHOTS,
                Messages.MIGRATION, Messages.MANAGED_SAVE,
                Messages.VOLUME_CREATION, Messages.VNC_CONSOLE, Messages.SPICE_CONSOLE, Messages.SERIAL_CONSOLE }) {
            Button b = new Button(can, SWT.CHECK);
            b.setText(feature);
            // a statement, not a choice: a click does not change it
            b.addListener(SWT.Selection, e -> b.setSelection(b.isEnabled()));
            features.add(b);
        }

        driver.addListener(SWT.Selection, e -> driverChanged());
        transport.addListener(SWT.Selection, e -> updateUri());
        for (Text t : List.of(host, user, path)) {
            t.addListener(SWT.Modify, e -> updateUri());
        }
        int test = drivers.stream().map(HypervisorDriver::id).toList().indexOf("test");
        driver.select(Math.max(test, 0));
        driverChanged();
        if (editing != null) {
            show(editing);
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, Messages.CONNECT, true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        result = uri.getText().strip();
        autoconnectChosen = autoconnect.getSelection();
        super.okPressed();
    }

    public Button connectButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    public Combo driverCombo() {
        return driver;
    }

    public Combo transportCombo() {
        return transport;
    }

    public Text hostText() {
        return host;
    }

    public Text userText() {
        return user;
    }

    public Text uriText() {
        return uri;
    }

    /** The capability check boxes, enabled and ticked for what the chosen driver supports. */
    public List<Button> featureButtons() {
        return features;
    }

    private void driverChanged() {
        HypervisorDriver d = selected();
        transport.removeAll();
        d.transports().stream().sorted(Comparator.comparing((String t) -> !t.equals("local"))).forEach(transport::add);
        transport.select(0);
        // a field the driver lacks is emptied, a declared default filled in, typed text otherwise kept
        Map.of("host", host, "user", user, "path", path).forEach((name, field) -> {
            String declared = d.fields().get(name);
            field.setEnabled(declared != null);
            if (declared == null || !declared.isEmpty()) {
                field.setText(declared == null ? "" : declared);
            }
        });
        Capabilities c = d.capabilities();
        boolean[] supported = { !c.events().isEmpty(), c.bulkStats(), c.snapshots(), c.migration(), c.managedSave(),
                c.volumeCreation(), c.consoles().contains("vnc"), c.consoles().contains("spice"),
                c.consoles().contains("serial") };
        for (int i = 0; i < features.size(); i++) {
            // greyed and unticked where the driver cannot
            features.get(i).setSelection(supported[i]);
            features.get(i).setEnabled(supported[i]);
        }
        updateUri();
    }

    /** scheme[+transport]://[user@]host/path, as libvirt names connections. */
    private void updateUri() {
        HypervisorDriver d = selected();
        String t = transport.getText();
        String authority = host.isEnabled() && !host.getText().isBlank()
                ? (user.isEnabled() && !user.getText().isBlank() ? user.getText().strip() + "@" : "")
                        + host.getText().strip()
                : "";
        String p = path.getText().strip();
        uri.setText(d.schemes().get(0) + (t.isEmpty() || t.equals("local") ? "" : "+" + t) + "://" + authority + "/"
                + (p.startsWith("/") ? p.substring(1) : p));
        setErrorMessage(!t.isEmpty() && !t.equals("local") && !t.equals("unix") && authority.isEmpty()
                ? NLS.bind(Messages.A_CONNECTION_NEEDS_A_HOST, t) : null);
        if (connectButton() != null) {
            connectButton().setEnabled(getErrorMessage() == null);
        }
    }

    /** Fills the fields from a URI, scheme[+transport]://[user@]host/path[?query]; the URI field keeps it whole. */
    private void show(String saved) {
        String scheme = saved.substring(0, Math.max(saved.indexOf(':'), 0));
        String driverScheme = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        for (int i = 0; i < drivers.size(); i++) {
            if (drivers.get(i).schemes().contains(driverScheme)) {
                driver.select(i);
                driverChanged();
            }
        }
        transport.setText(scheme.contains("+") ? scheme.substring(scheme.indexOf('+') + 1) : "local");
        String rest = saved.substring(Math.min(scheme.length() + 3, saved.length()));
        int slash = rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/');
        String authority = rest.substring(0, slash);
        user.setText(authority.contains("@") ? authority.substring(0, authority.indexOf('@')) : "");
        host.setText(authority.substring(authority.indexOf('@') + 1));
        String pathAndQuery = rest.substring(slash);
        path.setText(pathAndQuery.replaceFirst("\\?.*", ""));
        uri.setText(saved); // with its query (socket=, keyfile=...), which the fields do not show
        autoconnect.setSelection(editingAutoconnect);
    }

    private HypervisorDriver selected() {
        return drivers.get(Math.max(driver.getSelectionIndex(), 0));
    }

    private static Combo combo(Composite parent, String label) {
        new Label(parent, SWT.NONE).setText(label);
        Combo combo = new Combo(parent, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
        return combo;
    }

    private static Text text(Composite parent, String label) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(text);
        return text;
    }
}
