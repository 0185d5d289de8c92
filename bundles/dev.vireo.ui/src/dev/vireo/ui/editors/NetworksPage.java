package dev.vireo.ui.editors;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;

import dev.vireo.libvirt.LibvirtConnection;
import dev.vireo.libvirt.ObjectKind;
import dev.vireo.model.LibvirtModel;
import dev.vireo.model.XmlObject;
import dev.vireo.monitor.CachedObject;
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
        table = HostEditor.table(control, "Name:160", "State:90", "Mode:90", "Bridge:100", "IPv4 network:200");
        Composite buttons = new Composite(control, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(buttons);
        GridDataFactory.fillDefaults().applyTo(buttons);
        HostEditor.button(buttons, "&Add Network...", this::openCreateDialog);
        HostEditor.button(buttons, "&Start", () -> act("Starting", (l, k) -> l.objects().start(ObjectKind.NETWORK, k)));
        HostEditor.button(buttons, "S&top", () -> act("Stopping", (l, k) -> l.objects().stop(ObjectKind.NETWORK, k)));
        HostEditor.button(buttons, "Autostart &On", () -> act("Setting autostart of", (l, k) -> l.objects().setAutostart(ObjectKind.NETWORK, k, true)));
        HostEditor.button(buttons, "&Delete", () -> {
            String key = HostEditor.selectedKey(table);
            if (key != null && editor.confirmDelete("the network " + table.getSelection()[0].getText(0))) {
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
                    ip == null ? "" : ip.string("address") + "/" + (ip.get("prefix") != null ? ip.get("prefix") : ip.string("netmask")) };
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

    private CompletableFuture<Void> act(String verb, BiConsumer<LibvirtConnection, String> call) {
        String key = HostEditor.selectedKey(table);
        if (key == null) {
            return CompletableFuture.completedFuture(null);
        }
        String name = editor.monitor().objects(ObjectKind.NETWORK).get(key).name();
        return editor.run(verb + " network " + name, libvirt -> {
            call.accept(libvirt, key);
            return null;
        });
    }

    /** Stops (if active) and undefines the selected network. */
    public CompletableFuture<Void> deleteSelected() {
        return act("Deleting", (l, k) -> {
            if (editor.monitor().objects(ObjectKind.NETWORK).get(k).active()) {
                l.objects().stop(ObjectKind.NETWORK, k);
            }
            l.objects().undefine(ObjectKind.NETWORK, k);
        });
    }

    private void openCreateDialog() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Name", "network" + (table.getItemCount() + 1));
        form.put("Mode", "nat|route|isolated");
        form.put("IPv4 address/prefix", "192.168." + (100 + table.getItemCount()) + ".1/24");
        FormDialog dialog = new FormDialog(control.getShell(), "New Virtual Network",
                "The network is defined, started and set to start with the host.", form);
        if (dialog.open() == Window.OK) {
            create(dialog.values().get("Name"), dialog.values().get("Mode"), dialog.values().get("IPv4 address/prefix"));
        }
    }

    /** Defines and starts a network; {@code mode} nat, route or isolated; DHCP for the rest of a /24. */
    public CompletableFuture<String> create(String name, String mode, String addressSlashPrefix) {
        XmlObject network = LibvirtModel.create("Network");
        network.set("name", name);
        if (!"isolated".equals(mode)) {
            network.set("forwardMode", mode);
        }
        String[] parts = addressSlashPrefix.split("/");
        XmlObject ip = network.add("ips");
        ip.set("address", parts[0]);
        ip.set("prefix", Integer.valueOf(parts.length > 1 ? parts[1] : "24"));
        if (parts.length < 2 || "24".equals(parts[1])) {
            String base = parts[0].substring(0, parts[0].lastIndexOf('.') + 1);
            ip.set("dhcpStart", base + "2").set("dhcpEnd", base + "254");
        }
        String xml = LibvirtModel.save(network);
        return editor.run("Creating network " + name, libvirt -> {
            String key = libvirt.objects().define(ObjectKind.NETWORK, xml);
            libvirt.objects().start(ObjectKind.NETWORK, key);
            libvirt.objects().setAutostart(ObjectKind.NETWORK, key, true);
            return key;
        });
    }
}
