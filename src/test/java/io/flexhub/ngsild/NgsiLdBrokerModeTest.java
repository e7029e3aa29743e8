package io.flexhub.ngsild;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.flexhub.support.HubTestSupport;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageRecord.Direction;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * The hub with {@code flexhub.ngsild.broker-url} set, against a WireMock broker whose answers each test sets: the
 * notification endpoint (secret, hostile bodies, both @context placements) and congestion points the broker gains
 * between two refreshes. The whole chain on a broker that keeps state is {@link NgsiLdBrokerChainTest}. Its own
 * Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NgsiLdBrokerModeTest extends HubTestSupport {

    private static final String BASE = "/ngsi-ld/v1";
    private static final String SECRET = "test-notify-secret";
    private static final String EV = "urn:ngsi-ld:Device:pleiades-ev-01";
    private static final String CONFIG = "urn:ngsi-ld:FlexConfiguration:pleiades-ev-01";
    /** A building the broker does not list at start-up. */
    private static final String LATE_BUILDING_CP = "ean.871685900000000077";
    private static final String RESENT_BUILDING_CP = "ean.871685900000000078";
    private static final WireMockServer BROKER = new WireMockServer(options().dynamicPort());

    static {
        BROKER.start();
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
    }

    @Autowired
    NgsiLdContextStore brokerContext;
    @Autowired
    UftpMessageStore messages;

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
