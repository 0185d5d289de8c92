package dev.vireo.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes libvirt's XML documents as objects of the model in {@code model/libvirt.ecore}.
 * A document of any kind the model knows (domain, network, pool, volume, node device, secret,
 * capabilities, domain capabilities, snapshot, a test-driver node, a single device) is recognised
 * by its root element.
 */
public final class LibvirtModel {
    /** The model, loaded once from the bundle's {@code model/libvirt.ecore}. */
    public static final EPackage PACKAGE = loadPackage();
    private static final Map<String, EClass> ROOTS = roots();
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(XmlParsers::documentBuilder);

    private LibvirtModel() {
    }

    public static EClass eClass(String name) {
        return (EClass) PACKAGE.getEClassifier(name);
    }

    /**
     * Reads a document. Malformed XML, an unknown root element or a value of the wrong type (a
     * memory size that is not a number...) fail with the line and column, nothing half-read.
     */
    public static XmlObject load(String xml) throws ModelException {
        Document document;
        try {
            document = BUILDERS.get().parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new ModelException("Line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                    + e.getMessage(), e);
        } catch (SAXException | IOException | RuntimeException e) {
            // the parser failed inside itself ("Scanner State 24 not Recognized" for a DOCTYPE in
            // content): it is not reused, and the position comes from reading the document again
            BUILDERS.remove();
            throw new ModelException(failurePosition(xml) + ": " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        EClass eClass = ROOTS.get(root.getTagName());
        if (eClass == null) {
            throw new ModelException("Line 1: <" + root.getTagName() + "> is no libvirt document this model knows; "
                    + "expected one of " + ROOTS.keySet(), null);
        }
        Element reserved = withReservedAttribute(root);
        if (reserved != null) {
            throw new ModelException(position(xml, reserved) + ", <" + reserved.getTagName() + ">: an attribute "
                    + "named like a namespace declaration (xmlns...) without being one; XML reserves such names", null);
        }
        XmlObject object = XmlObject.wrap(eClass, root);
        try {
            check(object);
        } catch (XmlPath.BadValueException e) {
            throw new ModelException(position(xml, e.element) + ", <" + e.element.getTagName() + ">: "
                    + e.getMessage(), e);
        }
        return object;
    }

    /** Writes an object's document (or, for an object inside one, its element) as XML. */
    public static String save(XmlObject object) {
        return save(object.element());
    }

    /** Writes one element of a document as XML, e.g. a device of a domain. */
    public static String save(Element element) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    /** A new, empty document of a root class, e.g. {@code create("Domain")} for {@code <domain/>}. */
    public static XmlObject create(String className) {
        EClass eClass = eClass(className);
        Document document = BUILDERS.get().newDocument();
        Element root = document.createElement(EcoreUtil.getAnnotation(eClass, XmlPath.SOURCE, "element"));
        document.appendChild(root);
        return XmlObject.wrap(eClass, root);
    }

    /** An independent copy to edit, e.g. of a domain the cache holds (which must not be edited in place). */
    public static XmlObject copy(XmlObject object) {
        Document document = BUILDERS.get().newDocument();
        document.appendChild(document.importNode(object.element(), true));
        return XmlObject.wrap(object.eClass(), document.getDocumentElement());
    }

    /** Reads every typed value once, so a document with a wrong value fails now, not when shown. */
    private static void check(XmlObject object) {
        for (EStructuralFeature f : object.eClass().getEAllStructuralFeatures()) {
            Object value = object.eGet(f);
            if (f instanceof EReference && value != null) {
                if (f.isMany()) {
                    for (Object child : (Iterable<?>) value) {
                        check((XmlObject) child);
                    }
                } else {
                    check((XmlObject) value);
                }
            }
        }
    }

    /**
     * The first element with an attribute such as {@code xmlnsq}: the parser reads it as a plain
     * attribute, but the JDK's serializer takes it for a namespace declaration and drops it, so the
     * document could not be written as it was read.
     */
    private static Element withReservedAttribute(Element e) {
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            if (a.getNodeName().startsWith(XMLConstants.XMLNS_ATTRIBUTE)
                    && !XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                return e;
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            Element found = n instanceof Element child ? withReservedAttribute(child) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** "Line L, column C" of an element's start tag: the document is read once more, only on error. */
    private static String position(String xml, Element wanted) {
        int index = 0;
        for (Node n = wanted; n != null; n = previousInDocumentOrder(n)) {
            if (n instanceof Element) {
                index++;
            }
        }
        int target = index;
        String[] found = { "Line ?" };
        try {
            XmlParsers.saxParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler() {
                private Locator locator;
                private int seen;

                @Override
                public void setDocumentLocator(Locator l) {
                    locator = l;
                }

                @Override
                public void startElement(String uri, String local, String qName, Attributes attributes) {
                    if (++seen == target) {
                        found[0] = "Line " + locator.getLineNumber() + ", column " + locator.getColumnNumber();
                    }
                }
            });
        } catch (SAXException | IOException | ParserConfigurationException e) {
            // the document parsed a moment ago; without a position the message still names the element
        }
        return found[0];
    }

    /** "Line L, column C" where a parser stops reading a document it fails on. */
    private static String failurePosition(String xml) {
        Locator[] locator = new Locator[1];
        try {
            XmlParsers.saxParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler() {
                @Override
                public void setDocumentLocator(Locator l) {
                    locator[0] = l;
                }
            });
        } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
            // expected: the same document fails here too, and the locator says where
        }
        return locator[0] == null ? "Line 1, column 1"
                : "Line " + locator[0].getLineNumber() + ", column " + locator[0].getColumnNumber();
    }

    private static Node previousInDocumentOrder(Node n) {
        Node previous = n.getPreviousSibling();
        if (previous == null) {
            return n.getParentNode();
        }
        while (previous.getLastChild() != null) {
            previous = previous.getLastChild();
        }
        return previous;
    }

    private static EPackage loadPackage() {
        Resource resource = new EcoreResourceFactoryImpl().createResource(URI.createURI("libvirt.ecore"));
        try (InputStream in = LibvirtModel.class.getResourceAsStream("/model/libvirt.ecore")) {
            resource.load(in, Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read model/libvirt.ecore", e);
        }
        return (EPackage) resource.getContents().get(0);
    }

    private static Map<String, EClass> roots() {
        Map<String, EClass> roots = new TreeMap<>();
        for (EClassifier c : PACKAGE.getEClassifiers()) {
            if ("true".equals(EcoreUtil.getAnnotation(c, XmlPath.SOURCE, "root"))) {
                roots.put(EcoreUtil.getAnnotation(c, XmlPath.SOURCE, "element"), (EClass) c);
            }
        }
        return roots;
    }
}
