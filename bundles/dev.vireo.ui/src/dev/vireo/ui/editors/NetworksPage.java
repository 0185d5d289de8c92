package dev.vireo.ui.editors;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;

import dev.vireo.api.ObjectKind;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CachedObject;
import dev.vireo.operations.NetworkOperations;
import dev.vireo.ui.Messages;
import dev.vireo.ui.dialogs.FormDialog;

/** The host's virtual networks: list from the cache; create NAT, routed or isolated ones; start, stop, delete. */
public class NetworksPage {
    private final HostEditor editor;
    private final Composite control;
    private final Table table;

    NetworksPage(HostEditor editor, Composite parent) {
        this.editor = editor;
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(control);
        table = HostEditor.table(control, Messages.NAME_160, Messages.STATE_90, Messages.MODE_90, Messages.BRIDGE_100,
                Messages.IPV4_NETWORK);
        Composite buttons = new Composite(control, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(buttons);
        GridDataFactory.fillDefaults().applyTo(buttons);
        HostEditor.button(buttons, Messages.ADD_NETWORK, this::openCreateDialog);
        HostEditor.button(buttons, Messages.START, () -> act(Messages.NETWORK_STARTING, operations()::start));
        HostEditor.button(buttons, Messages.S_TOP, () -> act(Messages.NETWORK_STOPPING, operations()::stop));
        HostEditor.button(buttons, Messages.AUTOSTART_ON, () -> act(Messages.NETWORK_AUTOSTART,
                k -> operations().setAutostart(k, true)));
        HostEditor.button(buttons, Messages.DELETE_NETWORK, () -> {
            String key = HostEditor.selectedKey(table);
            if (key != null && editor.confirmDelete(NLS.bind(Messages.THE_NETWORK,
                    table.getSelection()[0].getText(0)))) {
                deleteSelected();
            }
        });
        refresh();
    }

    Control control() {
        return control;
    }

    public Table table() {
        return table;
    }

    void refresh() {
        List<CachedObject> networks = editor.monitor().objects(ObjectKind.NETWORK).all().stream()
                .sorted(Comparator.comparing(CachedObject::name)).toList();
        HostEditor.fill(table, networks, CachedObject::key, n -> {
            XmlObject xml = HostEditor.parse(n.xml());
            XmlObject ip = xml == null || xml.list("ips").isEmpty() ? null : xml.<XmlObject>list("ips").get(0);
            return new String[] { n.name(), n.active() ? "active" : "inactive",
                    xml == null ? "" : xml.string("forwardMode") == null ? "isolated" : xml.string("forwardMode"),
                    xml == null || xml.string("bridgeName") == null ? "" : xml.string("bridgeName"),
                    ip == null ? "" : ip.string("address") + "/" + (ip.get("prefix") != null ? ip.get("prefix")
                            : ip.string("netmask")) };
        });
    }

    /** Selects the row of the network with this name. */
    public void select(String name) {
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getText(0).equals(name)) {
                table.setSelection(i);
            }
        }
    }

    private NetworkOperations operations() {
        return new NetworkOperations(editor.monitor());
    }

    /** A change to the selected network, given its key. */
    private CompletableFuture<Void> act(String pattern, Function<String, CompletableFuture<Void>> change) {
        String key = HostEditor.selectedKey(table);
        if (key == null) {
            return CompletableFuture.completedFuture(null);
        }
        String name = editor.monitor().objects(ObjectKind.NETWORK).get(key).name();
        return editor.run(NLS.bind(pattern, name), () -> change.apply(key));
    }

    /** Stops (if active) and undefines the selected network. */
    public CompletableFuture<Void> deleteSelected() {
        return act(Messages.NETWORK_DELETING, operations()::delete);
    }

    private void openCreateDialog() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(Messages.NAME_2, "network" + (table.getItemCount() + 1));
        form.put(Messages.MODE, "nat|route|isolated");
        form.put(Messages.IPV4_ADDRESS_PREFIX, "192.168." + (100 + table.getItemCount()) + ".1/24");
        FormDialog dialog = new FormDialog(control.getShell(), Messages.NEW_VIRTUAL_NETWORK,
                Messages.THE_NETWORK_IS_DEFINED_STARTED_AND, form);
        if (dialog.open() == Window.OK) {
            create(dialog.values().get(Messages.NAME_2), dialog.values().get(Messages.MODE),
                    dialog.values().get(Messages.IPV4_ADDRESS_PREFIX));
        }
    }

    /** Defines, starts and autostarts a network; {@code mode} nat, route or isolated; DHCP for the rest of a /24. */
    public CompletableFuture<String> create(String name, String mode, String addressSlashPrefix) {
        return editor.run(NLS.bind(Messages.CREATING_NETWORK, name), () -> operations().create(name, mode,
                addressSlashPrefix));
    }
}
