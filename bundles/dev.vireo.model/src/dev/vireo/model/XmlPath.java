package dev.vireo.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A feature's place in its object's XML, from the model's {@code path} annotation:
 * {@code name} (text of a child), {@code @type} (attribute), {@code target/@bus}, {@code devices/disk}.
 * Reading never changes the document; writing creates the elements a path needs.
 */
record XmlPath(List<String> steps, String attribute) {
    static final String SOURCE = "https://vireo.dev/xml";
    private static final Map<EStructuralFeature, XmlPath> PATHS = new ConcurrentHashMap<>();

    static XmlPath of(EStructuralFeature feature) {
        return PATHS.computeIfAbsent(feature, f -> {
            String path = EcoreUtil.getAnnotation(f, SOURCE, "path");
            List<String> steps = new ArrayList<>(List.of(path.split("/")));
            String attribute = steps.get(steps.size() - 1).startsWith("@") ? steps.remove(steps.size() - 1).substring(1)
                    : null;
            return new XmlPath(List.copyOf(steps), attribute);
        });
    }

    static Object get(XmlObject object, EStructuralFeature feature) {
        XmlPath path = of(feature);
        if (feature.isMany()) {
            List<Object> values = new ArrayList<>();
            for (Element e : path.all(object.element())) {
                Object value = feature instanceof EReference r ? XmlObject.wrap(r.getEReferenceType(), e)
                        : convert(path.raw(e), feature, e);
                if (value != null) {
                    values.add(value);
                }
            }
            return Collections.unmodifiableList(values);
        }
        Element e = path.first(object.element());
        if (feature.getEType() == EcorePackage.Literals.EBOOLEAN) {
            return e != null; // a flag element such as <readonly/>
        }
        if (e == null) {
            return null;
        }
        return feature instanceof EReference r ? XmlObject.wrap(r.getEReferenceType(), e)
                : convert(path.raw(e), feature, e);
    }

    static void set(XmlObject object, EStructuralFeature feature, Object value) {
        XmlPath path = of(feature);
        if (feature.isMany() && feature instanceof EReference) {
            throw new IllegalArgumentException(feature.getName() + " is a list: add to it or remove from it");
        }
        if (feature.isMany()) {
            setValues(object, path, value == null ? List.of() : (List<?>) value);
            return;
        }
        if (value == null || Boolean.FALSE.equals(value)) {
            unset(object, feature);
        } else if (feature instanceof EReference) {
            unset(object, feature);
            Element parent = path.ensure(object, path.steps.size() - 1);
            Element child = ((XmlObject) value).element();
            parent.appendChild(parent.getOwnerDocument().adoptNode(child));
        } else {
            Element e = path.ensure(object, path.steps.size());
            if (path.attribute != null) {
                e.setAttribute(path.attribute, String.valueOf(value));
            } else if (!Boolean.TRUE.equals(value)) {
                e.setTextContent(String.valueOf(value));
            }
        }
    }

    /**
     * A list of values ({@code <boot dev='hd'/><boot dev='cdrom'/>}): the new elements take the
     * place of the old ones, so their position among their siblings stays what it was.
     */
    private static void setValues(XmlObject object, XmlPath path, List<?> values) {
        List<Element> old = path.all(object.element());
        Element parent = old.isEmpty() ? path.ensure(object, path.steps.size() - 1) : (Element) old.get(0).getParentNode();
        String name = path.steps.get(path.steps.size() - 1);
        List<Element> siblings = children(parent, name);
        Node before = !old.isEmpty() ? old.get(0)
                : siblings.isEmpty() ? null : siblings.get(siblings.size() - 1).getNextSibling();
        for (Object v : values) {
            Element e = parent.getOwnerDocument().createElement(name);
            if (path.attribute != null) {
                e.setAttribute(path.attribute, String.valueOf(v));
            } else {
                e.setTextContent(String.valueOf(v));
            }
            parent.insertBefore(e, before);
        }
        old.forEach(parent::removeChild);
    }

    static void unset(XmlObject object, EStructuralFeature feature) {
        XmlPath path = of(feature);
        Element e = path.first(object.element());
        if (e == null) {
            return;
        }
        if (path.attribute != null) {
            e.removeAttribute(path.attribute);
        } else if (e != object.element()) {
            e.getParentNode().removeChild(e);
        }
    }

    /** Adds a new element for a list feature, after its last sibling of the same name. */
    static XmlObject add(XmlObject object, EReference feature) {
        XmlPath path = of(feature);
        Element parent = path.ensure(object, path.steps.size() - 1);
        String name = path.steps.get(path.steps.size() - 1);
        Element child = parent.getOwnerDocument().createElement(name);
        List<Element> siblings = children(parent, name);
        Node before = siblings.isEmpty() ? null : siblings.get(siblings.size() - 1).getNextSibling();
        parent.insertBefore(child, before);
        return XmlObject.wrap(feature.getEReferenceType(), child);
    }

    /** The element a single-valued path leads to (the object's own for an attribute of it), or null. */
    Element first(Element from) {
        Element e = from;
        for (String step : steps) {
            e = child(e, step);
            if (e == null) {
                return null;
            }
        }
        return e;
    }

    /** Every element the last step matches, under the first match of the steps before it. */
    List<Element> all(Element from) {
        if (steps.isEmpty()) {
            return List.of(from);
        }
        Element e = from;
        for (String step : steps.subList(0, steps.size() - 1)) {
            e = child(e, step);
            if (e == null) {
                return List.of();
            }
        }
        return children(e, steps.get(steps.size() - 1));
    }

    private Element ensure(XmlObject object, int depth) {
        Element e = object.element();
        for (String step : steps.subList(0, depth)) {
            Element next = child(e, step);
            if (next == null) {
                // appended after what is there, as virt-manager does; libvirt does not mind the order
                next = e.getOwnerDocument().createElement(step);
                e.appendChild(next);
            }
            e = next;
        }
        return e;
    }

    private String raw(Element e) {
        if (attribute != null) {
            return e.hasAttribute(attribute) ? e.getAttribute(attribute) : null;
        }
        return e.getTextContent().strip();
    }

    private static Object convert(String raw, EStructuralFeature feature, Element where) {
        if (raw == null) {
            return null;
        }
        EDataType type = (EDataType) feature.getEType();
        try {
            if (type == EcorePackage.Literals.EINT) {
                return Integer.valueOf(raw);
            }
            if (type == EcorePackage.Literals.ELONG) {
                return Long.valueOf(raw);
            }
            return raw;
        } catch (NumberFormatException e) {
            throw new BadValueException(((EClass) feature.eContainer()).getName() + "." + feature.getName()
                    + " must be a whole number, not '" + raw + "'", where);
        }
    }

    static Element child(Element parent, String name) {
        return Elements.child(parent, name);
    }

    static List<Element> children(Element parent, String name) {
        return Elements.children(parent, name);
    }

    /** A value that does not fit its feature's type, and the element it stands in. */
    static final class BadValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final transient Element element;

        BadValueException(String message, Element element) {
            super(message);
            this.element = element;
        }
    }
}
