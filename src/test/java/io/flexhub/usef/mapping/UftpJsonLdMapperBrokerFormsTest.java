package io.flexhub.usef.mapping;

import static io.flexhub.usef.mapping.UftpFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub's own entities as a broker gives them back: the recorded Scorpio read-backs and the same changes applied
 * to every message type. Each must translate to XSD-valid UFTP with the values of the message it was made from.
 */
class UftpJsonLdMapperBrokerFormsTest {

    private static final UftpJsonLdMapper MAPPER = new UftpJsonLdMapper(CONTEXT_URL);
    private static final String LIVE = "/fixtures/ngsi-ld/scorpio-live/09-read-back-";
    private static final String CREATED_AT = "2026-12-01T21:01:27.123000Z";

    @ParameterizedTest
    @ValueSource(strings = {"FlexOffer", "FlexRequest"})
    void should_give_the_original_uftp_when_a_scorpio_read_back_is_translated(String type) {
        byte[] xml = MAPPER.toUftpXml(bytes(readBack(type)));

        assertXsdValid(xml);
        assertThat(values(xml)).isEqualTo(values(original(type)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FlexOffer", "FlexRequest"})
    void should_give_the_original_uftp_when_the_read_back_comes_as_key_values(String type) {
        ObjectNode keyValues = keyValues(readBack(type));
        // Scorpio's keyValues keeps a Date/DateTime as its compacted typed value
        assertThat(keyValues.at("/period/type").asText()).isEqualTo("Date");

        byte[] xml = MAPPER.toUftpXml(bytes(keyValues));

        assertXsdValid(xml);
        assertThat(values(xml)).isEqualTo(values(original(type)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FlexOffer", "FlexRequest"})
    void should_give_the_original_uftp_when_the_read_back_has_no_context_applied(String type) {
        JsonNode expanded = expandNames(readBack(type));
        assertThat(expanded.has(UftpSchema.VOCABULARY + "congestionPoint")).isTrue();

        byte[] normalized = MAPPER.toUftpXml(bytes(expanded));
        byte[] keyValues = MAPPER.toUftpXml(bytes(keyValues(expanded)));

        assertXsdValid(normalized);
        assertThat(values(normalized)).isEqualTo(values(original(type)));
        assertThat(values(keyValues)).isEqualTo(values(original(type)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FlexOffer", "FlexRequest"})
    void should_give_the_original_uftp_when_typed_values_are_expanded_and_values_are_one_element_lists(String type) {
        JsonNode entity = transform(readBack(type), node -> {
            if (node instanceof ObjectNode o && o.has("@value") && o.has("type")) {
                // the expanded form, with the type as NGSI-LD IRI
                o.set("@type", new TextNode("https://uri.etsi.org/ngsi-ld/" + o.remove("type").asText()));
            }
            if (node instanceof ObjectNode o && "Property".equals(o.path("type").asText())
                    && o.get("value").isValueNode()) {
                o.set("value", JSON.createArrayNode().add(o.get("value")));
            }
            return node;
        });
        ((ObjectNode) entity).set("currency", JSON.createArrayNode().add(entity.path("currency")));
        ((ObjectNode) entity).set("isps", JSON.createArrayNode().add(entity.path("isps")));

        byte[] xml = MAPPER.toUftpXml(bytes(entity));

        assertXsdValid(xml);
        assertThat(values(xml)).isEqualTo(values(original(type)));
    }

    /** What a broker does to the hub's entity of every message type, in each output form. */
    @ParameterizedTest
    @MethodSource("io.flexhub.usef.mapping.UftpFixtures#messages")
    void should_keep_every_value_when_any_message_comes_back_from_a_broker(String fixture) {
        byte[] original = read(fixture);
        JsonNode brokered = asBroker(json(MAPPER.toJsonLd(original)));

        for (JsonNode form : List.of(brokered, keyValues(brokered), expandNames(brokered),
                keyValues(expandNames(brokered)))) {
            byte[] xml = MAPPER.toUftpXml(bytes(form));
            assertXsdValid(xml);
            assertThat(values(xml)).as(form.toString()).isEqualTo(values(original));
        }
    }

    @Test
    void should_read_an_integer_when_a_broker_stored_it_as_a_double() {
        ObjectNode entity = readBack("FlexOffer");
        ((ObjectNode) entity.at("/offerOptions/value/isps/1")).put("power", 8000.0);

        assertThat(new String(MAPPER.toUftpXml(bytes(entity)))).contains("<ISP Power=\"8000\" Start=\"81\"");
    }

    @Test
    void should_name_the_member_when_a_typed_value_has_one_too_many() {
        assertRejected("FlexOffer", e -> ((ObjectNode) e.at("/expirationDateTime/value")).put("unit", "s"))
                .hasMessage("FlexOffer: property 'expirationDateTime' has an unexpected member 'unit' in its typed value");
        assertRejected("FlexOffer", e -> e.set("period", JSON.createObjectNode().put("type", "Date")
                        .put("@value", "2026-12-01").put("lang", "nl")))
                .hasMessage("FlexOffer: property 'period' has an unexpected member 'lang' in its typed value");
    }

    @Test
    void should_refuse_a_typed_value_when_its_type_is_not_the_attributes() {
        assertRejected("FlexRequest", e -> ((ObjectNode) e.at("/expirationDateTime/value")).put("type", "Date"))
                .hasMessage("FlexRequest: property 'expirationDateTime' has @type 'Date', expected DateTime");
        assertRejected("FlexRequest", e -> e.set("revision", JSON.createObjectNode().put("type", "DateTime")
                        .put("@value", "7")))
                .hasMessage("FlexRequest: property 'revision' must be of type Property, not 'DateTime'");
    }

    @Test
    void should_refuse_a_list_when_it_holds_several_values_for_one() {
        assertRejected("FlexOffer", e -> ((ObjectNode) e.get("currency")).set("value",
                JSON.createArrayNode().add("EUR").add("USD")))
                .hasMessage("FlexOffer: property 'currency' is a list of several values; Currency takes one");
        assertRejected("FlexOffer", e -> ((ObjectNode) e.get("currency")).set("value", JSON.createArrayNode()))
                .hasMessage("FlexOffer: property 'currency' is an empty list, not a string");
        assertRejected("FlexRequest", e -> e.set("isps", JSON.createArrayNode().add(e.get("isps")).add(e.get("isps"))))
                .hasMessage("FlexRequest: property 'isps' has several instances; a UFTP message has one isps");
    }

    @Test
    void should_refuse_a_value_when_normalising_cannot_make_it_valid() {
        assertRejected("FlexOffer", e -> ((ObjectNode) e.at("/offerOptions/value/isps/1")).put("power", 8000.5))
                .hasMessage("FlexOffer: property 'offerOptions[0].isps[1].power' is not an integer: 8000.5");
        assertRejected("FlexOffer", e -> ((ObjectNode) e.at("/offerOptions/value")).put("price", 2.50001))
                .hasMessage("FlexOffer: property 'offerOptions[0].price' is not an amount with at most 4 fraction"
                        + " digits: '2.50001'");
        assertRejected("FlexOffer", e -> ((ObjectNode) e.get("currency")).put("@value", "EUR"))
                .hasMessage("FlexOffer: property 'currency' has both 'value' and '@value'");
        assertRejected("FlexOffer", e -> e.set("currency", JSON.createObjectNode().put("type", "Property")
                        .put("@value", "EUR")))
                .hasMessage("FlexOffer: property 'currency' is a Property: give it a 'value', not '@value'");
    }

    // ---- the forms -----------------------------------------------------------------------------------------

    private static ObjectNode readBack(String type) {
        try (InputStream in = UftpJsonLdMapperBrokerFormsTest.class.getResourceAsStream(LIVE + type
                + ".response.json")) {
            JsonNode body = JSON.readTree(in).get("body");
            assertThat(body).hasSize(1);
            return (ObjectNode) body.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] original(String type) {
        try (InputStream in = UftpJsonLdMapperBrokerFormsTest.class.getResourceAsStream(LIVE + type
                + ".original-uftp.xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As Scorpio returns an entity it was given with the hub's context: no @context in the body, "@type" compacted
     * to "type", one-element lists as their element, decimals as doubles (10.0000 is 10.0), system attributes.
     */
    private static JsonNode asBroker(JsonNode entity) {
        ((ObjectNode) entity).remove("@context");
        JsonNode out = transform(entity, node -> {
            if (node instanceof ArrayNode a && a.size() == 1) {
                return a.get(0);
            }
            if (node.isBigDecimal()) {
                return DoubleNode.valueOf(node.doubleValue());
            }
            if (node instanceof ObjectNode o && o.has("@type") && o.has("@value")) {
                o.set("type", o.remove("@type"));
            }
            if (node instanceof ObjectNode o && o.has("type") && (o.has("value") || o.has("object"))) {
                o.put("createdAt", CREATED_AT).put("modifiedAt", CREATED_AT);
            }
            return node;
        });
        return ((ObjectNode) out).put("createdAt", CREATED_AT).put("modifiedAt", CREATED_AT);
    }

    /** As a broker answers without the hub's context: UFTP terms as IRIs, the core context's terms compact. */
    private static JsonNode expandNames(JsonNode entity) {
        JsonNode out = transform(entity.deepCopy(), node -> {
            if (node instanceof ObjectNode o) {
                ObjectNode renamed = JSON.createObjectNode();
                o.fields().forEachRemaining(f -> renamed.set(f.getKey().startsWith("@")
                        || UftpSchema.NGSI_LD_MEMBERS.contains(f.getKey()) ? f.getKey()
                        : UftpSchema.VOCABULARY + f.getKey(), f.getValue()));
                return renamed;
            }
            return node;
        });
        return ((ObjectNode) out).put("type", UftpSchema.VOCABULARY + entity.get("type").asText());
    }

    /** Applies the change bottom-up to every node. */
    private static JsonNode transform(JsonNode node, UnaryOperator<JsonNode> change) {
        if (node instanceof ObjectNode o) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            o.fields().forEachRemaining(fields::add);
            fields.forEach(f -> o.set(f.getKey(), transform(f.getValue(), change)));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, transform(a.get(i), change));
            }
        }
        return change.apply(node);
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String type,
            Consumer<ObjectNode> change) {
        ObjectNode entity = readBack(type);
        change.accept(entity);
        return assertThatThrownBy(() -> MAPPER.toUftpXml(bytes(entity))).isInstanceOf(MappingException.class);
    }
}
