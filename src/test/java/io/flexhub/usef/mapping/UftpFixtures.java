package io.flexhub.usef.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** The UFTP sample messages and the yardsticks the mapping tests measure against. */
final class UftpFixtures {

    static final String CONTEXT_URL = "https://hub.flexhub.io/ngsi-ld/uftp-context.jsonld";
    static final String FIXTURES = "/fixtures/usef/";

    /** Exact numbers: 12.5000 must not compare equal to 12.5. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final Schema UFTP_XSD = loadUftpXsd();

    private UftpFixtures() {
    }

    /** File names of the sample messages, one or more per message type. */
    static List<String> messages() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(String name) {
        try (InputStream in = UftpFixtures.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(read(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Validates with the official UFTP.xsd from the shapeshifter-api jar; throws on the first violation. */
    static void assertXsdValid(byte[] xml) {
        try {
            UFTP_XSD.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            throw new AssertionError("not valid against UFTP.xsd: " + e.getMessage() + "\n" + new String(xml), e);
        }
    }

    /**
     * The XML infoset as comparable text: element names in document order, attributes as a sorted set (their
     * order carries no meaning), non-whitespace text; comments, whitespace and the declaration dropped.
     */
    static String infoset(byte[] xml) {
        return infoset(xml, false);
    }

    /**
     * The infoset with numbers compared by value, as XSD compares xs:decimal: 2.5000 and 2.5 are the same price.
     * For what a broker may normalise; everything else must stay as it was.
     */
    static String values(byte[] xml) {
        return infoset(xml, true);
    }

    private static String infoset(byte[] xml, boolean byValue) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
            StringBuilder out = new StringBuilder();
            describe(root, "", byValue, out);
            return out.toString();
        } catch (Exception e) {
            throw new AssertionError("cannot parse XML: " + e.getMessage(), e);
        }
    }

    private static void describe(Element element, String indent, boolean byValue, StringBuilder out) {
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Node a = map.item(i);
            String value = a.getNodeValue();
            attributes.put(a.getNodeName(), byValue && value.matches("[+-]?[0-9]*\\.?[0-9]+")
                    ? new java.math.BigDecimal(value).stripTrailingZeros().toPlainString() : value);
        }
        out.append(indent).append('{').append(element.getNamespaceURI()).append('}').append(element.getLocalName())
                .append(' ').append(attributes).append('\n');
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                describe(e, indent + "  ", byValue, out);
            } else if (child.getNodeType() == Node.TEXT_NODE && !child.getNodeValue().isBlank()) {
                out.append(indent).append("  text ").append(child.getNodeValue()).append('\n');
            }
        }
    }

    static JsonNode json(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(json), e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keyValues rendering a broker gives for {@code options=keyValues}; sub-attributes are kept as given. */
    static ObjectNode keyValues(JsonNode normalized) {
        ObjectNode out = JSON.createObjectNode();
        normalized.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isObject() && "Property".equals(v.path("type").asText())) {
                out.set(e.getKey(), v.get("value"));
            } else if (v.isObject() && "Relationship".equals(v.path("type").asText())) {
                out.set(e.getKey(), v.get("object"));
            } else {
                out.set(e.getKey(), v);
            }
        });
        return out;
    }

    private static Path directory() {
        URL url = UftpFixtures.class.getResource(FIXTURES);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Schema loadUftpXsd() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            return factory.newSchema(UftpFixtures.class.getResource("/UFTP.xsd"));
        } catch (Exception e) {
            throw new IllegalStateException("UFTP.xsd not on the classpath (shapeshifter-api)", e);
        }
    }
}
