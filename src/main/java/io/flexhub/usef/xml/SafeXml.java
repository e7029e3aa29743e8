package io.flexhub.usef.xml;

import com.ctc.wstx.stax.WstxInputFactory;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.codehaus.stax2.XMLInputFactory2;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Hardened JAXP factories for everything in the hub that parses XML: no DOCTYPE, no external entities, no
 * fetching of DTDs or schemas. All of them are the JDK's built-in implementations on purpose: the classpath
 * also carries Woodstox (via jackson-dataformat-xml), whose lookup would otherwise win for StAX, and whose
 * feature set and limits differ (e.g. a 512 KiB attribute cap that a large {@code Body} can hit). The one
 * exception is {@link #newWoodstoxInputFactory()}, for payloads validated while they are read (payload attributes
 * are short).
 *
 * <p>Factories are returned new: configure-once-then-share is fine, but mutating a shared one is not.
 */
public final class SafeXml {

    // The same parser features for SAX and DOM; disallow-doctype-decl alone would do, the rest is belt and braces.
    private static final Map<String, Boolean> PARSER_FEATURES = Map.of(
            XMLConstants.FEATURE_SECURE_PROCESSING, true,
            "http://apache.org/xml/features/disallow-doctype-decl", true,
            "http://xml.org/sax/features/external-general-entities", false,
            "http://xml.org/sax/features/external-parameter-entities", false,
            "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);

    private SafeXml() {
    }

    /**
     * StAX without DTD support. The JDK reader still reports a DOCTYPE as a {@code DTD} event (without expanding
     * anything), so callers that must refuse one check for that event, as {@link XmlRoot} does.
     */
    public static XMLInputFactory newXmlInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    /**
     * Woodstox StAX without DTD support: a DOCTYPE surfaces as an event for the reader's caller to refuse, and no
     * entity is ever declared, so nothing can be expanded or fetched; the resolver is a second lock. Woodstox, not
     * the JDK's StAX, because only Woodstox validates against a schema while it reads (stax2
     * {@code validateAgainst}). The mapping package keeps a twin of these settings, because it may depend on
     * nothing of the hub (UftpMappingArchitectureTest).
     */
    public static XMLInputFactory2 newWoodstoxInputFactory() {
        XMLInputFactory2 factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Replacing stays on: with nothing declared, any non-predefined reference is then an error. Switched off,
        // Woodstox silently drops an undeclared reference inside an attribute value.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        if (factory.isPropertySupported(XMLConstants.ACCESS_EXTERNAL_DTD)) {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        }
        return factory;
    }

    /** Namespace-aware SAX that fails on any DOCTYPE. */
    public static SAXParserFactory newSaxParserFactory() {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        try {
            for (Map.Entry<String, Boolean> feature : PARSER_FEATURES.entrySet()) {
                factory.setFeature(feature.getKey(), feature.getValue());
            }
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("JDK SAX parser lacks a hardening feature", e);
        }
        return factory;
    }

    /** A new hardened reader; readers are not thread-safe, so one per parse or per thread. */
    public static XMLReader newXmlReader() {
        try {
            var parser = newSaxParserFactory().newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser.getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot create a hardened SAX parser", e);
        }
    }

    /** DOM that fails on any DOCTYPE. */
    public static DocumentBuilderFactory newDocumentBuilderFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            for (Map.Entry<String, Boolean> feature : PARSER_FEATURES.entrySet()) {
                factory.setFeature(feature.getKey(), feature.getValue());
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("JDK DOM parser lacks a hardening feature", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    /**
     * W3C XML Schema factory that may not fetch anything itself: includes must come from a resource resolver
     * (see {@link UftpXsd}).
     */
    public static SchemaFactory newSchemaFactory() {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("JDK schema factory lacks a hardening property", e);
        }
        return factory;
    }

    /** Stops a validator from following {@code xsi:schemaLocation} or a DTD of the instance document. */
    public static Validator harden(Validator validator) {
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("JDK validator lacks a hardening property", e);
        }
        return validator;
    }
}
