package dev.vireo.model;

import java.util.Arrays;
import java.util.List;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.impl.ENotificationImpl;
import org.eclipse.emf.ecore.impl.MinimalEObjectImpl;
import org.w3c.dom.Element;

/**
 * An object of the libvirt model (a domain, a disk, a network...) whose features live in its XML
 * element. Reading a feature reads the element; setting one changes just that part of it. What
 * the model does not know (elements, attributes, namespaced metadata) stays in the element
 * untouched, so an edit never loses it. Works with EMF's reflective API and notifications.
 */
public final class XmlObject extends MinimalEObjectImpl.Container {
    private static final String WRAPPER = "dev.vireo.model.XmlObject";
    private final Element element;

    private XmlObject(EClass eClass, Element element) {
        eSetClass(eClass);
        this.element = element;
        element.setUserData(WRAPPER, this, null);
    }

    /** The one object for an element, so the same element always gives the same object. */
    static XmlObject wrap(EClass eClass, Element element) {
        return element.getUserData(WRAPPER) instanceof XmlObject o && o.eClass() == eClass ? o
                : new XmlObject(eClass, element);
    }

    public Element element() {
        return element;
    }

    @Override
    public Object eGet(EStructuralFeature feature, boolean resolve, boolean coreType) {
        return XmlPath.get(this, feature);
    }

    @Override
    public void eSet(EStructuralFeature feature, Object value) {
        Object old = eNotificationRequired() ? eGet(feature) : null;
        XmlPath.set(this, feature, value);
        if (eNotificationRequired()) {
            eNotify(new ENotificationImpl(this, Notification.SET, feature, old, value));
        }
    }

    @Override
    public boolean eIsSet(EStructuralFeature feature) {
        Object value = eGet(feature);
        return feature.isMany() ? !((List<?>) value).isEmpty() : value != null && !Boolean.FALSE.equals(value);
    }

    @Override
    public void eUnset(EStructuralFeature feature) {
        eSet(feature, null);
    }

    // --- by feature name, for code that knows the model -----------------------------------

    public Object get(String feature) {
        return eGet(feature(feature));
    }

    public String string(String feature) {
        return (String) get(feature);
    }

    public XmlObject object(String feature) {
        return (XmlObject) get(feature);
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> list(String feature) {
        return (List<T>) get(feature);
    }

    public XmlObject set(String feature, Object value) {
        eSet(feature(feature), value);
        return this;
    }

    /** Sets an attribute from text as a person or a plugin declaration writes it ("5900", "a, b"). */
    public XmlObject setText(String feature, String text) {
        return set(feature, valueOf((EAttribute) feature(feature), text));
    }

    /**
     * The value {@code text} stands for in {@code attribute}: a number for a number, a list for a list
     * (comma-separated), {@code null} for empty text; {@link NumberFormatException} if it is no number.
     */
    public static Object valueOf(EAttribute attribute, String text) {
        if (attribute.isMany()) {
            return text.isEmpty() ? List.of() : Arrays.stream(text.split("\\s*,\\s*")).toList();
        }
        if (text.isEmpty()) {
            return null;
        }
        Class<?> type = attribute.getEAttributeType().getInstanceClass();
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(text);
        }
        if (type == long.class || type == Long.class) {
            return Long.valueOf(text);
        }
        return text;
    }

    /** Adds a new, empty object to a list feature (e.g. a disk to {@code disks}) and returns it. */
    public XmlObject add(String feature) {
        return XmlPath.add(this, (EReference) feature(feature));
    }

    /** Takes this object out of the document it is in (e.g. removes a device). */
    public void remove() {
        if (element.getParentNode() != null) {
            element.getParentNode().removeChild(element);
        }
    }

    private EStructuralFeature feature(String name) {
        EStructuralFeature f = eClass().getEStructuralFeature(name);
        if (f == null) {
            throw new IllegalArgumentException(eClass().getName() + " has no feature '" + name + "'");
        }
        return f;
    }

    @Override
    public String toString() {
        return eClass().getName() + "<" + element.getTagName() + ">";
    }
}
