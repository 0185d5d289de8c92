package dev.vireo.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.junit.jupiter.api.Test;

import dev.vireo.model.LibvirtModel;
import dev.vireo.ui.editors.DomainEditor;

/**
 * The text a user sees comes from message bundles: each message class's fields and its
 * messages.properties name the same keys, and every plugin.xml text of Vireo's bundles, read
 * through the extension registry, was found in the bundle's localization.
 */
class MessagesTest {

    @Test
    void everyMessageHasTextAndEveryTextAMessage() throws Exception {
        for (Class<?> messages : List.of(dev.vireo.ui.Messages.class, dev.vireo.app.Messages.class,
                dev.vireo.plugins.Messages.class, dev.vireo.api.Messages.class, dev.vireo.connection.Messages.class,
                dev.vireo.monitor.Messages.class, dev.vireo.operations.Messages.class, dev.vireo.driver.Messages.class,
                dev.vireo.osinfo.Messages.class)) {
            Set<String> fields = Arrays.stream(messages.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                    .map(Field::getName).collect(Collectors.toCollection(TreeSet::new));
            Properties texts = new Properties();
            try (InputStream in = messages.getResourceAsStream("messages.properties")) {
                texts.load(in);
            }
            assertEquals(fields, new TreeSet<>(texts.stringPropertyNames()), messages.getName());
            for (String field : fields) {
                assertEquals(texts.getProperty(field), messages.getField(field).get(null), messages.getName() + "."
                        + field);
            }
        }
    }

    @Test
    void everyAttributeOfTheModelHasAFieldLabel() throws Exception {
        Properties labels = new Properties();
        try (InputStream in = DomainEditor.class.getResourceAsStream("fields.properties")) {
            labels.load(in);
        }
        List<String> missing = new ArrayList<>();
        for (EClassifier c : LibvirtModel.PACKAGE.getEClassifiers()) {
            if (c instanceof EClass type) {
                type.getEAttributes().stream().map(EAttribute::getName).filter(n -> !labels.containsKey(n))
                        .forEach(missing::add);
            }
        }
        assertEquals(List.of(), missing, "fields.properties lacks these attributes' labels");
        assertEquals("Target bus", labels.getProperty("targetBus"));
    }

    @Test
    void pluginXmlTextIsTranslated() {
        List<String> untranslated = new ArrayList<>();
        int texts = 0;
        for (String point : List.of("org.eclipse.ui.commands", "org.eclipse.ui.views", "org.eclipse.ui.menus",
                "org.eclipse.ui.editors", "dev.vireo.driver.drivers")) {
            for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(point)) {
                texts += check(e, untranslated);
            }
        }
        assertTrue(texts > 50, "found the text: " + texts);
        assertEquals(List.of(), untranslated);
    }

    private static int check(IConfigurationElement e, List<String> untranslated) {
        int texts = 0;
        if (e.getContributor().getName().startsWith("dev.vireo.")) {
            for (String attribute : List.of("label", "name", "description", "tooltip")) {
                String value = e.getAttribute(attribute);
                if (value != null) {
                    texts++;
                    if (value.startsWith("%")) {
                        untranslated.add(e.getContributor().getName() + " " + e.getName() + " " + attribute + "="
                                + value);
                    }
                }
            }
        }
        for (IConfigurationElement child : e.getChildren()) {
            texts += check(child, untranslated);
        }
        return texts;
    }
}
