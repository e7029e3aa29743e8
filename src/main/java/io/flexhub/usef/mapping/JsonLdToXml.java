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
 * <p>Accepted input: every form a broker may return the translator's own entity in. Attributes normalized
 * ({@code {"type": "Property", "value": ...}}), concise (no "type") or keyValues (bare values, Relationship targets
 * as URN strings); typed values with {@code @type} or, compacted by a broker, {@code type}, the type as term or
 * NGSI-LD IRI; one-element lists compacted into their element and single values or attribute instances kept as
 * one-element lists; integers a broker stored as doubles (8000.0); names as terms or as full IRIs of the UFTP
 * vocabulary (what a broker answers without the hub's context). No JSON-LD expansion is done: terms are read as
 * defined by the hub's own context, whatever {@code @context} says, and attributes the UFTP message has no place
 * for (system attributes, or what other producers added to a broker entity) are ignored.
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

        /** An entity attribute (or a Relationship's sub-attribute); see the class comment for the accepted forms. */
        void readAttribute(JsonToken t, AttributeSpec a, Node node, int index) throws IOException {
            requireFirst(node.values[index]);
            node.values[index] = attributeValue(t, a);
        }

        private String attributeValue(JsonToken t, AttributeSpec a) throws IOException {
            if (t == START_ARRAY) {
                // one instance of a multi-attribute, or a bare value a producer kept as a one-element list
                return onlyElement(a, true);
            }
            if (t != START_OBJECT) {
                return readValue(t, a);
            }
            String key = p.nextFieldName();
            if (key != null && key.startsWith("@")) {
                return checked(a, readTypedLiteral(a, key));
            }
            boolean relationship = a.target != null;
            String member = relationship ? "object" : "value";
            String value = null;
            // keyValues of a Date/DateTime as a broker compacts it: {"type": "DateTime", "@value": ...}
            boolean literal = false;
            boolean wrapper = false;
            String atValue = null;
            String stray = null;
            for (; key != null; key = p.nextFieldName()) {
                JsonToken vt = p.nextToken();
                if ("type".equals(key)) {
                    if (isLiteralType(vt, a)) {
                        literal = true;
                    } else {
                        expectType(vt, relationship ? "Relationship" : "Property");
                        wrapper = true;
                    }
                } else if (member.equals(key) || "@value".equals(key) && !relationship) {
                    if (value != null) {
                        throw error(atValue != null || !member.equals(key) ? "has both '" + member + "' and '@value'"
                                : "has '" + member + "' twice");
                    }
                    value = readValue(vt, a);
                    atValue = "@value".equals(key) ? key : atValue;
                } else if ("value".equals(key) || "object".equals(key)) {
                    throw error("is a " + (relationship ? "Relationship" : "Property") + ": give it an '"
                            + member + "', not '" + key + "'");
                } else {
                    // observedAt, sub-properties and the like: metadata a UFTP attribute has no place for
                    stray = stray == null && !ATTRIBUTE_MEMBERS.contains(key) ? key : stray;
                    p.skipChildren();
                }
            }
            if (literal && stray != null) {
                throw error("has an unexpected member " + Lexical.quote(stray) + " in its typed value");
            }
            if (wrapper && atValue != null) {
                throw error("is a Property: give it a 'value', not '@value'");
            }
            if (value == null) {
                throw error(literal ? "has no '@value'" : "has no '" + member + "'");
            }
            return value;
        }

        /** Whether a "type" names the temporal type of the attribute rather than Property or Relationship. */
        private boolean isLiteralType(JsonToken t, AttributeSpec a) throws IOException {
            return t == VALUE_STRING && isTemporal(a) && literalTypeOf(a).equals(withoutNgsiLdPrefix(p.getText()));
        }

        /** A list where one value belongs: JSON-LD may keep a single value as a one-element list. */
        private String onlyElement(AttributeSpec a, boolean attribute) throws IOException {
            JsonToken t = p.nextToken();
            if (t == END_ARRAY || t == START_ARRAY) {
                throw error("is " + (t == END_ARRAY ? "an empty list" : "a list of lists") + ", not "
                        + kindName(a));
            }
            String value = attribute ? attributeValue(t, a) : readValue(t, a);
            if (p.nextToken() != END_ARRAY) {
                throw error("is a list of several values; " + a.xmlName + " takes one");
            }
            return value;
        }

        /**
         * A group of child elements: a Property holding a list (or one object), a bare list, a one-instance list of
         * such a Property, or Relationships.
         */
        void readChildGroup(JsonToken t, ChildSpec child, Node node, int index) throws IOException {
            requireFirst(node.children[index]);
            List<Node> into = node.children[index] = new ArrayList<>();
            if (child.relationships) {
                readList(t, child, into, true);
                return;
            }
            if (t == START_ARRAY) {
                JsonToken first = p.nextToken();
                String key = first == START_OBJECT ? p.nextFieldName() : null;
                if (key == null || !ATTRIBUTE_MEMBERS.contains(key)) {
                    readItems(first, key, child, into, false);
                    return;
                }
                readGroupProperty(key, child, into);
                if (p.nextToken() != END_ARRAY) {
                    throw error("has several instances; a UFTP message has one " + child.jsonName);
                }
                return;
            }
            if (t != START_OBJECT) {
                throw error("must be a Property holding " + expected(child) + ", not " + describe(t));
            }
            String key = p.nextFieldName();
            if (key != null && !ATTRIBUTE_MEMBERS.contains(key)) {
                into.add(readElement(child.element, key, 0));
                return;
            }
            readGroupProperty(key, child, into);
        }

        private void readGroupProperty(String firstKey, ChildSpec child, List<Node> into) throws IOException {
            boolean hasValue = false;
            for (String key = firstKey; key != null; key = p.nextFieldName()) {
                JsonToken vt = p.nextToken();
                switch (key) {
                    case "type" -> expectType(vt, "Property");
                    case "unitCode" -> expectUnit(vt, child);
                    case "value" -> {
                        if (hasValue) {
                            throw error("has 'value' twice");
                        }
                        readList(vt, child, into, false);
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
                String key = p.nextFieldName();
                into.add(relationships ? readRelationship(child.element, key, 0) : readElement(child.element, key, 0));
                return;
            }
            if (t != START_ARRAY) {
                throw error("must hold " + expected(child) + ", not " + describe(t));
            }
            JsonToken first = p.nextToken();
            readItems(first, first == START_OBJECT ? p.nextFieldName() : null, child, into, relationships);
        }

        /** The items of a list whose first token (and, for an object, first key) has been read. */
        private void readItems(JsonToken t, String firstKey, ChildSpec child, List<Node> into, boolean relationships)
                throws IOException {
            String key = firstKey;
            while (t != END_ARRAY) {
                int i = into.size();
                if (t != START_OBJECT) {
                    at.index(i);
                    throw error("must be an object, not " + describe(t));
                }
                into.add(relationships ? readRelationship(child.element, key, i) : readElement(child.element, key, i));
                t = p.nextToken();
                key = t == START_OBJECT ? p.nextFieldName() : null;
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
        private Node readRelationship(ElementSpec e, String firstKey, int position) throws IOException {
            at.index(position);
            Node node = new Node(e);
            for (String key = firstKey; key != null; key = p.nextFieldName()) {
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

        /** A JSON scalar (or typed literal, or a one-element list of either) as the XML lexical form, checked. */
        private String readValue(JsonToken t, AttributeSpec a) throws IOException {
            String lexical;
            if (t == START_ARRAY) {
                return onlyElement(a, false);
            } else if (t == START_OBJECT) {
                String key = p.nextFieldName();
                lexical = isTemporal(a) || key != null && key.startsWith("@") ? readTypedLiteral(a, key) : null;
            } else {
                lexical = scalar(t, a);
            }
            if (lexical == null) {
                throw error("is not " + kindName(a) + ": " + describe(t));
            }
            return a.target != null ? messageIdOf(a, lexical) : checked(a, lexical);
        }

        private String scalar(JsonToken t, AttributeSpec a) throws IOException {
            return switch (a.type.kind) {
                case STRING, DATE, DATE_TIME -> t == VALUE_STRING ? p.getText() : null;
                // a broker may store an integer as a double: 8000.0 is still the integer 8000
                case INTEGER -> t == VALUE_NUMBER_INT ? p.getText() : t == VALUE_NUMBER_FLOAT ? integral(p.getText())
                        : null;
                case DECIMAL -> t == VALUE_NUMBER_INT || t == VALUE_NUMBER_FLOAT ? plainDecimal(p.getText()) : null;
                case BOOLEAN -> t == VALUE_TRUE ? "true" : t == VALUE_FALSE ? "false" : null;
            };
        }

        /**
         * {"@type": "DateTime", "@value": "..."}: the NGSI-LD way to type a temporal value. A broker compacting with
         * the core context writes "type" for "@type"; a bare {"@value": ...} is a JSON-LD value object of any kind.
         */
        private String readTypedLiteral(AttributeSpec a, String firstKey) throws IOException {
            String value = null;
            for (String key = firstKey; key != null; key = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                if ("@value".equals(key) || "value".equals(key)) {
                    requireFirst(value);
                    value = scalar(t, a);
                    if (value == null) {
                        throw error("is not " + kindName(a) + ": " + describe(t));
                    }
                } else if ("@type".equals(key) || "type".equals(key)) {
                    String given = t == VALUE_STRING ? p.getText() : describe(t);
                    if (!isTemporal(a)) {
                        throw error("is not " + kindName(a) + ": a typed literal of @type " + Lexical.quote(given));
                    }
                    if (t != VALUE_STRING || !literalTypeOf(a).equals(withoutNgsiLdPrefix(given))) {
                        throw error("has @type " + Lexical.quote(given) + ", expected " + literalTypeOf(a));
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

    private static boolean isTemporal(AttributeSpec a) {
        return a.type.kind == ValueType.Kind.DATE || a.type.kind == ValueType.Kind.DATE_TIME;
    }

    private static String literalTypeOf(AttributeSpec a) {
        return a.type.kind == ValueType.Kind.DATE ? "Date" : "DateTime";
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

    /** 8000.0 or 8E3 as the integer it is; a fraction or an absurd magnitude is not an integer. */
    private static String integral(String number) {
        BigDecimal value = new BigDecimal(number).stripTrailingZeros();
        return value.scale() > 0 || value.precision() - value.scale() > MAX_EXPONENT ? null
                : value.toBigIntegerExact().toString();
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
