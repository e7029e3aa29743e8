package io.flexhub.usef.mapping;

import static javax.xml.stream.XMLStreamConstants.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.flexhub.usef.mapping.UftpSchema.AttributeSpec;
import io.flexhub.usef.mapping.UftpSchema.ChildSpec;
import io.flexhub.usef.mapping.UftpSchema.ElementSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * UFTP XML to NGSI-LD JSON-LD in one streaming pass: StAX events in, JsonGenerator calls out, driven by
 * {@link UftpSchema}. The only buffering is one element's attributes, so that they come out in XSD order.
 */
final class XmlToJsonLd {

    private static final String DATASET_PREFIX = "urn:ngsi-ld:Dataset:";

    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString OBJECT = new SerializedString("object");
    private static final SerializedString UNIT_CODE = new SerializedString("unitCode");
    private static final SerializedString DATASET_ID = new SerializedString("datasetId");
    private static final SerializedString CONTEXT = new SerializedString("@context");
    private static final SerializedString AT_TYPE = new SerializedString("@type");
    private static final SerializedString AT_VALUE = new SerializedString("@value");
    private static final SerializedString PROPERTY = new SerializedString("Property");
    private static final SerializedString RELATIONSHIP = new SerializedString("Relationship");
    private static final SerializedString DATE = new SerializedString("Date");
    private static final SerializedString DATE_TIME = new SerializedString("DateTime");

    private final XMLInputFactory xmlInput;
    private final JsonFactory jsonFactory;
    private final String[] context;

    XmlToJsonLd(XMLInputFactory xmlInput, JsonFactory jsonFactory, String... context) {
        this.xmlInput = xmlInput;
        this.jsonFactory = jsonFactory;
        this.context = context.clone();
    }

    byte[] translate(byte[] xml) {
        return translate(open(xml), xml.length);
    }

