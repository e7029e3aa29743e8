package io.flexhub.usef.mapping;

import static io.flexhub.usef.mapping.UftpFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the NGSI-LD entities look like: ids, types, Properties, Relationships, typed values, ISPs. */
class UftpJsonLdMapperContentTest {

    private static final UftpJsonLdMapper MAPPER = new UftpJsonLdMapper(CONTEXT_URL);

    private static final String FLEX_REQUEST = "6513270e-269e-4d37-b2a7-4de452e6b438";
    private static final String FLEX_OFFER = "9531985d-5d9d-49f8-9818-e811892f902b";
    private static final String FLEX_ORDER = "90c192cf-d3ac-44af-8f21-ddb66cad4a26";
    private static final String D_PROGNOSIS = "8e81973e-0bec-47b0-b898-d190f9ebdacc";

    /** Per sample: a JSON pointer into the entity and the JSON expected there. */
    static Stream<Arguments> expectations() {
        return Stream.of(
                arguments("FlexRequest.xml", "/id", "\"urn:ngsi-ld:FlexRequest:" + FLEX_REQUEST + "\""),
                arguments("FlexRequest.xml", "/type", "\"FlexRequest\""),
                arguments("FlexRequest.xml", "/revision", "{\"type\":\"Property\",\"value\":1}"),
                arguments("FlexRequest.xml", "/ispDuration/value", "\"PT15M\""),
                arguments("FlexRequest.xml", "/period/value", "{\"@type\":\"Date\",\"@value\":\"2021-10-30Z\"}"),
                arguments("FlexRequest.xml", "/timeStamp/value",
                        "{\"@type\":\"DateTime\",\"@value\":\"2021-10-29T13:45:12.1234567\"}"),
                arguments("FlexRequest.xml", "/isps/unitCode", "\"WTT\""),
                arguments("FlexRequest.xml", "/isps/value/68", "{\"disposition\":\"Requested\",\"minPower\":-250000,"
                        + "\"maxPower\":-100000,\"start\":69,\"duration\":1}"),
                arguments("FlexRequest-duration4.xml", "/isps/value/0",
                        "{\"disposition\":\"Available\",\"minPower\":-15,\"maxPower\":15,\"start\":1,\"duration\":4}"),
                arguments("FlexRequestResponse.xml", "/refFlexRequest",
                        "{\"type\":\"Relationship\",\"object\":\"urn:ngsi-ld:FlexRequest:" + FLEX_REQUEST + "\"}"),
                arguments("FlexRequestResponse.xml", "/result/value", "\"Accepted\""),
                arguments("FlexOffer.xml", "/refFlexRequest/object",
                        "\"urn:ngsi-ld:FlexRequest:" + FLEX_REQUEST + "\""),
                arguments("FlexOffer.xml", "/refDPrognosis/object", "\"urn:ngsi-ld:DPrognosis:" + D_PROGNOSIS + "\""),
                arguments("FlexOffer.xml", "/unsolicited/value", "false"),
                arguments("FlexOffer.xml", "/offerOptions/unitCode", "\"WTT\""),
                arguments("FlexOffer.xml", "/offerOptions/value/0/price", "12.5000"),
                arguments("FlexOffer.xml", "/offerOptions/value/0/minActivationFactor", "0.50"),
                arguments("FlexOffer.xml", "/offerOptions/value/1/isps/0",
                        "{\"power\":-120000,\"start\":69,\"duration\":4}"),
                arguments("FlexOfferResponse.xml", "/refFlexOffer/object",
                        "\"urn:ngsi-ld:FlexOffer:" + FLEX_OFFER + "\""),
                arguments("FlexOfferResponse.xml", "/rejectionReason/value", "\"Reference message expired\""),
                arguments("FlexOfferRevocation.xml", "/refFlexOffer/object",
                        "\"urn:ngsi-ld:FlexOffer:" + FLEX_OFFER + "\""),
                arguments("FlexOfferRevocationResponse.xml", "/refFlexOfferRevocation/object",
                        "\"urn:ngsi-ld:FlexOfferRevocation:6b0d549b-6f03-475a-9600-a35a099950d8\""),
                arguments("FlexOrder.xml", "/refFlexOffer/object", "\"urn:ngsi-ld:FlexOffer:" + FLEX_OFFER + "\""),
                arguments("FlexOrder.xml", "/price/value", "10.0000"),
                arguments("FlexOrder.xml", "/activationFactor/value", "0.80"),
                arguments("FlexOrder.xml", "/isps/value/0", "{\"power\":-144000,\"start\":69}"),
                arguments("FlexOrderResponse.xml", "/refFlexOrder/object",
                        "\"urn:ngsi-ld:FlexOrder:" + FLEX_ORDER + "\""),
                arguments("FlexReservationUpdate.xml", "/reference/value", "\"reservation-2021-10-30\""),
                arguments("FlexReservationUpdate.xml", "/isps/value/17",
                        "{\"power\":-200000,\"start\":69,\"duration\":4}"),
                arguments("FlexReservationUpdateResponse.xml", "/refFlexReservationUpdate/object",
                        "\"urn:ngsi-ld:FlexReservationUpdate:0fd630f1-f29d-4da9-953f-48f1a09f76b5\""),
                arguments("D-Prognosis.xml", "/id", "\"urn:ngsi-ld:DPrognosis:" + D_PROGNOSIS + "\""),
                arguments("D-Prognosis.xml", "/type", "\"DPrognosis\""),
                arguments("D-Prognosis.xml", "/period/value", "{\"@type\":\"Date\",\"@value\":\"2021-10-30+02:00\"}"),
                arguments("D-Prognosis.xml", "/isps/value/95", "{\"power\":150000,\"start\":96,\"duration\":1}"),
                arguments("D-PrognosisResponse.xml", "/type", "\"DPrognosisResponse\""),
                arguments("D-PrognosisResponse.xml", "/refDPrognosis/object",
                        "\"urn:ngsi-ld:DPrognosis:" + D_PROGNOSIS + "\""),
                arguments("D-PrognosisResponse.xml", "/flexOrderStatuses/0", "{\"type\":\"Relationship\","
                        + "\"object\":\"urn:ngsi-ld:FlexOrder:" + FLEX_ORDER + "\","
                        + "\"datasetId\":\"urn:ngsi-ld:Dataset:FlexOrderStatus:1\","
                        + "\"isValidated\":{\"type\":\"Property\",\"value\":true}}"),
                arguments("D-PrognosisResponse-without-orders.xml", "/flexOrderStatuses", null),
                arguments("FlexSettlement.xml", "/periodStart/value", "{\"@type\":\"Date\",\"@value\":\"2021-10-01\"}"),
                arguments("FlexSettlement.xml", "/flexOrderSettlements/unitCode", "\"WTT\""),
                arguments("FlexSettlement.xml", "/flexOrderSettlements/value/0/refDPrognosis",
                        "\"urn:ngsi-ld:DPrognosis:" + D_PROGNOSIS + "\""),
                arguments("FlexSettlement.xml", "/flexOrderSettlements/value/0/penalty", "1.2500"),
                arguments("FlexSettlement.xml", "/flexOrderSettlements/value/0/isps/4", "{\"start\":73,\"duration\":4,"
                        + "\"baselinePower\":240000,\"orderedFlexPower\":-144000,\"actualPower\":96000,"
                        + "\"deliveredFlexPower\":-144000}"),
                arguments("FlexSettlement.xml", "/contractSettlements/value/0/periods/1",
                        "{\"period\":{\"@type\":\"Date\",\"@value\":\"2021-10-31\"},"
                                + "\"isps\":[{\"start\":1,\"reservedPower\":0}]}"),
                arguments("FlexSettlementResponse.xml", "/refFlexSettlement/object",
                        "\"urn:ngsi-ld:FlexSettlement:92276658-1e27-41c0-8a6a-63ec24ede6a4\""),
                arguments("FlexSettlementResponse.xml", "/flexOrderSettlementStatuses/value/1",
                        "{\"disposition\":\"Disputed\","
                                + "\"disputeReason\":\"Delivered flex does not match our meter data\"}"),
                arguments("Metering.xml", "/ean/value", "\"E0871685900012636\""),
                arguments("Metering.xml", "/profiles/unitCode", null),
                arguments("Metering.xml", "/profiles/value/1", "{\"profileType\":\"ImportEnergy\",\"unit\":\"kWh\","
                        + "\"isps\":[{\"start\":1,\"meteringValue\":3.1250},{\"start\":2,\"meteringValue\":0},"
                        + "{\"start\":3,\"meteringValue\":-0.5}]}"),
                arguments("MeteringResponse.xml", "/refMetering/object",
                        "\"urn:ngsi-ld:Metering:923a7369-94e3-4f91-9a61-dbe22e44158b\""),
                arguments("TestMessage.xml", "/id", "\"urn:ngsi-ld:TestMessage:907a70c3-1012-4037-b64c-e4228c38fb29\""),
                arguments("TestMessage.xml", "/timeStamp/value",
                        "{\"@type\":\"DateTime\",\"@value\":\"2021-10-29T08:00:00Z\"}"),
                arguments("TestMessageResponse.xml", "/senderDomain/value", "\"dso.example.com\""),
                arguments("AGRPortfolioUpdate.xml", "/connections/value/1",
                        "{\"entityAddress\":\"ean.871685900012636550\","
                        + "\"startPeriod\":{\"@type\":\"Date\",\"@value\":\"2021-10-01\"},"
                        + "\"endPeriod\":{\"@type\":\"Date\",\"@value\":\"2021-12-31\"}}"),
                arguments("AGRPortfolioUpdateResponse.xml", "/refAGRPortfolioUpdate/object",
                        "\"urn:ngsi-ld:AGRPortfolioUpdate:c6f87718-6d76-407e-881e-d162ae2eb154\""),
                arguments("AGRPortfolioQuery.xml", "/period/value", "{\"@type\":\"Date\",\"@value\":\"2021-10-30\"}"),
                arguments("AGRPortfolioQueryResponse.xml", "/refAGRPortfolioQuery/object",
                        "\"urn:ngsi-ld:AGRPortfolioQuery:3f98e277-4cbd-47ad-9c90-a9587403e430\""),
                arguments("AGRPortfolioQueryResponse.xml", "/dsoViews/value/0/dsoPortfolios/0/congestionPoints/1",
                        "{\"entityAddress\":\"ea1.2021-10.com.example.dso:cp-utrecht-0043\","
                                + "\"mutexOffersSupported\":true,\"dayAheadRedispatchBy\":\"AGR\","
                                + "\"connections\":[{\"entityAddress\":\"ea1.2021-10.io.flexhub:building-17\"}]}"),
                arguments("AGRPortfolioQueryResponse.xml", "/dsoViews/value/0/connections",
                        "[{\"entityAddress\":\"ean.871685900012636567\"}]"),
                arguments("DSOPortfolioUpdate.xml", "/congestionPoints/value/0/intradayRedispatchBy", "\"DSO\""),
                arguments("DSOPortfolioUpdateResponse.xml", "/refDSOPortfolioUpdate/object",
                        "\"urn:ngsi-ld:DSOPortfolioUpdate:4cdd2055-930d-4eaf-94f4-733f3e7d1bfb\""),
                arguments("DSOPortfolioQuery.xml", "/entityAddress/value",
                        "\"ea1.2021-10.com.example.dso:cp-utrecht-0042\""),
                arguments("DSOPortfolioQueryResponse.xml", "/refDSOPortfolioQuery/object",
                        "\"urn:ngsi-ld:DSOPortfolioQuery:9be4bcfc-49b6-4a08-b2e6-cc3ababced20\""),
                arguments("DSOPortfolioQueryResponse.xml", "/congestionPoint/value/connections/0",
                        "{\"entityAddress\":\"ean.871685900012636543\",\"agrDomain\":\"agr.flexhub.io\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("expectations")
    void should_emit_the_expected_json_when_a_sample_is_translated(String fixture, String pointer, String expected) {
        JsonNode entity = json(MAPPER.toJsonLd(read(fixture)));

        JsonNode actual = entity.at(pointer);

        if (expected == null) {
            assertThat(actual.isMissingNode()).as(pointer + " absent").isTrue();
        } else {
            assertThat(actual).isEqualTo(json(expected.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @ParameterizedTest
    @MethodSource("io.flexhub.usef.mapping.UftpFixtures#messages")
    void should_carry_the_context_and_an_id_of_its_type_when_any_sample_is_translated(String fixture) {
        JsonNode entity = json(MAPPER.toJsonLd(read(fixture)));

        assertThat(entity.get("id").asText()).startsWith("urn:ngsi-ld:" + entity.get("type").asText() + ":");
        assertThat(entity.get("@context")).isEqualTo(json(("[\"" + CONTEXT_URL + "\",\""
                + UftpJsonLdMapper.NGSI_LD_CORE_CONTEXT + "\"]").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_list_all_96_isps_in_watts_when_the_flex_request_covers_a_whole_day() {
        JsonNode isps = json(MAPPER.toJsonLd(read("FlexRequest.xml"))).at("/isps/value");

        assertThat(isps).hasSize(96);
        assertThat(isps.get(0).get("minPower").isIntegralNumber()).isTrue();
        assertThat(isps.findValuesAsText("disposition")).containsOnly("Available", "Requested");
        assertThat(isps.findValuesAsText("disposition").stream().filter("Requested"::equals)).hasSize(8);
    }

    @Test
    void should_keep_the_scale_of_decimals_when_prices_have_trailing_zeros() {
        String jsonLd = new String(MAPPER.toJsonLd(read("FlexOffer.xml")), StandardCharsets.UTF_8);

        assertThat(jsonLd).contains("\"price\":12.5000", "\"price\":7.2500", "\"minActivationFactor\":0.50");
        assertThat(json(jsonLd.getBytes(StandardCharsets.UTF_8)).at("/offerOptions/value/0/price").decimalValue())
                .isEqualByComparingTo("12.5").hasScaleOf(4);
    }

    @Test
    void should_write_numbers_json_can_carry_when_xml_uses_plus_signs_and_leading_zeros() {
        String xml = text("FlexOrder.xml").replace("Price=\"10.0000\"", "Price=\"+010.50\"")
                .replace("Power=\"-144000\" Start=\"69\"", "Power=\"+0144000\" Start=\" 069 \"");

        JsonNode entity = json(MAPPER.toJsonLd(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(entity.at("/price/value").decimalValue()).isEqualTo(new BigDecimal("10.50"));
        assertThat(entity.at("/isps/value/0")).isEqualTo(json("{\"power\":144000,\"start\":69}".getBytes()));
    }

    @Test
    void should_read_xml_booleans_written_as_digits_when_translating() {
        String xml = text("FlexOffer.xml").replace("Unsolicited=\"false\"", "Unsolicited=\"0\"");

        JsonNode entity = json(MAPPER.toJsonLd(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(entity.at("/unsolicited/value").isBoolean()).isTrue();
        assertThat(entity.at("/unsolicited/value").booleanValue()).isFalse();
    }

    @Test
    void should_drop_schema_location_hints_when_the_sample_carries_them() {
        String xml = text("TestMessage.xml").replace("<TestMessage ", "<TestMessage xmlns:xsi="
                + "\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"UFTP.xsd\" ");

        byte[] back = MAPPER.toUftpXml(MAPPER.toJsonLd(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(infoset(back)).isEqualTo(infoset(read("TestMessage.xml")));
    }

    @Test
    void should_write_namespace_less_xml_in_xsd_attribute_order_when_translating_back() {
        String xml = new String(MAPPER.toUftpXml(MAPPER.toJsonLd(read("FlexOrder.xml"))), StandardCharsets.UTF_8);

        assertThat(xml).startsWith("<?xml").contains("<FlexOrder Version=\"3.0.0\" SenderDomain=")
                .doesNotContain("xmlns")
                .containsSubsequence("MessageID=", "ConversationID=", "ISP-Duration=", "Period=", "Unsolicited=",
                        "FlexOfferMessageID=", "Price=", "OrderReference=", "ActivationFactor=");
    }

    @Test
    void should_accept_any_context_form_when_translating_to_xml() {
        ObjectNode entity = (ObjectNode) json(MAPPER.toJsonLd(read("FlexRequestResponse.xml")));
        String expected = infoset(read("FlexRequestResponse.xml"));

        for (String context : new String[] {"\"https://example.org/other.jsonld\"", "{\"x\":\"https://x.org/\"}",
                "[\"https://example.org/a.jsonld\",{\"y\":\"https://y.org/\"}]"}) {
            entity.set("@context", json(context.getBytes(StandardCharsets.UTF_8)));
            assertThat(infoset(MAPPER.toUftpXml(bytes(entity)))).isEqualTo(expected);
        }
    }

    @Test
    void should_accept_concise_attributes_and_a_compacted_single_isp_when_a_broker_sends_them() {
        ObjectNode entity = (ObjectNode) json(MAPPER.toJsonLd(read("FlexOrder.xml")));
        ObjectNode isps = (ObjectNode) entity.get("isps");
        ArrayNode list = (ArrayNode) isps.get("value");
        isps.set("value", list.get(0));
        isps.remove("type");
        ((ObjectNode) entity.get("price")).remove("type");
        ((ObjectNode) entity.get("refFlexOffer")).remove("type");

        String xml = new String(MAPPER.toUftpXml(bytes(entity)), StandardCharsets.UTF_8);

        assertThat(xml).contains("Price=\"10.0000\"", "FlexOfferMessageID=\"" + FLEX_OFFER + "\"")
                .containsOnlyOnce("<ISP ").contains("<ISP Power=\"-144000\" Start=\"69\"/>");
    }

    @Test
    void should_ignore_attributes_other_producers_added_when_translating_to_xml() {
        ObjectNode entity = (ObjectNode) json(MAPPER.toJsonLd(read("FlexOfferRevocation.xml")));
        entity.set("hubStatus", json("{\"type\":\"Property\",\"value\":\"sent\"}".getBytes()));
        entity.set("createdAt", json("\"2021-10-29T14:30:01Z\"".getBytes()));
        ((ObjectNode) entity.get("refFlexOffer")).set("observedAt", json("\"2021-10-29T14:30:01Z\"".getBytes()));

        byte[] xml = MAPPER.toUftpXml(bytes(entity));

        assertThat(infoset(xml)).isEqualTo(infoset(read("FlexOfferRevocation.xml")));
    }

    @Test
    void should_resolve_the_type_when_it_is_an_iri_a_list_or_only_in_the_id() {
        ObjectNode entity = (ObjectNode) json(MAPPER.toJsonLd(read("D-Prognosis.xml")));
        String expected = infoset(read("D-Prognosis.xml"));

        entity.put("type", UftpSchema.VOCABULARY + "DPrognosis");
        assertThat(infoset(MAPPER.toUftpXml(bytes(entity)))).isEqualTo(expected);
        entity.set("type", json("[\"https://example.org/Forecast\",\"DPrognosis\"]".getBytes()));
        assertThat(infoset(MAPPER.toUftpXml(bytes(entity)))).isEqualTo(expected);
        entity.remove("type");
        assertThat(infoset(MAPPER.toUftpXml(bytes(entity)))).isEqualTo(expected);
    }

    @Test
    void should_write_plain_decimals_when_json_numbers_use_an_exponent() {
        ObjectNode entity = (ObjectNode) json(MAPPER.toJsonLd(read("FlexOrder.xml")));
        String json = new String(bytes(entity), StandardCharsets.UTF_8)
                .replace("\"value\":10.0000", "\"value\":1.05E1");

        String xml = new String(MAPPER.toUftpXml(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(xml).contains("Price=\"10.5\"");
    }

    @Test
    void should_keep_line_breaks_and_markup_in_free_text_when_it_goes_through_xml() {
        ObjectNode entity = (ObjectNode) json(MAPPER.toJsonLd(read("FlexOfferResponse.xml")));
        String reason = "ISPs 3 & 4 \"missing\"\n<see log>\tline\r\nend";
        ((ObjectNode) entity.get("rejectionReason")).put("value", reason);

        byte[] xml = MAPPER.toUftpXml(bytes(entity));

        assertXsdValid(xml);
        assertThat(json(MAPPER.toJsonLd(xml)).at("/rejectionReason/value").asText()).isEqualTo(reason);
    }
}
