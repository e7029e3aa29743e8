package io.flexhub.ngsild.client;

import static io.flexhub.ngsild.client.ScorpioReplay.MAPPER;
import static io.flexhub.ngsild.client.ScorpioReplay.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgsiLdValuesTest {

    static final String CONTEXT = "http://127.0.0.1:8100/flex-context.jsonld";

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    private static List<String> headerValues(JsonNode recorded, String name) {
        List<String> values = new ArrayList<>();
        recorded.path("headers").forEach(h -> {
            if (h.get(0).asText().equalsIgnoreCase(name)) {
                values.add(h.get(1).asText());
            }
        });
        return values;
    }

    @Test
    void should_strip_and_report_context_when_scorpio_puts_it_inside_each_data_element() {
        NgsiLdNotification n = NgsiLdValues.notification(fixture("notification-2.json").get("body"));

        assertThat(n.id()).isEqualTo("notification:-6939234995651594263");
        assertThat(n.subscriptionId()).isEqualTo("urn:ngsi-ld:Subscription:flex-ldjson");
        assertThat(n.notifiedAt()).isEqualTo(Instant.parse("2026-11-26T10:52:07.473Z"));
        assertThat(n.contexts()).containsExactly(CONTEXT);
        assertThat(n.entities()).hasSize(1);
        ObjectNode x = n.entities().get(0);
        assertThat(x.has("@context")).isFalse();
        assertThat(NgsiLdValues.number(x.get("controllabilityFactor"))).hasValue(0.2);
        assertThat(NgsiLdValues.text(x.get("refDevice"))).contains("urn:ngsi-ld:Device:X");
    }

    @Test
    void should_report_context_when_orion_ld_puts_it_at_the_top_level() {
        // Orion-LD's ld+json shape (#1245): the recorded Scorpio body with @context moved out of data.
        ObjectNode body = fixture("notification-13.json").get("body").deepCopy();
        ObjectNode entity = (ObjectNode) body.get("data").get(0);
        body.set("@context", entity.remove("@context"));

        NgsiLdNotification n = NgsiLdValues.notification(body);

        assertThat(n.contexts()).containsExactly(CONTEXT);
        ObjectNode u = n.entities().get(0);
        assertThat(u.get("id").asText()).isEqualTo("urn:ngsi-ld:FlexConfiguration:U");
        assertThat(NgsiLdValues.number(u.get("controllabilityFactor"))).hasValue(0.9);
        assertThat(NgsiLdValues.texts(u.get("flexibilityType"))).containsExactly("controllable");
    }

    @Test
    void should_read_normalized_values_and_link_context_when_endpoint_accepts_json() {
        JsonNode recorded = fixture("notification-21.json");

        NgsiLdNotification n = NgsiLdValues.notification(recorded.get("body"));

        assertThat(n.contexts()).isEmpty();
        assertThat(LinkHeader.urisWithRel(headerValues(recorded, "Link"), LinkHeader.JSON_LD_CONTEXT_REL))
                .containsExactly(CONTEXT);
        JsonNode factor = n.entities().get(0).get("controllabilityFactor");
        assertThat(NgsiLdValues.number(factor)).hasValue(0.4);
        assertThat(NgsiLdValues.observedAt(factor)).contains(Instant.parse("2026-11-26T10:52:22.335Z"));
        assertThat(NgsiLdValues.text(n.entities().get(0).get("refDevice"))).contains("urn:ngsi-ld:Device:X");
    }

    @Test
    void should_give_same_list_when_one_element_array_was_compacted_to_a_scalar() throws Exception {
        assertThat(NgsiLdValues.texts(json("{\"type\":\"Property\",\"value\":\"controllable\"}")))
                .containsExactly("controllable");
        assertThat(NgsiLdValues.texts(json("{\"type\":\"Property\",\"value\":[\"controllable\"]}")))
                .containsExactly("controllable");
        assertThat(NgsiLdValues.texts(json("[\"controllable\",\"shiftable\"]")))
                .containsExactly("controllable", "shiftable");
        assertThat(NgsiLdValues.texts(json("\"controllable\""))).containsExactly("controllable");
        assertThat(NgsiLdValues.values(null)).isEmpty();
    }

    @Test
    void should_unwrap_json_ld_value_objects_when_value_uses_at_value() throws Exception {
        assertThat(NgsiLdValues.number(json("{\"type\":\"Property\",\"value\":{\"@value\":0.3}}"))).hasValue(0.3);
        assertThat(NgsiLdValues.text(json("{\"@value\":\"x\"}"))).contains("x");
        assertThat(NgsiLdValues.texts(json("{\"type\":\"Property\",\"value\":[{\"@value\":\"a\"},\"b\"]}")))
                .containsExactly("a", "b");
    }

    @Test
    void should_find_attribute_by_expanded_iri_when_context_was_not_applied() throws Exception {
        JsonNode entity = json("{\"id\":\"urn:x\",\"" + NgsiLdValues.DEFAULT_CONTEXT_PREFIX
                + "controllabilityFactor\":{\"type\":\"Property\",\"value\":0.6}}");

        JsonNode attr = NgsiLdValues.attribute(entity, "controllabilityFactor",
                NgsiLdValues.DEFAULT_CONTEXT_PREFIX + "controllabilityFactor");

        assertThat(NgsiLdValues.number(attr)).hasValue(0.6);
        assertThat(NgsiLdValues.attribute(entity, "other").isMissingNode()).isTrue();
    }

    @Test
    void should_read_first_instance_when_attribute_has_several_instances() throws Exception {
        JsonNode attr = json("[{\"type\":\"Property\",\"value\":1},{\"type\":\"Property\",\"value\":2}]");

        assertThat(NgsiLdValues.number(attr)).hasValue(1.0);
        assertThat(NgsiLdValues.instances(json("{\"type\":\"Property\",\"value\":3}"))).hasSize(1);
    }

    @Test
    void should_parse_timestamps_when_fraction_has_zero_to_nine_digits_or_an_offset() {
        Instant base = Instant.parse("2026-11-26T10:48:16Z");
        assertThat(NgsiLdValues.instant("2026-11-26T10:48:16Z")).contains(base);
        assertThat(NgsiLdValues.instant("2026-11-26T10:48:16.546000Z")).contains(base.plusMillis(546));
        assertThat(NgsiLdValues.instant("2026-11-26T10:48:16.123456789Z")).contains(base.plusNanos(123_456_789));
        assertThat(NgsiLdValues.instant("2026-11-26T11:48:16+01:00")).contains(base);
        assertThat(NgsiLdValues.instant("yesterday")).isEmpty();
    }

    @Test
    void should_refuse_a_notification_whose_data_is_not_a_list_of_entities() throws Exception {
        for (String data : new String[] {"", ", \"data\": \"x\"", ", \"data\": 7"}) {
            JsonNode body = json("{\"id\": \"n:1\", \"type\": \"Notification\"" + data + "}");
            assertThatThrownBy(() -> NgsiLdValues.notification(body))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("notification data must be a list of entities, got ");
        }
        JsonNode noId = json("{\"type\": \"Notification\", \"data\": [{\"id\": \"urn:a\"}, {\"type\": \"X\"}]}");
        assertThatThrownBy(() -> NgsiLdValues.notification(noId))
                .hasMessage("notification data[1] is not an entity (an object with an id)");
    }
}