    byte[] translate(XMLStreamReader r, int sizeHint) {
        // JSON-LD runs about as long as the XML (ISP objects are shorter, attribute wrappers longer): one block.
        ByteArrayBuilder out = new ByteArrayBuilder(sizeHint + 1024);
        try (JsonGenerator g = jsonFactory.createGenerator(out)) {
            UftpMessageType type = readRoot(r);
            writeEntity(r, type, g);
            while (r.next() != END_DOCUMENT) {
                skipIgnorable(r, Location.xml());
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw lazyParseError(e);
        } finally {
            close(r);
        }
        return out.toByteArray();
    }

    UftpMessageType messageType(byte[] xml) {
        XMLStreamReader r = open(xml);
        try {
            return readRoot(r);
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            throw lazyParseError(e);
        } finally {
            close(r);
        }
    }

    private XMLStreamReader open(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new MappingException("empty XML document");
        }
        try {
            return xmlInput.createXMLStreamReader(new ByteArrayInputStream(xml));
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    private static UftpMessageType readRoot(XMLStreamReader r) throws XMLStreamException {
        Location at = Location.xml();
        while (r.next() != START_ELEMENT) {
            if (r.getEventType() == END_DOCUMENT) {
                throw new MappingException("XML document has no root element");
            }
            skipIgnorable(r, at);
        }
        String name = r.getLocalName();
        String namespace = r.getNamespaceURI();
        if (namespace != null && !namespace.isEmpty()) {
            throw new MappingException("root element " + name + " is in namespace '" + namespace
                    + "'; UFTP 3.x messages have no namespace");
        }
        if ("SignedMessage".equals(name)) {
            throw new MappingException("SignedMessage is the transport envelope; translate the message in its Body");
        }
        return UftpMessageType.fromXmlName(name).orElseThrow(() -> new MappingException(
                "unexpected root element " + Lexical.quote(name) + ": not a UFTP 3.x message"));
    }

    private void writeEntity(XMLStreamReader r, UftpMessageType type, JsonGenerator g)
            throws XMLStreamException, IOException {
        ElementSpec spec = UftpSchema.message(type);
        Location at = Location.xml();
        at.push(type.xmlName());
        String[] values = readAttributes(r, spec, at);
        AttributeSpec messageId = spec.attributes[spec.messageIdIndex];
        requireUuid(messageId, values[spec.messageIdIndex], at);

        g.writeStartObject();
        g.writeFieldName(ID);
        g.writeString(type.entityId(values[spec.messageIdIndex]));
        g.writeFieldName(TYPE);
        g.writeString(type.ngsiType());
        for (int i = 0; i < values.length; i++) {
            if (i != spec.messageIdIndex && values[i] != null) {
                writeAttribute(g, spec.attributes[i], values[i], at);
            }
        }
        writeChildren(r, spec, g, at, true);
        g.writeFieldName(CONTEXT);
        g.writeArray(context, 0, context.length);
        g.writeEndObject();
    }

    /** An entity attribute or a sub-attribute: a Relationship for message references, else a Property. */
    private static void writeAttribute(JsonGenerator g, AttributeSpec a, String lexical, Location at)
            throws IOException {
        g.writeFieldName(a.jsonKey);
        g.writeStartObject();
        g.writeFieldName(TYPE);
        if (a.target != null) {
            g.writeString(RELATIONSHIP);
            g.writeFieldName(OBJECT);
        } else {
            g.writeString(PROPERTY);
            g.writeFieldName(VALUE);
        }
        writeValue(g, a, lexical, at);
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, AttributeSpec a, String lexical, Location at) throws IOException {
        switch (a.type.kind) {
            case STRING -> {
                if (a.target != null) {
                    requireUuid(a, lexical, at);
                    g.writeString(a.target.entityId(lexical));
                } else {
                    g.writeString(lexical);
                }
            }
            case INTEGER -> g.writeNumber(convert(Lexical.jsonInteger(lexical), "an integer", a, lexical, at));
            case DECIMAL -> g.writeNumber(convert(Lexical.jsonDecimal(lexical), "a decimal", a, lexical, at));
            case BOOLEAN -> g.writeBoolean(convert(Lexical.xmlBoolean(lexical), "a boolean", a, lexical, at));
            case DATE -> writeTyped(g, DATE, lexical);
            case DATE_TIME -> writeTyped(g, DATE_TIME, lexical);
        }
    }

    private static void writeTyped(JsonGenerator g, SerializedString type, String lexical) throws IOException {
        g.writeStartObject();
        g.writeFieldName(AT_TYPE);
        g.writeString(type);
        g.writeFieldName(AT_VALUE);
        g.writeString(lexical.trim());
        g.writeEndObject();
    }

    private static <T> T convert(T converted, String what, AttributeSpec a, String lexical, Location at) {
        if (converted == null) {
            throw error(at, "attribute " + a.xmlName + " is not " + what + ": " + Lexical.quote(lexical));
        }
        return converted;
    }

    private static void requireUuid(AttributeSpec a, String lexical, Location at) {
        if (!Lexical.isUuid(lexical)) {
            throw error(at, "attribute " + a.xmlName + " is not a UUID: " + Lexical.quote(lexical));
        }
    }

    /**
     * Writes the children of the current element, grouped per child type as the XSD sequence demands, and
     * consumes its end tag. On the entity, each group is one attribute; deeper down, a plain JSON array.
     */
    private static void writeChildren(XMLStreamReader r, ElementSpec spec, JsonGenerator g, Location at,
            boolean onEntity) throws XMLStreamException, IOException {
        int open = -1;
        int count = 0;
        while (true) {
            int event = r.next();
            if (event == START_ELEMENT) {
                int c = childIndex(r, spec, at);
                ChildSpec child = spec.children[c];
                if (c != open) {
                    if (c < open) {
                        throw error(at, "element " + child.element.xmlName + " is out of sequence order");
                    }
                    closeGroup(g, spec, open, onEntity);
                    requireChildren(spec, open + 1, c, at);
                    openGroup(g, child, onEntity);
                    open = c;
                    count = 0;
                } else if (!child.repeated) {
                    throw error(at, "element " + child.element.xmlName + " may occur only once");
                }
                at.push(child.element.xmlName);
                at.index(count++);
                writeElement(r, child, count, g, at);
                at.pop();
            } else if (event == END_ELEMENT) {
                closeGroup(g, spec, open, onEntity);
                requireChildren(spec, open + 1, spec.children.length, at);
                return;
            } else {
                skipIgnorable(r, at);
            }
        }
    }

    private static void writeElement(XMLStreamReader r, ChildSpec child, int position, JsonGenerator g, Location at)
            throws XMLStreamException, IOException {
        ElementSpec e = child.element;
        String[] values = readAttributes(r, e, at);
        g.writeStartObject();
        if (child.relationships) {
            g.writeFieldName(TYPE);
            g.writeString(RELATIONSHIP);
            g.writeFieldName(OBJECT);
            writeValue(g, e.attributes[e.referenceIndex], values[e.referenceIndex], at);
            g.writeFieldName(DATASET_ID);
            g.writeString(DATASET_PREFIX + e.xmlName + ":" + position);
            for (int i = 0; i < values.length; i++) {
                if (i != e.referenceIndex && values[i] != null) {
                    writeAttribute(g, e.attributes[i], values[i], at);
                }
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    g.writeFieldName(e.attributes[i].jsonKey);
                    writeValue(g, e.attributes[i], values[i], at);
                }
            }
        }
        writeChildren(r, e, g, at, false);
        g.writeEndObject();
    }

    private static void openGroup(JsonGenerator g, ChildSpec child, boolean onEntity) throws IOException {
        g.writeFieldName(child.jsonKey);
        if (child.relationships) {
            g.writeStartArray();
            return;
        }
        if (onEntity) {
            g.writeStartObject();
            g.writeFieldName(TYPE);
            g.writeString(PROPERTY);
            if (child.unitCode != null) {
                g.writeFieldName(UNIT_CODE);
                g.writeString(child.unitCode);
            }
            g.writeFieldName(VALUE);
        }
        if (child.repeated) {
            g.writeStartArray();
        }
    }

    private static void closeGroup(JsonGenerator g, ElementSpec spec, int open, boolean onEntity) throws IOException {
        if (open < 0) {
            return;
        }
        ChildSpec child = spec.children[open];
        if (child.repeated) {
            g.writeEndArray();
        }
        if (onEntity && !child.relationships) {
            g.writeEndObject();
        }
    }

    private static void requireChildren(ElementSpec spec, int from, int to, Location at) {
        for (int i = from; i < to; i++) {
            if (spec.children[i].minOccurs > 0) {
                throw error(at, "element " + spec.children[i].element.xmlName + " is missing");
            }
        }
    }

    private static int childIndex(XMLStreamReader r, ElementSpec spec, Location at) {
        String name = r.getLocalName();
        String namespace = r.getNamespaceURI();
        int c = namespace == null || namespace.isEmpty() ? spec.childByXml(name) : -1;
        if (c < 0) {
            String qualified = namespace == null || namespace.isEmpty() ? name : "{" + namespace + "}" + name;
            String expected = spec.children.length == 0 ? "no child elements"
                    : Arrays.stream(spec.children).map(ch -> ch.element.xmlName)
                            .collect(Collectors.joining(", ", "expected ", ""));
            throw error(at, "unexpected element " + qualified + " (" + expected + ")");
        }
        return c;
    }

    private static String[] readAttributes(XMLStreamReader r, ElementSpec spec, Location at) {
        String[] values = new String[spec.attributes.length];
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            String name = r.getAttributeLocalName(i);
            String namespace = r.getAttributeNamespace(i);
            if (namespace != null && !namespace.isEmpty()) {
                // xsi:noNamespaceSchemaLocation and friends are schema hints, not message content.
                if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(namespace)) {
                    continue;
                }
                throw error(at, "unexpected attribute {" + namespace + "}" + name);
            }
            int a = spec.attributeByXml(name);
            if (a < 0) {
                throw error(at, "unexpected attribute " + name);
            }
            values[a] = r.getAttributeValue(i);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null && spec.attributes[i].required) {
                throw error(at, "attribute " + spec.attributes[i].xmlName + " is missing");
            }
        }
        return values;
    }

    /** Whitespace, comments and processing instructions carry nothing; anything else outside a tag is an error. */
    private static void skipIgnorable(XMLStreamReader r, Location at) {
        int event = r.getEventType();
        switch (event) {
            case SPACE, COMMENT, PROCESSING_INSTRUCTION, START_DOCUMENT -> {
            }
            case CHARACTERS, CDATA -> {
                if (!r.isWhiteSpace()) {
                    throw error(at, "unexpected text " + Lexical.quote(r.getText().trim()));
                }
            }
            case DTD -> throw new MappingException("DOCTYPE declarations are not allowed in UFTP messages");
            case ENTITY_REFERENCE -> throw error(at, "entity reference &" + r.getLocalName() + "; is not allowed");
            default -> throw error(at, "unexpected XML content (StAX event " + event + ")");
        }
    }

    private static MappingException error(Location at, String problem) {
        return new MappingException(at.isEmpty() ? problem : at + ": " + problem);
    }

    static MappingException malformed(XMLStreamException e) {
        String detail = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        return new MappingException("malformed XML: " + detail, e);
    }

    /** Woodstox reports some parse errors late, wrapped in a RuntimeException; anything else is a bug here. */
    private static RuntimeException lazyParseError(RuntimeException e) {
        if (e.getCause() instanceof XMLStreamException cause && !(e instanceof MappingException)) {
            return malformed(cause);
        }
        return e;
    }

    private static void close(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException ignored) {
            // nothing was written through the reader, so there is nothing to lose
        }
    }
}
