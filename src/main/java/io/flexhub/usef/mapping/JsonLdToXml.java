package io.flexhub.usef.mapping;

import static com.fasterxml.jackson.core.JsonToken.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.flexhub.usef.mapping.UftpSchema.AttributeSpec;
import io.flexhub.usef.mapping.UftpSchema.ChildSpec;
import io.flexhub.usef.mapping.UftpSchema.ElementSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * NGSI-LD JSON-LD to UFTP XML. XML wants all attributes of an element before its children while JSON members
 * come in any order, so the entity is streamed with a JsonParser into a small tree of {@link Node}s (lexical
 * values only, checked against the XSD facets on the way) and then streamed out with an XMLStreamWriter.
 *
 * <p>Accepted input: the normalized form this translator emits, the concise form ({@code {"value": ...}}
 * without "type"), keyValues (bare values, Relationship targets as URN strings), and one-element lists that a
 * JSON-LD compaction turned into their element. No JSON-LD expansion is done: terms are read as defined by
 * the hub's own context, whatever {@code @context} says, and attributes the UFTP message has no place for
 * (other producers may add some to a broker entity) are ignored.
 */
final class JsonLdToXml {

    private static final String NGSI_LD_IRI = "https://uri.etsi.org/ngsi-ld/";

    /** Members an NGSI-LD attribute may have: an object starting with one is a wrapped attribute, not a bare value. */
    private static final Set<String> ATTRIBUTE_MEMBERS = Set.of("type", "value", "object", "unitCode", "observedAt",
            "datasetId", "createdAt", "modifiedAt", "deletedAt", "instanceId", "objectType", "previousValue",
            "previousObject");

    private static final int MAX_EXPONENT = 100;

    private final JsonFactory jsonFactory;
    private final XMLOutputFactory xmlOutput;

    JsonLdToXml(JsonFactory jsonFactory, XMLOutputFactory xmlOutput) {
        this.jsonFactory = jsonFactory;
        this.xmlOutput = xmlOutput;
    }

    byte[] translate(byte[] json) {
        UftpMessageType type = messageType(json);
        Node root;
        try (JsonParser p = jsonFactory.createParser(json)) {
            root = readEntity(p, type);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return write(root, json.length);
        } catch (XMLStreamException e) {
            throw new MappingException(type.ngsiType() + ": cannot write XML: " + e.getMessage(), e);
        }
    }

