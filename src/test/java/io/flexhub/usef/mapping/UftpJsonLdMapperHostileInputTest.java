package io.flexhub.usef.mapping;

import static io.flexhub.usef.mapping.UftpFixtures.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Junk and attacks must end in a MappingException that says what is wrong, never in an expansion or a read. */
class UftpJsonLdMapperHostileInputTest {

    private static final UftpJsonLdMapper MAPPER = new UftpJsonLdMapper(CONTEXT_URL);

    // ---- XML ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"xxe-file.xml", "xxe-attribute.xml", "external-dtd.xml", "parameter-entity.xml",
            "billion-laughs.xml"})
    void should_refuse_the_document_before_any_expansion_when_it_has_a_doctype(String fixture) {
        byte[] xml = read("hostile/" + fixture);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertRejectedXml(xml).hasMessage("DOCTYPE declarations are not allowed in UFTP messages");
            assertThatThrownBy(() -> MAPPER.messageTypeOfXml(xml)).isInstanceOf(MappingException.class)
                    .hasMessageNotContaining("root:");
        });
    }

    @Test
    void should_refuse_an_entity_reference_when_no_doctype_declares_it() {
        assertRejectedXml(read("hostile/undeclared-entity.xml")).hasMessageStartingWith("malformed XML: ")
                .hasMessageContaining("version");
    }

    @Test
    void should_report_malformed_xml_when_the_document_is_truncated() {
        String xml = text("FlexRequest.xml");

        assertRejectedXml(xml.substring(0, xml.length() / 2)).hasMessageStartingWith("malformed XML: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "{\"id\":1}", "<FlexRequest", "<?xml version=\"1.0\"?>"})
    void should_report_malformed_xml_when_the_input_is_not_xml(String junk) {
        assertRejectedXml(junk).hasMessageMatching("(malformed XML: |XML document has no root element).*");
    }

    @Test
    void should_report_an_empty_document_when_there_are_no_bytes() {
        assertRejectedXml("").hasMessage("empty XML document");
    }

    @Test
    void should_name_the_root_when_it_is_not_a_uftp_message() {
        assertRejectedXml("<Foo Bar=\"1\"/>").hasMessage("unexpected root element 'Foo': not a UFTP 3.x message");
    }

    @Test
    void should_point_at_the_body_when_given_the_signed_message_envelope() {
        assertRejectedXml("<SignedMessage SenderDomain=\"dso.example.com\" SenderRole=\"DSO\" Body=\"PEZvby8+\"/>")
                .hasMessage("SignedMessage is the transport envelope; translate the message in its Body");
    }

    @Test
    void should_refuse_a_namespace_when_the_root_is_qualified() {
        String xml = text("TestMessage.xml")
                .replace("<TestMessage ", "<TestMessage xmlns=\"https://usef.info/schema/2019\" ");

        assertRejectedXml(xml).hasMessage("root element TestMessage is in namespace 'https://usef.info/schema/2019';"
                + " UFTP 3.x messages have no namespace");
    }

    @Test
    void should_name_the_isp_and_attribute_when_a_power_is_not_numeric() {
        String xml = text("FlexRequest.xml").replace("MinPower=\"-400000\" MaxPower=\"400000\" Start=\"3\"",
                "MinPower=\"abc\" MaxPower=\"400000\" Start=\"3\"");

        assertRejectedXml(xml).hasMessage("FlexRequest/ISP[3]: attribute MinPower is not an integer: 'abc'");
    }

    @Test
    void should_name_the_nested_element_when_a_decimal_is_malformed() {
        String xml = text("FlexOffer.xml").replace("Price=\"7.2500\"", "Price=\"7,25\"");

        assertRejectedXml(xml).hasMessage("FlexOffer/OfferOption[2]: attribute Price is not a decimal: '7,25'");
    }

    @Test
    void should_name_the_attribute_when_a_boolean_is_malformed() {
        String xml = text("D-PrognosisResponse.xml").replace("IsValidated=\"false\"", "IsValidated=\"no\"");

        assertRejectedXml(xml).hasMessage("D-PrognosisResponse/FlexOrderStatus[2]: attribute IsValidated is not a"
                + " boolean: 'no'");
    }

    @Test
    void should_name_the_attribute_when_a_required_one_is_missing() {
        String xml = text("FlexRequest.xml").replaceFirst(" MessageID=\"[^\"]+\"", "");

        assertRejectedXml(xml).hasMessage("FlexRequest: attribute MessageID is missing");
    }

    @Test
    void should_name_the_attribute_when_the_message_id_is_not_a_uuid() {
        String xml = text("TestMessage.xml").replaceFirst(" MessageID=\"[^\"]+\"", " MessageID=\"42\"");

        assertRejectedXml(xml).hasMessage("TestMessage: attribute MessageID is not a UUID: '42'");
    }

    @Test
    void should_name_the_attribute_when_it_is_not_in_the_schema() {
        String xml = text("FlexOrder.xml").replace("<ISP Power=\"-144000\" Start=\"70\"",
                "<ISP Power=\"-144000\" Colour=\"red\" Start=\"70\"");

        assertRejectedXml(xml).hasMessage("FlexOrder/ISP[2]: unexpected attribute Colour");
    }

    @Test
    void should_list_the_allowed_children_when_an_element_is_unknown() {
        String xml = text("FlexOffer.xml").replace("<OfferOption OptionReference=\"option-b\" Price=\"7.2500\">",
                "<OfferOption OptionReference=\"option-b\" Price=\"7.2500\"><Bogus/>");

        assertRejectedXml(xml).hasMessage("FlexOffer/OfferOption[2]: unexpected element Bogus (expected ISP)");
    }

    @Test
    void should_refuse_elements_out_of_sequence_when_the_settlement_order_is_swapped() {
        String xml = text("FlexSettlement.xml").replace("</FlexSettlement>",
                "<FlexOrderSettlement Period=\"2021-10-31\" CongestionPoint=\"ean.871685900012\" Price=\"1\""
                        + " NetSettlement=\"1\"><ISP Start=\"1\" BaselinePower=\"0\" OrderedFlexPower=\"0\""
                        + " ActualPower=\"0\" DeliveredFlexPower=\"0\"/></FlexOrderSettlement></FlexSettlement>");

        assertRejectedXml(xml).hasMessage("FlexSettlement: element FlexOrderSettlement is out of sequence order");
    }

    @Test
    void should_name_the_missing_child_when_a_required_list_is_absent() {
        String xml = text("FlexRequest.xml").replaceAll("(?s)<ISP .*/>", "");

        assertRejectedXml(xml).hasMessage("FlexRequest: element ISP is missing");
    }

    @Test
    void should_refuse_text_content_when_uftp_has_none() {
        String xml = text("FlexOrder.xml").replace("</FlexOrder>", "approved</FlexOrder>");

        assertRejectedXml(xml).hasMessage("FlexOrder: unexpected text 'approved'");
    }

    @Test
    void should_refuse_a_second_occurrence_when_the_element_may_occur_once() {
        String xml = text("DSOPortfolioQueryResponse.xml").replace("</DSOPortfolioQueryResponse>",
                "<CongestionPoint EntityAddress=\"ean.871685900012\"><Connection EntityAddress=\"ean.871685900013\"/>"
                        + "</CongestionPoint></DSOPortfolioQueryResponse>");

        assertRejectedXml(xml).hasMessage("DSOPortfolioQueryResponse: element CongestionPoint may occur only once");
    }

    // ---- JSON-LD ------------------------------------------------------------------------------------------

    @Test
    void should_report_line_and_column_when_the_json_is_malformed() {
        assertRejectedJson("{\n  \"id\": \"urn:ngsi-ld:TestMessage:x\",\n  \"type\": }")
                .hasMessageStartingWith("malformed JSON at line 3, column ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"FlexRequest\"", "42"})
    void should_require_an_object_when_the_json_is_not_one(String json) {
        assertRejectedJson(json).hasMessage("a JSON-LD entity must be a JSON object");
    }

    @Test
    void should_report_an_empty_document_when_the_json_has_no_bytes() {
        assertRejectedJson("").hasMessage("empty JSON-LD document");
    }

    @Test
    void should_name_the_property_when_a_required_one_is_missing() {
        assertRejectedJson(edit("FlexRequest.xml", e -> e.remove("period")))
                .hasMessage("FlexRequest: property 'period' is missing");
    }

    @Test
    void should_name_the_nested_key_when_a_required_one_is_missing() {
        assertRejectedJson(edit("FlexOffer.xml", e -> ((ObjectNode) e.at("/offerOptions/value/1")).remove("price")))
                .hasMessage("FlexOffer: property 'offerOptions[1].price' is missing");
    }

    @Test
    void should_ask_for_the_id_when_it_is_missing() {
        assertRejectedJson(edit("TestMessage.xml", e -> e.remove("id")))
                .hasMessage("TestMessage: property 'id' is missing");
    }

    @Test
    void should_ask_for_the_type_when_neither_type_nor_id_is_given() {
        assertRejectedJson(edit("TestMessage.xml", e -> e.remove(java.util.List.of("id", "type"))))
                .hasMessage("property 'type' is missing");
    }

    @Test
    void should_name_the_type_when_it_is_not_a_uftp_message() {
        assertRejectedJson(edit("TestMessage.xml", e -> e.put("type", "Building")))
                .hasMessage("property 'type' is not a UFTP message type: 'Building'");
    }

    @Test
    void should_show_the_expected_id_when_it_names_another_type() {
        assertRejectedJson(edit("FlexRequest.xml",
                e -> e.put("id", "urn:ngsi-ld:FlexOffer:9531985d-5d9d-49f8-9818-e811892f902b")))
                .hasMessage("FlexRequest: property 'id' must be urn:ngsi-ld:FlexRequest:<MessageID UUID>:"
                        + " 'urn:ngsi-ld:FlexOffer:9531985d-5d9d-49f8-9818-e811892f902b'");
    }

    @Test
    void should_name_the_isp_key_when_a_power_is_not_an_integer() {
        assertRejectedJson(edit("FlexRequest.xml", e -> ((ObjectNode) e.at("/isps/value/2")).put("minPower", "abc")))
                .hasMessage("FlexRequest: property 'isps[2].minPower' is not an integer: 'abc'");
    }

    @Test
    void should_refuse_a_fraction_when_a_power_must_be_whole_watts() {
        assertRejectedJson(edit("FlexOrder.xml", e -> ((ObjectNode) e.at("/isps/value/0")).put("power", 1.5)))
                .hasMessage("FlexOrder: property 'isps[0].power' is not an integer: 1.5");
    }

    @Test
    void should_name_the_expected_target_when_a_relationship_points_at_the_wrong_type() {
        assertRejectedJson(edit("FlexOffer.xml", e -> ((ObjectNode) e.get("refFlexRequest"))
                .put("object", "urn:ngsi-ld:FlexOffer:9531985d-5d9d-49f8-9818-e811892f902b")))
                .hasMessage("FlexOffer: property 'refFlexRequest' must reference a urn:ngsi-ld:FlexRequest:<UUID>:"
                        + " 'urn:ngsi-ld:FlexOffer:9531985d-5d9d-49f8-9818-e811892f902b'");
    }

    @Test
    void should_refuse_a_value_when_a_relationship_needs_an_object() {
        assertRejectedJson(edit("FlexOrderResponse.xml", e -> e.set("refFlexOrder",
                json("{\"type\":\"Property\",\"value\":\"x\"}".getBytes()))))
                .hasMessage("FlexOrderResponse: property 'refFlexOrder' must be of type Relationship, not 'Property'");
    }

    @Test
    void should_list_the_keys_when_an_isp_has_an_unknown_one() {
        assertRejectedJson(edit("FlexRequest.xml", e -> ((ObjectNode) e.at("/isps/value/0")).put("minpower", 1)))
                .hasMessage("FlexRequest: property 'isps[0].minpower' is not a key of ISP (expected disposition,"
                        + " minPower, maxPower, start, duration)");
    }

    @Test
    void should_refuse_another_unit_when_powers_would_be_misread() {
        assertRejectedJson(edit("FlexRequest.xml", e -> ((ObjectNode) e.get("isps")).put("unitCode", "KWT")))
                .hasMessage("FlexRequest: property 'isps' has unitCode 'KWT'; only WTT is supported");
    }

    @Test
    void should_list_the_allowed_values_when_an_enumeration_is_violated() {
        assertRejectedJson(edit("FlexRequest.xml",
                e -> ((ObjectNode) e.at("/isps/value/5")).put("disposition", "Maybe")))
                .hasMessage("FlexRequest: property 'isps[5].disposition' is not one of Available, Requested: 'Maybe'");
    }

    @Test
    void should_name_the_property_when_a_date_is_malformed() {
        assertRejectedJson(edit("FlexRequest.xml",
                e -> ((ObjectNode) e.at("/period/value")).put("@value", "30-10-2021")))
                .hasMessage("FlexRequest: property 'period' is not an xs:date like 2021-10-30: '30-10-2021'");
    }

    @Test
    void should_refuse_a_date_time_type_when_the_attribute_is_a_date() {
        assertRejectedJson(edit("FlexRequest.xml", e -> ((ObjectNode) e.at("/period/value")).put("@type", "DateTime")))
                .hasMessage("FlexRequest: property 'period' has @type 'DateTime', expected Date");
    }

    @Test
    void should_refuse_zero_when_an_isp_start_must_be_positive() {
        assertRejectedJson(edit("FlexOrder.xml", e -> ((ObjectNode) e.at("/isps/value/0")).put("start", 0)))
                .hasMessage("FlexOrder: property 'isps[0].start' is not a positive integer: '0'");
    }

    @Test
    void should_refuse_a_fifth_fraction_digit_when_a_price_is_a_currency_amount() {
        assertRejectedJson(edit("FlexOrder.xml", e -> ((ObjectNode) e.get("price")).put("value",
                new java.math.BigDecimal("10.00001"))))
                .hasMessage("FlexOrder: property 'price' is not an amount with at most 4 fraction digits: '10.00001'");
    }

    @Test
    void should_refuse_an_empty_list_when_at_least_one_isp_is_required() {
        assertRejectedJson(edit("FlexRequest.xml",
                e -> ((ObjectNode) e.get("isps")).set("value", JSON.createArrayNode())))
                .hasMessage("FlexRequest: property 'isps' must hold at least one ISP");
    }

    @Test
    void should_refuse_control_characters_when_xml_cannot_carry_them() {
        assertRejectedJson(edit("FlexOfferResponse.xml",
                e -> ((ObjectNode) e.get("rejectionReason")).put("value", "a\u0001b")))
                .hasMessage("FlexOfferResponse: property 'rejectionReason' is not text XML 1.0 can carry: 'a\u0001b'");
    }

    @Test
    void should_refuse_a_duplicate_when_a_property_occurs_twice() {
        String json = new String(MAPPER.toJsonLd(read("FlexRequest.xml")), StandardCharsets.UTF_8)
                .replace("\"revision\":", "\"revision\":{\"type\":\"Property\",\"value\":7},\"revision\":");

        assertRejectedJson(json).hasMessage("FlexRequest: property 'revision' occurs twice");
    }

    @Test
    void should_refuse_null_when_a_value_is_required() {
        assertRejectedJson(edit("FlexRequest.xml", e -> ((ObjectNode) e.get("revision")).putNull("value")))
                .hasMessage("FlexRequest: property 'revision' is not an integer: null");
    }

    @Test
    void should_refuse_a_huge_exponent_when_it_would_expand_into_a_huge_decimal() {
        String json = new String(MAPPER.toJsonLd(read("FlexOrder.xml")), StandardCharsets.UTF_8)
                .replace("\"value\":10.0000", "\"value\":1e999999999");

        assertRejectedJson(json).hasMessage("FlexOrder: property 'price' is not a number: 1e999999999");
    }

    @Test
    void should_stop_at_the_nesting_limit_when_an_ignored_attribute_is_deeply_nested() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String json = new String(MAPPER.toJsonLd(read("TestMessage.xml")), StandardCharsets.UTF_8)
                .replace("\"@context\":", "\"junk\":" + deep + ",\"@context\":");

        assertRejectedJson(json).hasMessageStartingWith("malformed JSON").hasMessageContaining("nesting depth");
    }

    @Test
    void should_refuse_a_list_when_only_one_element_is_allowed() {
        assertRejectedJson(edit("DSOPortfolioQueryResponse.xml", e -> {
            ObjectNode congestionPoint = (ObjectNode) e.get("congestionPoint");
            ArrayNode two = JSON.createArrayNode().add(congestionPoint.get("value")).add(congestionPoint.get("value"));
            congestionPoint.set("value", two);
        })).hasMessage("DSOPortfolioQueryResponse: property 'congestionPoint' may hold only one CongestionPoint");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejectedXml(String xml) {
        return assertRejectedXml(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejectedXml(byte[] xml) {
        return assertThatThrownBy(() -> MAPPER.toJsonLd(xml)).isInstanceOf(MappingException.class);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejectedJson(String json) {
        return assertRejectedJson(json.getBytes(StandardCharsets.UTF_8));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejectedJson(byte[] json) {
        return assertThatThrownBy(() -> MAPPER.toUftpXml(json)).isInstanceOf(MappingException.class);
    }

    /** The sample's entity with one change applied. */
    private static byte[] edit(String fixture, Consumer<ObjectNode> change) {
        JsonNode entity = json(MAPPER.toJsonLd(read(fixture)));
        change.accept((ObjectNode) entity);
        return bytes(entity);
    }
}
