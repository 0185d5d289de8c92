package dev.vireo.ui.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

/**
 * What the Properties view shows for a selected row: values read from the cache when the row is
 * selected, grouped in categories, read-only (editing is the editors' work). No libvirt call.
 */
final class CacheProperties implements IPropertySource {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<IPropertyDescriptor> descriptors = new ArrayList<>();

    /** Adds a row; a {@code null} value is left out (not known yet, e.g. before the XML arrived). */
    CacheProperties add(String category, String name, Object value) {
        if (value != null) {
            String id = category + "/" + name;
            PropertyDescriptor d = new PropertyDescriptor(id, name);
            d.setCategory(category);
            descriptors.add(d);
            values.put(id, value);
        }
        return this;
    }

    @Override
    public Object getEditableValue() {
        return this;
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        return descriptors.toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        return values.get(id);
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
    }
}