    /** Finds the entity type, usually in the first few tokens; falls back to the type in the entity id. */
    UftpMessageType messageType(byte[] json) {
        if (json == null || json.length == 0) {
            throw new MappingException("empty JSON-LD document");
        }
        try (JsonParser p = jsonFactory.createParser(json)) {
            if (p.nextToken() != START_OBJECT) {
                throw new MappingException("a JSON-LD entity must be a JSON object");
            }
            String id = null;
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                if ("type".equals(key)) {
                    return entityType(p, t);
                }
                if ("id".equals(key) && t == VALUE_STRING) {
                    id = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (id != null) {
                return typeFromId(id);
            }
            throw new MappingException("property 'type' is missing");
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UftpMessageType entityType(JsonParser p, JsonToken t) throws IOException {
        if (t == VALUE_STRING) {
            String name = p.getText();
            return knownType(name).orElseThrow(() -> new MappingException(
                    "property 'type' is not a UFTP message type: " + Lexical.quote(name)));
        }
        if (t == START_ARRAY) {
            // NGSI-LD allows several types per entity; exactly one of them must be a UFTP message.
            List<UftpMessageType> found = new ArrayList<>();
            while ((t = p.nextToken()) == VALUE_STRING) {
                knownType(p.getText()).ifPresent(found::add);
            }
            if (t == END_ARRAY && found.size() == 1) {
                return found.get(0);
            }
            throw new MappingException("property 'type' must name exactly one UFTP message type");
        }
        throw new MappingException("property 'type' must be a string");
    }

    private static Optional<UftpMessageType> knownType(String name) {
        String term = name.startsWith(UftpSchema.VOCABULARY) ? name.substring(UftpSchema.VOCABULARY.length()) : name;
        return UftpMessageType.fromNgsiType(term).or(() -> UftpMessageType.fromXmlName(term));
    }

    private static UftpMessageType typeFromId(String id) {
        for (UftpMessageType type : UftpMessageType.values()) {
            if (id.startsWith(type.entityIdPrefix())) {
                return type;
            }
        }
        throw new MappingException("property 'type' is missing and id " + Lexical.quote(id)
                + " does not name a UFTP message type");
    }

    // ---- reading -------------------------------------------------------------------------------------------

    private static Node readEntity(JsonParser p, UftpMessageType type) throws IOException {
        ElementSpec spec = UftpSchema.message(type);
        Node root = new Node(spec);
        Reader in = new Reader(p, type);
        p.nextToken();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            int a = spec.attributeByJson(key);
            int c = a < 0 ? spec.childByJson(key) : -1;
            in.at.push(key);
            if (a >= 0) {
                in.readAttribute(t, spec.attributes[a], root, a);
            } else if (c >= 0) {
                in.readChildGroup(t, spec.children[c], root, c);
            } else if ("id".equals(key)) {
                root.values[spec.messageIdIndex] = in.readId(t);
            } else if ("@context".equals(key)) {
                in.checkContext(t);
            } else {
                p.skipChildren();
            }
            in.at.pop();
        }
        if (root.values[spec.messageIdIndex] == null) {
            throw new MappingException(type.ngsiType() + ": property 'id' is missing");
        }
        in.checkComplete(root);
        return root;
    }

    /** The state of reading one entity: the parser, the type for messages and where we are. */
    private static final class Reader {
        private final JsonParser p;
        private final UftpMessageType type;
        private final Location at = Location.json();

        Reader(JsonParser p, UftpMessageType type) {
            this.p = p;
            this.type = type;
        }

        String readId(JsonToken t) throws IOException {
            String prefix = type.entityIdPrefix();
            String id = t == VALUE_STRING ? p.getText() : null;
            if (id == null || !id.startsWith(prefix) || !Lexical.isUuid(id.substring(prefix.length()))) {
                throw error("must be " + prefix + "<MessageID UUID>: " + describe(t));
            }
            return id.substring(prefix.length());
        }

        void checkContext(JsonToken t) throws IOException {
            if (t != VALUE_STRING && t != START_OBJECT && t != START_ARRAY) {
                throw error("must be a string, an object or an array");
            }
            p.skipChildren();
        }

        /** An entity attribute (or a Relationship's sub-attribute): normalized, concise or a bare keyValues value. */
        void readAttribute(JsonToken t, AttributeSpec a, Node node, int index) throws IOException {
            requireFirst(node.values[index]);
            if (t != START_OBJECT) {
                node.values[index] = readValue(t, a);
                return;
            }
            String key = p.nextFieldName();
            if (key != null && key.startsWith("@")) {
                node.values[index] = checked(a, readTypedLiteral(a, key));
                return;
            }
            String member = a.target != null ? "object" : "value";
            String value = null;
            for (; key != null; key = p.nextFieldName()) {
                JsonToken vt = p.nextToken();
                if ("type".equals(key)) {
                    expectType(vt, a.target != null ? "Relationship" : "Property");
                } else if (member.equals(key)) {
                    value = readValue(vt, a);
                } else if ("value".equals(key) || "object".equals(key)) {
                    throw error("is a " + (a.target != null ? "Relationship" : "Property") + ": give it an '"
                            + member + "', not '" + key + "'");
                } else {
                    // observedAt, sub-properties and the like: metadata a UFTP attribute has no place for
                    p.skipChildren();
                }
            }
            if (value == null) {
                throw error("has no '" + member + "'");
            }
            node.values[index] = value;
        }

        /** A group of child elements: a Property holding a list (or one object), a bare list, or Relationships. */
        void readChildGroup(JsonToken t, ChildSpec child, Node node, int index) throws IOException {
            requireFirst(node.children[index]);
            node.children[index] = new ArrayList<>();
            if (child.relationships) {
                readList(t, child, node.children[index], true);
                return;
            }
            if (t == START_ARRAY) {
                readList(t, child, node.children[index], false);
                return;
            }
            if (t != START_OBJECT) {
                throw error("must be a Property holding " + expected(child) + ", not " + describe(t));
            }
            String key = p.nextFieldName();
            if (key != null && !ATTRIBUTE_MEMBERS.contains(key)) {
                node.children[index].add(readElement(child.element, key, 0));
                return;
            }
            boolean hasValue = false;
            for (; key != null; key = p.nextFieldName()) {
                JsonToken vt = p.nextToken();
                switch (key) {
                    case "type" -> expectType(vt, "Property");
                    case "unitCode" -> expectUnit(vt, child);
                    case "value" -> {
                        readList(vt, child, node.children[index], false);
                        hasValue = true;
                    }
                    default -> p.skipChildren();
                }
            }
            if (!hasValue) {
                throw error("has no 'value'");
            }
        }

        private void readList(JsonToken t, ChildSpec child, List<Node> into, boolean relationships)
                throws IOException {
            if (t == START_OBJECT) {
                into.add(relationships ? readRelationship(child.element, 0) : readElement(child.element,
                        p.nextFieldName(), 0));
                return;
            }
            if (t != START_ARRAY) {
                throw error("must hold " + expected(child) + ", not " + describe(t));
            }
            while ((t = p.nextToken()) != END_ARRAY) {
                int i = into.size();
                if (t != START_OBJECT) {
                    at.index(i);
                    throw error("must be an object, not " + describe(t));
                }
                into.add(relationships ? readRelationship(child.element, i) : readElement(child.element,
                        p.nextFieldName(), i));
            }
            at.index(-1);
            if (!child.repeated && into.size() > 1) {
                throw error("may hold only one " + child.element.xmlName);
            }
        }

        private Node readElement(ElementSpec e, String firstKey, int position) throws IOException {
            at.index(position);
            Node node = new Node(e);
            for (String key = firstKey; key != null; key = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                int a = e.attributeByJson(key);
                int c = a < 0 ? e.childByJson(key) : -1;
                at.push(key);
                if (a >= 0) {
                    requireFirst(node.values[a]);
                    node.values[a] = readValue(t, e.attributes[a]);
                } else if (c >= 0) {
                    requireFirst(node.children[c]);
                    node.children[c] = new ArrayList<>();
                    readList(t, e.children[c], node.children[c], false);
                } else {
                    throw error("is not a key of " + e.xmlName + " (" + keys(e) + ")");
                }
                at.pop();
            }
            checkComplete(node);
            return node;
        }

        /** One instance of a multi-instance Relationship; its other attributes are sub-properties. */
        private Node readRelationship(ElementSpec e, int position) throws IOException {
            at.index(position);
            Node node = new Node(e);
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                int a = e.attributeByJson(key);
                at.push(key);
                if ("type".equals(key)) {
                    expectType(t, "Relationship");
                } else if ("object".equals(key)) {
                    requireFirst(node.values[e.referenceIndex]);
                    node.values[e.referenceIndex] = readValue(t, e.attributes[e.referenceIndex]);
                } else if (a >= 0 && a != e.referenceIndex) {
                    readAttribute(t, e.attributes[a], node, a);
                } else if (ATTRIBUTE_MEMBERS.contains(key)) {
                    p.skipChildren();
                } else {
                    throw error("is not a sub-attribute of " + e.xmlName + " (" + keys(e) + ")");
                }
                at.pop();
            }
            if (node.values[e.referenceIndex] == null) {
                throw error("has no 'object'");
            }
            checkComplete(node);
            return node;
        }

        /** A JSON scalar (or typed literal) as the XML lexical form, checked against the attribute's type. */
        private String readValue(JsonToken t, AttributeSpec a) throws IOException {
            String lexical = switch (a.type.kind) {
                case STRING -> t == VALUE_STRING ? p.getText() : null;
                case INTEGER -> t == VALUE_NUMBER_INT ? p.getText() : null;
                case DECIMAL -> t == VALUE_NUMBER_INT || t == VALUE_NUMBER_FLOAT ? plainDecimal(p.getText()) : null;
                case BOOLEAN -> t == VALUE_TRUE ? "true" : t == VALUE_FALSE ? "false" : null;
                case DATE, DATE_TIME -> t == VALUE_STRING ? p.getText()
                        : t == START_OBJECT ? readTypedLiteral(a, p.nextFieldName()) : null;
            };
            if (lexical == null) {
                throw error("is not " + kindName(a) + ": " + describe(t));
            }
            return a.target != null ? messageIdOf(a, lexical) : checked(a, lexical);
        }

        /** {"@type": "DateTime", "@value": "..."}: the NGSI-LD way to type a temporal value. */
        private String readTypedLiteral(AttributeSpec a, String firstKey) throws IOException {
            boolean temporal = a.type.kind == ValueType.Kind.DATE || a.type.kind == ValueType.Kind.DATE_TIME;
            if (!temporal) {
                throw error("is not " + kindName(a) + ": a typed literal");
            }
            String expectedType = a.type.kind == ValueType.Kind.DATE ? "Date" : "DateTime";
            String value = null;
            for (String key = firstKey; key != null; key = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                if ("@value".equals(key) && t == VALUE_STRING) {
                    value = p.getText();
                } else if ("@type".equals(key) && t == VALUE_STRING) {
                    String given = p.getText();
                    if (!expectedType.equals(withoutNgsiLdPrefix(given))) {
                        throw error("has @type " + Lexical.quote(given) + ", expected " + expectedType);
                    }
                } else {
                    throw error("has an unexpected member " + Lexical.quote(key) + " in its typed value");
                }
            }
            if (value == null) {
                throw error("has no '@value'");
            }
            return value;
        }

        private String checked(AttributeSpec a, String lexical) {
            String problem = a.type.problem(lexical);
            if (problem != null) {
                throw error(problem);
            }
            return lexical;
        }

        private String messageIdOf(AttributeSpec a, String urn) {
            String prefix = a.target.entityIdPrefix();
            if (!urn.startsWith(prefix) || !Lexical.isUuid(urn.substring(prefix.length()))) {
                throw error("must reference a " + prefix + "<UUID>: " + Lexical.quote(urn));
            }
            return urn.substring(prefix.length());
        }

        private void expectType(JsonToken t, String expected) throws IOException {
            if (t != VALUE_STRING || !expected.equals(withoutNgsiLdPrefix(p.getText()))) {
                throw error("must be of type " + expected + ", not " + describe(t));
            }
        }

        private void expectUnit(JsonToken t, ChildSpec child) throws IOException {
            // A unit we would silently ignore could scale every power by 1000, so anything but ours is refused.
            if (child.unitCode == null) {
                throw error("takes no unitCode, got " + describe(t));
            }
            if (t != VALUE_STRING || !child.unitCode.equals(p.getText())) {
                throw error("has unitCode " + describe(t) + "; only " + child.unitCode + " is supported");
            }
        }

        void checkComplete(Node node) {
            ElementSpec e = node.spec;
            for (int i = 0; i < e.attributes.length; i++) {
                AttributeSpec a = e.attributes[i];
                if (a.required && node.values[i] == null && !a.messageId) {
                    at.push(a.jsonName);
                    throw error("is missing");
                }
            }
            for (int i = 0; i < e.children.length; i++) {
                ChildSpec child = e.children[i];
                if (child.minOccurs > 0 && (node.children[i] == null || node.children[i].isEmpty())) {
                    at.push(child.jsonName);
                    throw error(node.children[i] == null ? "is missing" : "must hold at least one "
                            + child.element.xmlName);
                }
            }
        }

        private void requireFirst(Object previous) {
            if (previous != null) {
                throw error("occurs twice");
            }
        }

        private String describe(JsonToken t) throws IOException {
            if (t == START_OBJECT) {
                return "an object";
            }
            if (t == START_ARRAY) {
                return "a list";
            }
            if (t == VALUE_NULL) {
                return "null";
            }
            return t == VALUE_STRING ? Lexical.quote(p.getText()) : p.getText();
        }

        private MappingException error(String problem) {
            return new MappingException(type.ngsiType() + ": property '" + at + "' " + problem);
        }
    }

    private static String kindName(AttributeSpec a) {
        if (a.target != null) {
            return "a URN of a " + a.target.ngsiType();
        }
        return switch (a.type.kind) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case DECIMAL -> "a number";
            case BOOLEAN -> "a boolean";
            case DATE -> "a Date";
            case DATE_TIME -> "a DateTime";
        };
    }

