package io.flexhub.ngsild;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.flexhub.dr.DrEvent;
import io.flexhub.site.Actuation;
import io.flexhub.site.ContextStore;
import io.flexhub.site.embedded.SiteRepository;
import io.flexhub.demo.DemoDsoMessages;
import io.flexhub.support.HubTestSupport;
import io.flexhub.support.MovableClock;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageRecord.Direction;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * The hub with {@code flexhub.ngsild.broker-url} set, against a WireMock broker: start-up subscriptions, the
 * notification endpoint (secret, both @context placements), the configuration API writing through, and entities
 * published with retry. Its own Spring context; everything broker-mode is kept in this one class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(NgsiLdBrokerModeTest.Clocks.class)
class NgsiLdBrokerModeTest extends HubTestSupport {

    /** Only the movable clock: the shared test beans record commands for the embedded actuator, absent here. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    private static final String BASE = "/ngsi-ld/v1";
    private static final String SECRET = "test-notify-secret";
    private static final String EV = "urn:ngsi-ld:Device:pleiades-ev-01";
    private static final String CONFIG = "urn:ngsi-ld:FlexConfiguration:pleiades-ev-01";
    /** A building the broker does not list at start-up. */
    private static final String LATE_BUILDING_CP = "ean.871685900000000077";
    private static final String RESENT_BUILDING_CP = "ean.871685900000000078";
    /** The charger's setting on the broker before any event: what a restore must put back. */
    private static final String EV_ENTITY = """
            {"id": "%s", "type": "EVChargingStation",
             "refBuilding": {"type": "Relationship", "object": "urn:ngsi-ld:Building:umu-pleiades"},
             "powerLimit": {"type": "Property", "value": 7.4, "unitCode": "KWT"},
             "controlMode": {"type": "Property", "value": "schedule"}}
            """.formatted(EV);
    private static final ScorpioDevices DEVICES = new ScorpioDevices();
    private static final WireMockServer BROKER = new WireMockServer(options().dynamicPort().extensions(DEVICES));

