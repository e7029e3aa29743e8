package io.flexhub.usef.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamReader;

/**
 * Translates UFTP 3.x messages (namespace-less XML, as defined by UFTP.xsd) to NGSI-LD entities in normalized
 * JSON-LD and back. See docs/jsonld-mapping.md for the mapping rules.
 *
 * <p>Instances are immutable and thread-safe; create one per context URL and share it. The XML given to
 * {@link #toJsonLd(byte[])} is expected to have been validated against the official XSD already; the translator
 * still rejects anything it cannot map faithfully with a {@link MappingException} naming the spot. DTDs are not
 * supported at all, so DOCTYPE, external entity and entity-expansion attacks are refused before any expansion
 * or I/O happens.
 */
public final class UftpJsonLdMapper {

    /** The NGSI-LD core context, listed last so that its protected terms keep their meaning. */
    public static final String NGSI_LD_CORE_CONTEXT =
            "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

    /** Classpath location of the context document defining the UFTP terms; serve it at the context URL. */
    public static final String CONTEXT_RESOURCE = "/ngsi-ld/uftp-context.jsonld";

    private final String contextUrl;
    private final XmlToJsonLd xmlToJsonLd;
    private final JsonLdToXml jsonLdToXml;

    /**
     * @param contextUrl the URL at which the hub serves {@link #CONTEXT_RESOURCE}; it becomes the first entry
     *     of every entity's {@code @context}
     */
    public UftpJsonLdMapper(String contextUrl) {
        this.contextUrl = Objects.requireNonNull(contextUrl, "contextUrl");
        JsonFactory jsonFactory = new JsonFactory();
        this.xmlToJsonLd = new XmlToJsonLd(hardenedXmlInput(), jsonFactory, contextUrl, NGSI_LD_CORE_CONTEXT);
        this.jsonLdToXml = new JsonLdToXml(jsonFactory, XMLOutputFactory.newFactory());
    }

    public String contextUrl() {
        return contextUrl;
    }

    /**
     * UFTP XML to one NGSI-LD entity in normalized JSON-LD (UTF-8), with the {@code @context} inline.
     *
     * @throws MappingException if the XML is not well-formed, has a DOCTYPE, or does not fit the UFTP schema
     */
    public byte[] toJsonLd(byte[] uftpXml) {
        return xmlToJsonLd.translate(uftpXml);
    }

    /**
     * As {@link #toJsonLd(byte[])}, reading from a reader the caller opened, e.g. one that validates the document
     * against the XSD while the translation reads it, so the document is parsed once. The caller's reader must
     * refuse a DOCTYPE as this mapper's own does; whatever unchecked exception it throws comes through unchanged.
     *
     * @param sizeHint the document's length in bytes, to size the output
     */
    public byte[] toJsonLd(XMLStreamReader uftpXml, int sizeHint) {
        return xmlToJsonLd.translate(uftpXml, sizeHint);
    }

    /**
     * One NGSI-LD entity (normalized, concise or keyValues; {@code @context} inline, absent or anything) to UFTP
     * XML (UTF-8, no namespace, attributes in XSD order).
     *
     * @throws MappingException if the JSON is malformed or the entity cannot form a schema-valid UFTP message
     */
    public byte[] toUftpXml(byte[] jsonLd) {
        return jsonLdToXml.translate(jsonLd);
    }

    /** The message type of a UFTP XML document, read from its root element only. */
    public UftpMessageType messageTypeOfXml(byte[] uftpXml) {
        return xmlToJsonLd.messageType(uftpXml);
    }

    /** The message type of an NGSI-LD entity, read from its {@code type} (or, failing that, its {@code id}). */
    public UftpMessageType messageTypeOfJsonLd(byte[] jsonLd) {
        return jsonLdToXml.messageType(jsonLd);
    }

    /**
     * StAX without DTD support: a DOCTYPE surfaces as an event the translator refuses before reading on, and no
     * entity is ever declared, so nothing can be expanded or fetched. The resolver is a second lock should a StAX
     * implementation ignore the flags.
     */
    private static XMLInputFactory hardenedXmlInput() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Replacing stays on: with nothing declared, any non-predefined reference is then an error. Switched off,
        // Woodstox silently drops an undeclared reference inside an attribute value.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external resources are not allowed: " + systemId);
        });
        if (factory.isPropertySupported(XMLConstants.ACCESS_EXTERNAL_DTD)) {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        }
        return factory;
    }
}