    private static String expected(ChildSpec child) {
        return child.repeated ? "a list of " + child.element.xmlName + " objects" : "one " + child.element.xmlName
                + " object";
    }

    private static String keys(ElementSpec e) {
        return Arrays.stream(e.attributes).map(a -> a.jsonName)
                .collect(Collectors.joining(", ", "expected ", ""))
                + Arrays.stream(e.children).map(c -> ", " + c.jsonName).collect(Collectors.joining());
    }

    private static String withoutNgsiLdPrefix(String term) {
        if (term.startsWith(NGSI_LD_IRI)) {
            return term.substring(NGSI_LD_IRI.length());
        }
        return term.startsWith("ngsi-ld:") ? term.substring("ngsi-ld:".length()) : term;
    }

    /**
     * JSON may write 1.25e1 where xs:decimal knows only 12.5. A huge exponent would expand into a huge string,
     * so such numbers count as not being numbers at all.
     */
    private static String plainDecimal(String number) {
        if (number.indexOf('e') < 0 && number.indexOf('E') < 0) {
            return number;
        }
        BigDecimal value = new BigDecimal(number);
        return Math.abs(value.scale()) > MAX_EXPONENT ? null : value.toPlainString();
    }

    private static MappingException malformed(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String position = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return new MappingException("malformed JSON" + position + ": " + e.getOriginalMessage(), e);
    }

