package dev.vireo.model;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.SAXException;

/**
 * Every XML parser the model uses, hardened alike: the XML may come from users, plugins or a
 * remote host. No DTDs or external entities, and at most {@link #MAX_DEPTH} nested elements, so a
 * hostile document fails with the parser's line and column instead of overflowing the stack of
 * the code that walks it (DOM, the serializer, the diff).
 */
final class XmlParsers {
    /** libvirt's own documents nest about ten deep; a hundred leaves room for any real one. */
    static final int MAX_DEPTH = 100;
    private static final String MAX_DEPTH_PROPERTY = "jdk.xml.maxElementDepth";

    private XmlParsers() {
    }

    static DocumentBuilder documentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(MAX_DEPTH_PROPERTY, String.valueOf(MAX_DEPTH));
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null); // errors are thrown, not printed
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static SAXParser saxParser() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        SAXParser parser = factory.newSAXParser();
        parser.setProperty(MAX_DEPTH_PROPERTY, String.valueOf(MAX_DEPTH));
        return parser;
    }
}
