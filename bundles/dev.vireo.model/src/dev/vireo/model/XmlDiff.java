package dev.vireo.model;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Compares two XML documents as libvirt reads them: the same elements in the same order, the same
 * attributes (in any order) and values, the same text; whitespace between elements, comments,
 * quote style and namespace prefixes do not count.
 */
public final class XmlDiff {
    private XmlDiff() {
    }

    /** The first difference, as a path and what differs there; {@code null} if the documents are the same. */
    public static String firstDifference(String expected, String actual) throws ModelException {
        Element a = parse(expected);
        return compare(a, parse(actual), "/" + a.getTagName());
    }

    private static String compare(Element a, Element b, String path) {
        if (!same(a.getNamespaceURI(), b.getNamespaceURI()) || !a.getLocalName().equals(b.getLocalName())) {
            return path + ": <" + a.getTagName() + "> became <" + b.getTagName() + ">";
        }
        Map<String, String> aAttributes = attributes(a);
        Map<String, String> bAttributes = attributes(b);
        if (!aAttributes.equals(bAttributes)) {
            return path + ": attributes " + aAttributes + " became " + bAttributes;
        }
        if (!text(a).equals(text(b))) {
            return path + ": text '" + text(a) + "' became '" + text(b) + "'";
        }
        List<Element> aChildren = children(a);
        List<Element> bChildren = children(b);
        for (int i = 0; i < Math.min(aChildren.size(), bChildren.size()); i++) {
            String childPath = path + "/" + aChildren.get(i).getTagName() + "[" + (i + 1) + "]";
            String difference = compare(aChildren.get(i), bChildren.get(i), childPath);
            if (difference != null) {
                return difference;
            }
        }
        if (aChildren.size() != bChildren.size()) {
            List<Element> longer = aChildren.size() > bChildren.size() ? aChildren : bChildren;
            Element extra = longer.get(Math.min(aChildren.size(), bChildren.size()));
            return path + ": <" + extra.getTagName() + "> " + (longer == aChildren ? "is missing" : "was added");
        }
        return null;
    }

    private static Map<String, String> attributes(Element e) {
        Map<String, String> result = new TreeMap<>();
        NamedNodeMap all = e.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Attr a = (Attr) all.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                result.put((a.getNamespaceURI() == null ? "" : "{" + a.getNamespaceURI() + "}") + a.getLocalName(),
                        a.getValue());
            }
        }
        return result;
    }

    private static String text(Element e) {
        StringBuilder s = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                s.append(n.getNodeValue());
            }
        }
        return s.toString().strip();
    }

    private static List<Element> children(Element e) {
        List<Element> result = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                result.add(child);
            }
        }
        return result;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static Element parse(String xml) throws ModelException {
        try {
            return XmlParsers.documentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new ModelException(e.getMessage(), e);
        }
    }
}