    // ---- writing -------------------------------------------------------------------------------------------

    private byte[] write(Node root, int jsonLength) throws XMLStreamException {
        // The XML comes out a little shorter than the normalized JSON-LD; one block avoids regrowth and joins.
        ByteArrayBuilder out = new ByteArrayBuilder(jsonLength + 256);
        XMLStreamWriter w = xmlOutput.createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        writeNode(w, root);
        w.writeEndDocument();
        w.close();
        return out.toByteArray();
    }

    private static void writeNode(XMLStreamWriter w, Node node) throws XMLStreamException {
        ElementSpec spec = node.spec;
        boolean empty = node.isLeaf();
        if (empty) {
            w.writeEmptyElement(spec.xmlName);
        } else {
            w.writeStartElement(spec.xmlName);
        }
        for (int i = 0; i < spec.attributes.length; i++) {
            if (node.values[i] != null) {
                w.writeAttribute(spec.attributes[i].xmlName, node.values[i]);
            }
        }
        if (!empty) {
            for (List<Node> group : node.children) {
                if (group != null) {
                    for (Node child : group) {
                        writeNode(w, child);
                    }
                }
            }
            w.writeEndElement();
        }
    }

    /** One element to write: lexical attribute values in XSD order and child groups in sequence order. */
    private static final class Node {
        final ElementSpec spec;
        final String[] values;
        final List<Node>[] children;

        @SuppressWarnings("rawtypes")
        private static final List[] NO_CHILDREN = new List[0];

        @SuppressWarnings("unchecked")
        Node(ElementSpec spec) {
            this.spec = spec;
            this.values = new String[spec.attributes.length];
            this.children = spec.children.length == 0 ? NO_CHILDREN : new List[spec.children.length];
        }

        boolean isLeaf() {
            for (List<Node> group : children) {
                if (group != null && !group.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }
}