    static {
        BROKER.start();
        DEVICES.install(BROKER, BASE);
        DEVICES.put(EV_ENTITY);
        Runtime.getRuntime().addShutdownHook(new Thread(BROKER::stop));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).atPriority(10).willReturn(json("[]")));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("Building")).atPriority(1)
                .willReturn(json("""
                        [{"id": "urn:ngsi-ld:Building:umu-pleiades", "type": "Building",
                          "congestionPoint": {"type": "Property", "value": "ean.871685900012636543"},
                          "timeZone": {"type": "Property", "value": "Europe/Madrid"}}]
                        """)));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("EVChargingStation"))
                .atPriority(1).willReturn(json("""
                        [{"id": "%s", "type": "EVChargingStation",
                          "refBuilding": {"type": "Relationship", "object": "urn:ngsi-ld:Building:umu-pleiades"},
                          "ratedPower": {"type": "Property", "value": 7.4}}]
                        """.formatted(EV))));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("FlexConfiguration"))
                .atPriority(1).willReturn(json("[" + flexConfiguration("20:00") + "]")));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/subscriptions")).willReturn(json("[]")));
        BROKER.stubFor(post(urlEqualTo(BASE + "/subscriptions")).willReturn(aResponse().withStatus(201)));
        BROKER.stubFor(post(urlPathEqualTo(BASE + "/entityOperations/upsert")).atPriority(10)
                .willReturn(aResponse().withStatus(204)));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hubProperties(registry);
        h2(registry);
        registry.add("flexhub.ngsild.broker-url", () -> BROKER.baseUrl() + BASE);
        registry.add("flexhub.ngsild.notify-secret", () -> SECRET);
        registry.add("flexhub.ngsild.refresh-interval", () -> "1h");
        registry.add("flexhub.ngsild.publish-interval", () -> "200ms");
        registry.add("flexhub.ngsild.publish-max-delay", () -> "400ms");
        registry.add("flexhub.selfconsumption.actuation.poll-interval", () -> "200ms");
    }

    @Autowired
    MovableClock clock;
    @Autowired
    ContextStore store;
    @Autowired
    SiteRepository repository;
    @Autowired
    NgsiLdContextStore brokerContext;
    @Autowired
    UftpMessageStore messages;
    @Autowired
    io.flexhub.selfconsumption.RunStore runs;
    @Autowired
    io.flexhub.selfconsumption.CommandStore commands;
    @Autowired
    io.flexhub.dr.DrEventStore events;
    @Autowired
    io.flexhub.site.DeviceActuator actuator;

    @Test
    void should_register_the_subscriptions_at_start_up_with_the_secret_endpoint() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(BROKER.findAll(postRequestedFor(urlEqualTo(BASE + "/subscriptions")))).hasSizeGreaterThanOrEqualTo(3));
        List<String> ids = BROKER.findAll(postRequestedFor(urlEqualTo(BASE + "/subscriptions"))).stream()
                .map(r -> read(r.getBodyAsString())).peek(s -> assertThat(s.at("/notification/endpoint/uri").asText())
                        .isEqualTo("http://hub.test.example/ngsi-ld/notify/" + SECRET))
                .map(s -> s.get("id").asText()).toList();
        assertThat(ids).contains(NgsiLdSubscriptions.FLEX_CONFIGURATION, NgsiLdSubscriptions.DEVICE_POWER,
                NgsiLdSubscriptions.FORECAST);
    }

    @Test
    void should_refuse_notifications_without_the_right_secret() {
        String body = notification(false);
        assertThat(notify("/ngsi-ld/notify/wrong", "application/json", body, null).statusCode()).isEqualTo(401);
        assertThat(notify("/ngsi-ld/notify", "application/json", body, "wrong").statusCode()).isEqualTo(401);
        assertThat(notify("/ngsi-ld/notify", "application/json", body, null).statusCode()).isEqualTo(401);
        assertThat(notify("/ngsi-ld/notify/" + SECRET, "text/plain", body, null).statusCode()).isEqualTo(415);
        assertThat(notify("/ngsi-ld/notify/" + SECRET, "application/ld+json", notification(false), null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void should_refuse_malformed_and_hostile_notifications_with_a_specific_4xx_and_act_on_none() {
        awaitConfigurationStart(null);
        String marker = "urn:ngsi-ld:FlexConfiguration:hostile-marker";
        String valid = notification(true).replace(CONFIG, marker);
        String path = "/ngsi-ld/notify/" + SECRET;
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("form-urlencoded", new Object[] {"application/x-www-form-urlencoded", utf8("data=x"), 415,
            "application/x-www-form-urlencoded"});
        cases.put("charset", new Object[] {"application/ld+json; charset=ISO-8859-1", utf8(valid), 415, "charset"});
        cases.put("invalid UTF-8", new Object[] {"application/ld+json", splice(utf8(valid), (byte) 0xC3), 400,
            "UTF-8"});
        cases.put("UTF-16", new Object[] {"application/ld+json; charset=utf-8",
            valid.getBytes(StandardCharsets.UTF_16), 400, "UTF-16"});
        cases.put("NUL", new Object[] {"application/ld+json", splice(utf8(valid), (byte) 0), 400, "NUL"});
        cases.put("truncated", new Object[] {"application/ld+json", utf8(valid.substring(0, 80)), 400, "JSON"});
        cases.put("duplicate keys", new Object[] {"application/ld+json",
            utf8(valid.replace("\"type\": \"Notification\",", "\"type\": \"Notification\", \"type\": \"Other\",")),
            400, "duplicate key 'type'"});
        cases.put("deep nesting", new Object[] {"application/ld+json", utf8("[".repeat(5000) + "]".repeat(5000)), 400,
            "nesting"});
        cases.put("huge number", new Object[] {"application/ld+json",
            utf8(valid.replace("\"23:59\"", "1" + "0".repeat(400))), 400, "Number"});
        cases.put("array root", new Object[] {"application/ld+json", utf8("[" + valid + "]"), 400, ""});
        cases.put("data not a list", new Object[] {"application/ld+json",
            utf8(valid.replaceFirst("\"data\": \\[", "\"data\": \"x\", \"unused\": [")), 400, "data"});
        cases.put("empty", new Object[] {"application/ld+json", new byte[0], 400, "JSON"});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            Object[] v = c.getValue();
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", (String) v[0])
                    .POST(HttpRequest.BodyPublishers.ofByteArray((byte[]) v[1])).build());
            assertThat(r.statusCode()).as(c.getKey() + ": " + r.body()).isEqualTo(v[2]);
            assertThat(r.headers().firstValue("Content-Type")).as(c.getKey()).hasValue("application/problem+json");
            assertThat(read(r.body()).get("detail").asText()).as(c.getKey()).containsIgnoringCase((String) v[3]);
        }

        // notifications are applied in order: once this one is, a refused one would have been before it
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(CONFIG))).willReturn(json(flexConfiguration("19:15"))));
        assertThat(notify(path, "application/ld+json", notification(true), null).statusCode()).isEqualTo(200);
        awaitConfigurationStart("19:15");
        assertThat(BROKER.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(BASE + "/entities/" + enc(marker))))).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] body, byte inserted) {
        byte[] out = new byte[body.length + 1];
        int at = body.length / 2;
        System.arraycopy(body, 0, out, 0, at);
        out[at] = inserted;
        System.arraycopy(body, at, out, at + 1, body.length - at);
        return out;
    }

    @Test
    void should_update_the_cache_from_notifications_in_both_context_placements() {
        awaitConfigurationStart(null);

        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(CONFIG))).willReturn(json(flexConfiguration("21:30"))));
        HttpResponse<String> linked = notify("/ngsi-ld/notify/" + SECRET, "application/json", notification(false), null);
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        awaitConfigurationStart("21:30");

        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(CONFIG))).willReturn(json(flexConfiguration("22:45"))));
        HttpResponse<String> inline = notify("/ngsi-ld/notify", "application/ld+json", notification(true), SECRET);
        assertThat(inline.statusCode()).as(inline.body()).isEqualTo(200);
        awaitConfigurationStart("22:45");
    }

    @Test
    void should_write_configuration_changes_through_to_the_broker() {
        awaitConfigurationStart(null);
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + CONFIG)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"flexibilityType\":\"shiftable\",\"operationWindow\":{\"startTime\":\"19:00\",\"endTime\":\"07:00\"}}")));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var upserts = BROKER.findAll(postRequestedFor(urlPathEqualTo(BASE + "/entityOperations/upsert")))
                .stream().filter(u -> u.getBodyAsString().contains(CONFIG)).toList();
        assertThat(upserts).isNotEmpty();
        JsonNode sent = read(upserts.get(upserts.size() - 1).getBodyAsString()).get(0);
        assertThat(sent.at("/operationWindow/value/startTime").asText()).isEqualTo("19:00");
        assertThat(sent.has("@context")).isFalse();
        assertThat(upserts.get(0).getHeader("Link")).contains("/ngsi-ld/contexts/site.jsonld");
        assertThat(store.flexConfiguration(CONFIG).orElseThrow().operationWindow().startTime().toString()).isEqualTo("19:00");
    }

    @Test
    void should_publish_entities_through_a_broker_outage() {
        String id = "urn:ngsi-ld:FlexRequest:outage-test";
        // three 503s: the client's own quick retry is not enough, the pending row is rescheduled with back-off
        String[] states = {STARTED, "503-2", "503-3", "recovered"};
        for (int i = 0; i < 3; i++) {
            BROKER.stubFor(post(urlPathEqualTo(BASE + "/entityOperations/upsert")).atPriority(1).inScenario("outage")
                    .whenScenarioStateIs(states[i]).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(id))
                    .willReturn(json("{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/InternalError\"}").withStatus(503))
                    .willSetStateTo(states[i + 1]));
        }
        BROKER.stubFor(post(urlPathEqualTo(BASE + "/entityOperations/upsert")).atPriority(1).inScenario("outage")
                .whenScenarioStateIs("recovered").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(id))
                .willReturn(json("[\"" + id + "\"]").withStatus(201)));

        store.publish(List.of(Map.of("id", id, "type", "FlexRequest",
                "@context", List.of("http://hub.test.example/ngsi-ld/contexts/uftp.jsonld"),
                "congestionPoint", Map.of("type", "Property", "value", "ean.871685900012636543"))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(repository.entity(id).orElseThrow().pending()).isFalse());
        var sent = BROKER.findAll(postRequestedFor(urlPathEqualTo(BASE + "/entityOperations/upsert")))
                .stream().filter(u -> u.getBodyAsString().contains(id)).toList();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(0).queryParameter("options").firstValue()).isEqualTo("update");
        assertThat(sent.get(0).getHeader("Link")).contains("uftp.jsonld");
        assertThat(read(sent.get(0).getBodyAsString()).get(0).has("@context")).isFalse();
        assertThat(repository.entity(id).orElseThrow().attempts()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void should_reject_a_request_for_a_building_the_broker_lacks_and_accept_one_added_since_the_last_refresh() {
        dsoAccepts();
        FlexRequest early = DSO.flexRequest();
        early.setCongestionPoint(LATE_BUILDING_CP);
        assertThat(postUftp(DSO.signed(early)).statusCode()).isEqualTo(200);
        FlexRequestResponse rejected = awaitResponse(FlexRequestResponse.class, early.getMessageID());
        assertThat(rejected.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(rejected.getRejectionReason()).isEqualTo("Invalid CongestionPoint (" + LATE_BUILDING_CP + ")");

        StubMapping joined = BROKER.stubFor(buildingsWithOneAt(LATE_BUILDING_CP));
        try {
            FlexRequest later = DSO.flexRequest();
            later.setCongestionPoint(LATE_BUILDING_CP);
            assertThat(postUftp(DSO.signed(later)).statusCode()).isEqualTo(200);

            assertThat(awaitResponse(FlexRequestResponse.class, later.getMessageID()).getResult())
                    .isEqualTo(AcceptedRejectedType.ACCEPTED);
            // the building has no devices (yet): known, so accepted, but nothing to offer
            JsonNode entity = awaitMessage(later.getMessageID(), "handoff", "NO_OFFER");
            assertThat(entity.at("/handoffReason/value").asText()).isEqualTo("NO_DEVICES");
        } finally {
            BROKER.removeStub(joined);
            brokerContext.refresh();
        }
    }

    /**
     * A DSO re-sends a rejected message unchanged once the cause is gone: the copy is judged afresh and answered,
     * while a copy of the accepted one is acknowledged and not processed again.
     */
    @Test
    void should_judge_an_identical_re_send_of_a_rejected_request_afresh_and_process_a_copy_of_the_accepted_one_once() {
        dsoAccepts();
        FlexRequest request = DSO.flexRequest();
        request.setCongestionPoint(RESENT_BUILDING_CP);
        byte[] signed = DSO.signed(request);
        assertThat(postUftp(signed).statusCode()).isEqualTo(200);
        assertThat(awaitResponse(FlexRequestResponse.class, request.getMessageID()).getResult())
                .isEqualTo(AcceptedRejectedType.REJECTED);

        StubMapping joined = BROKER.stubFor(buildingsWithOneAt(RESENT_BUILDING_CP));
        try {
            assertThat(postUftp(signed).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(answersTo(request))
                    .containsExactly(AcceptedRejectedType.REJECTED, AcceptedRejectedType.ACCEPTED));
            JsonNode entity = awaitMessage(request.getMessageID(), "processingStatus", "ACCEPTED");
            assertThat(entity.at("/handoff/value").asText()).isEqualTo("NO_OFFER");

            assertThat(postUftp(signed).statusCode()).isEqualTo(200);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(answersTo(request)).hasSize(2));
            assertThat(messages.findCopies(Direction.IN, UftpTestPeer.DSO_DOMAIN, request.getMessageID()))
                    .extracting(UftpMessageRecord::status).containsExactly("REJECTED", "ACCEPTED");
        } finally {
            BROKER.removeStub(joined);
            brokerContext.refresh();
        }
    }

    private List<AcceptedRejectedType> answersTo(FlexRequest request) {
        return received(FlexRequestResponse.class).stream()
                .filter(r -> r.getFlexRequestMessageID().equals(request.getMessageID()))
                .map(FlexRequestResponse::getResult).toList();
    }

    /** Both buildings, above the start-up stub that lists only the demo building. */
    private static com.github.tomakehurst.wiremock.client.MappingBuilder buildingsWithOneAt(String congestionPoint) {
        return get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("Building")).atPriority(0)
                .willReturn(json("""
                        [{"id": "urn:ngsi-ld:Building:umu-pleiades", "type": "Building",
                          "congestionPoint": {"type": "Property", "value": "ean.871685900012636543"},
                          "timeZone": {"type": "Property", "value": "Europe/Madrid"}},
                         {"id": "urn:ngsi-ld:Building:late", "type": "Building",
                          "congestionPoint": {"type": "Property", "value": "%s"},
                          "timeZone": {"type": "Property", "value": "Europe/Madrid"}}]
                        """.formatted(congestionPoint)));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /**
     * The whole chain against the broker: a DSO's FlexRequest, the hub's FlexOffer, the DSO's FlexOrder on it, the
     * demand-response event PATCHing the charger on the broker at its ISP boundary and restoring it at the end, and
     * the status mail.
     */
    @Test
    void should_turn_a_flex_request_into_an_offer_whose_order_actuates_the_devices_on_the_broker() throws Exception {
        dsoAccepts();
        // the charger's window as the site file has it (other tests of this class move it)
        HttpResponse<String> put = admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + CONFIG)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"flexibilityType\":\"shiftable\",\"operationWindow\":{\"startTime\":\"20:00\",\"endTime\":\"08:00\"}}")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        // a weekday (never a daylight-saving day: 96 ISPs), when the charger draws 7.4 kW from 19:30 to 23:00
        LocalDate day = LocalDate.now(UftpTestPeer.MARKET_ZONE).plusDays(1);
        while (day.getDayOfWeek().getValue() > 5) {
            day = day.plusDays(1);
        }
        FlexRequest request = DSO.flexRequest();
        request.setCongestionPoint("ean.871685900012636543");
        request.setPeriod(day);
        request.setExpirationDateTime(day.atTime(12, 0).atZone(UftpTestPeer.MARKET_ZONE).toOffsetDateTime());
        request.getISPS().clear();
        for (int isp = 1; isp <= 96; isp++) {
            FlexRequestISPType i = new FlexRequestISPType();
            i.setStart((long) isp);
            i.setDuration(1L);
            boolean requested = isp >= 81 && isp <= 84; // 20:00-21:00
            i.setDisposition(requested ? AvailableRequestedType.REQUESTED : AvailableRequestedType.AVAILABLE);
            i.setMinPower(requested ? -7_400L : -50_000L);
            i.setMaxPower(requested ? -1_000L : 50_000L);
            request.getISPS().add(i);
        }
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        assertThat(awaitResponse(FlexRequestResponse.class, request.getMessageID()).getResult())
                .isEqualTo(AcceptedRejectedType.ACCEPTED);

        // a FlexOffer is not a response: it is found by its conversation
        FlexOffer offer = awaitResponse(FlexOffer.class, null, request.getConversationID());
        long requestedW = offer.getOfferOptions().get(0).getISPS().stream()
                .filter(i -> i.getStart() <= 84 && i.getStart() + i.getDuration() - 1 >= 81)
                .mapToLong(FlexOfferOptionISPType::getPower).min().orElseThrow();
        assertThat(requestedW).as("offered deviation at 20:00-21:00").isBetween(-7_400L, -1_000L);

        FlexOrder order = new DemoDsoMessages(UftpTestPeer.DSO_DOMAIN, UftpTestPeer.HUB_DOMAIN,
                UftpTestPeer.MARKET_ZONE, java.time.Duration.ofMinutes(15))
                .order(offer, java.math.BigDecimal.ONE, java.time.Instant.now()).orElseThrow();
        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);
        assertThat(awaitResponse(FlexOrderResponse.class, order.getMessageID()).getResult())
                .isEqualTo(AcceptedRejectedType.ACCEPTED);

        JsonNode event = await().atMost(Duration.ofSeconds(30)).until(() -> read(admin(HttpRequest.newBuilder(
                        URI.create(url("/api/dr/events?sourceRef=" + order.getMessageID()))).GET()).body()),
                list -> list.size() == 1).get(0);
        assertThat(event.get("deviceId").asText()).isEqualTo(EV);
        assertThat(event.get("state").asText()).isEqualTo("SCHEDULED");
        java.time.Instant start = java.time.Instant.parse(event.get("startAt").asText());
        java.time.Instant end = java.time.Instant.parse(event.get("endAt").asText());
        // the charger stops at 20:00 (in the request) and charges the energy later in its window
        assertThat(start.atZone(java.time.ZoneId.of("Europe/Madrid")).toLocalTime()).isEqualTo(java.time.LocalTime.of(20, 0));
        assertThat(event.get("setpointsKw").get(0).asDouble()).isLessThan(7.4);

        clock.setTo(start.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(patches()).anySatisfy(body -> {
            assertThat(body.at("/controlMode/value").asText()).isEqualTo("limited");
            assertThat(body.at("/powerLimit/value").asDouble()).isEqualTo(event.get("setpointsKw").get(0).asDouble());
            assertThat(body.at("/actuationReference/value").asText()).contains(String.valueOf(event.get("id").asLong()));
        }));

        clock.setTo(end.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(patches())
                .anySatisfy(body -> assertThat(body.at("/controlMode/value").asText()).isEqualTo("schedule")));
        // the restore puts back what the charger had before the event, its power limit included
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(DEVICES.entity(EV).at("/powerLimit/value").asDouble()).isEqualTo(7.4);
            assertThat(DEVICES.entity(EV).at("/controlMode/value").asText()).isEqualTo("schedule");
        });
        // and every command is listed with the broker's answer
        JsonNode told = read(admin(HttpRequest.newBuilder(URI.create(url("/api/site/actuations?device=" + enc(EV))))
                .GET()).body());
        String ref = "dr-event-" + event.get("id").asLong() + "/";
        assertThat(told).anySatisfy(a -> {
            assertThat(a.get("reference").asText()).startsWith(ref);
            assertThat(a.get("command").asText()).isEqualTo("SETPOINT");
            assertThat(a.get("powerKw").asDouble()).isEqualTo(event.get("setpointsKw").get(0).asDouble());
            assertThat(a.get("outcome").asText()).isEqualTo("APPLIED");
            assertThat(a.get("brokerStatus").asInt()).isEqualTo(204);
        });
        assertThat(told).anySatisfy(a -> {
            assertThat(a.get("reference").asText()).startsWith(ref);
            assertThat(a.get("command").asText()).isEqualTo("RESTORE");
            assertThat(a.get("powerKw").asDouble()).isEqualTo(7.4);
            assertThat(a.get("controlMode").asText()).isEqualTo("schedule");
            assertThat(a.get("outcome").asText()).isEqualTo("APPLIED");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(read(admin(HttpRequest.newBuilder(
                URI.create(url("/api/dr/events/" + event.get("id").asLong()))).GET()).body()).get("state").asText())
                .isEqualTo("COMPLETED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(SMTP.getReceivedMessages())
                .anyMatch(m -> subjectOf(m).startsWith("FlexOrder " + order.getMessageID() + " / event status COMPLETED")));
    }

    @Test
    void should_plan_the_night_on_the_brokers_day_ahead_forecast() {
        LocalDate day = LocalDate.now(java.time.ZoneId.of("Europe/Madrid")).plusDays(2);
        // a weekday or not, no daylight-saving change within the next days of the test run is assumed: 96 ISPs
        int isps = (int) Duration.between(day.atStartOfDay(java.time.ZoneId.of("Europe/Madrid")),
                day.plusDays(1).atStartOfDay(java.time.ZoneId.of("Europe/Madrid"))).toMinutes() / 15;
        StringBuilder pv = new StringBuilder();
        StringBuilder load = new StringBuilder();
        for (int t = 0; t < isps; t++) {
            pv.append(t == 0 ? "" : ",").append(t >= 40 && t < 64 ? 30 : 0);
            load.append(t == 0 ? "" : ",").append(12);
        }
        String id = "urn:ngsi-ld:DayAheadForecast:umu-pleiades:" + day;
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(id))).willReturn(json("""
                {"id": "%s", "type": "DayAheadForecast", "pvKw": [%s], "loadKw": [%s], "ispDuration": "PT15M",
                 "issuedAt": "%s"}
                """.formatted(id, pv, load, java.time.Instant.now()))));

        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs?day=" + day)))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode site = read(r.body()).get("sites").get(0);
        assertThat(site.at("/forecast/provenance").asText()).isEqualTo("BROKER");
        assertThat(site.at("/forecast/detail").asText()).contains(id);
        // 24 ISPs of 30 kW PV and 96 of 12 kW load: the forecast, not the site file's profiles, was planned on
        assertThat(site.at("/kpis/pvKwh").asDouble()).isEqualTo(24 * 30 / 4.0);
        assertThat(site.at("/kpis/loadKwh").asDouble()).isEqualTo(isps * 12 / 4.0);
    }

    /** The attribute writes the charger received. */
    private List<JsonNode> patches() {
        return DEVICES.writes(EV).stream().filter(w -> !w.method().equals("DELETE")).map(ScorpioDevices.Write::body)
                .toList();
    }

    /**
     * Two planners, one device: a demand-response event and the nightly schedule both have a setpoint for the
     * charger in the same ISPs. The device gets the event's; the schedule's are not sent, and its latest one is what
     * the device gets back when the event ends.
     */
    @Test
    void should_give_a_device_the_events_setpoint_in_its_isps_and_resume_the_schedule_after_it() {
        String device = "urn:ngsi-ld:Device:arbitration-ev";
        DEVICES.put("{\"id\": \"" + device + "\", \"type\": \"EVChargingStation\"}");
        java.time.Instant t0 = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plus(Duration.ofDays(3));
        Duration isp = Duration.ofMinutes(15);
        long run = runs.open(LocalDate.ofInstant(t0, java.time.ZoneOffset.UTC), "ADMIN", "min-cost",
                java.time.Instant.now());
        String runRef = "selfconsumption-run-" + run;
        commands.replace(run, "urn:ngsi-ld:Building:arbitration", t0, List.of(
                new Actuation(device, Actuation.Command.SETPOINT, 5.0, t0, runRef),
                new Actuation(device, Actuation.Command.SETPOINT, 6.0, t0.plus(isp), runRef),
                new Actuation(device, Actuation.Command.RESTORE, null, t0.plus(isp.multipliedBy(3)), runRef)));
        long event = events.insert(new DrEvent.New(DrEvent.Source.LOCAL, "arbitration-" + run, null, null,
                "ean.arbitration", device, t0, isp, java.time.ZoneId.of("Europe/Madrid"), List.of(2.0, 1.0),
                List.of(1.0, 1.0), null), java.time.Instant.now(), "test event");

        clock.setTo(t0.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(DEVICES.entity(device).at("/powerLimit/value").asDouble()).isEqualTo(2.0);
            assertThat(commandStatus(run, t0)).isEqualTo("DEFERRED");
        });
        clock.setTo(t0.plus(isp).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(DEVICES.entity(device).at("/powerLimit/value").asDouble()).isEqualTo(1.0);
            assertThat(commandStatus(run, t0.plus(isp))).isEqualTo("DEFERRED");
        });
        clock.setTo(t0.plus(isp.multipliedBy(2)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(events.findById(event).orElseThrow().state().name()).isEqualTo("COMPLETED");
            assertThat(DEVICES.entity(device).at("/powerLimit/value").asDouble()).isEqualTo(6.0);
            assertThat(DEVICES.entity(device).at("/controlMode/value").asText()).isEqualTo("limited");
        });
        clock.setTo(t0.plus(isp.multipliedBy(3)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(commandStatus(run, t0.plus(isp.multipliedBy(3)))).isEqualTo("APPLIED");
            assertThat(DEVICES.entity(device).at("/controlMode/value").asText()).isEqualTo("schedule");
        });
        // one setpoint per ISP reached the device: never the schedule's 5 kW, and 6 kW only after the event
        assertThat(DEVICES.writes(device).stream().map(w -> w.body().at("/powerLimit/value"))
                .filter(v -> !v.isMissingNode()).map(JsonNode::asDouble).toList()).containsExactly(2.0, 1.0, 6.0);
    }

    @Test
    void should_list_a_command_the_broker_refused_with_its_answer() {
        String device = "urn:ngsi-ld:Device:not-on-the-broker";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> actuator.apply(
                new Actuation(device, Actuation.Command.SETPOINT, 1.5, null, "refusal-test")))
                .isInstanceOf(io.flexhub.site.ActuationException.class);

        JsonNode told = read(admin(HttpRequest.newBuilder(URI.create(url("/api/site/actuations?device=" + enc(device))))
                .GET()).body());
        assertThat(told).singleElement().satisfies(a -> {
            assertThat(a.get("reference").asText()).isEqualTo("refusal-test");
            assertThat(a.get("powerKw").asDouble()).isEqualTo(1.5);
            assertThat(a.get("outcome").asText()).isEqualTo("REFUSED");
            assertThat(a.get("brokerStatus").asInt()).isEqualTo(404);
            assertThat(a.get("brokerTitle").asText()).isEqualTo("Resource not found.");
        });
    }

    private String commandStatus(long run, java.time.Instant at) {
        return commands.forRun(run).stream().filter(c -> c.actuation().effectiveAt().equals(at)).findFirst()
                .orElseThrow().status();
    }

    private static String subjectOf(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitConfigurationStart(String start) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + CONFIG))).GET());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            if (start != null) {
                assertThat(read(r.body()).at("/operationWindow/value/startTime").asText()).isEqualTo(start);
            }
        });
    }

    private HttpResponse<String> notify(String path, String contentType, String body, String secretHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType.equals("application/json")) {
            b.header("Link", "<http://hub.test.example/ngsi-ld/contexts/site.jsonld>; "
                    + "rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
        }
        if (secretHeader != null) {
            b.header(NgsiLdBridge.SECRET_HEADER, secretHeader);
        }
        return send(b.build());
    }

    private static String notification(boolean inlineContext) {
        String ctx = inlineContext ? "\"@context\": [\"http://hub.test.example/ngsi-ld/contexts/site.jsonld\"]," : "";
        return """
                {"id": "notification:7761", "type": "Notification",
                 "subscriptionId": "urn:ngsi-ld:Subscription:flexhub-flexconfiguration",
                 "notifiedAt": "2026-11-26T10:48:16.546000Z",
                 "data": [{%s "id": "%s", "type": "FlexConfiguration",
                           "operationWindow": {"type": "Property", "value": {"startTime": "23:59", "endTime": "08:00"}}}]}
                """.formatted(ctx, CONFIG);
    }

    private static String flexConfiguration(String start) {
        return """
                {"id": "%s", "type": "FlexConfiguration",
                 "refDevice": {"type": "Relationship", "object": "%s"},
                 "flexibilityType": {"type": "Property", "value": "shiftable"},
                 "operationWindow": {"type": "Property", "value": {"startTime": "%s", "endTime": "08:00"}}}
                """.formatted(CONFIG, EV, start);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String enc(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
