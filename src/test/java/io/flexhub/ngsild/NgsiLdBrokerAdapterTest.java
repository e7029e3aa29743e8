package io.flexhub.ngsild;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;

import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.flexhub.common.HubProperties;
import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdValues;
import io.flexhub.site.Actuation;
import io.flexhub.site.ActuationException;
import io.flexhub.site.DailyWindow;
import io.flexhub.site.DeviceSetting;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.FlexibilityType;
import io.flexhub.site.embedded.SiteProperties;

/** The broker adapter over real HTTP against a WireMock broker speaking Scorpio's dialect. */
class NgsiLdBrokerAdapterTest {

    private static final String BASE = "/ngsi-ld/v1";
    private static final String CONTEXT = "http://hub.test.example/ngsi-ld/contexts/site.jsonld";
    private static final String EV = "urn:ngsi-ld:Device:pleiades-ev-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A charger as the hub's export of the demo building has it: no powerLimit, no controlMode. */
    private static final String DEMO_EXPORT_EV = """
            {"id": "urn:ngsi-ld:Device:pleiades-ev-01", "type": "EVChargingStation",
             "refBuilding": {"type": "Relationship", "object": "urn:ngsi-ld:Building:umu-pleiades"},
             "ratedPower": {"type": "Property", "value": 7.4, "unitCode": "KWT"}}
            """;

    private final ScorpioDevices devices = new ScorpioDevices();
    private final WireMockServer broker = new WireMockServer(options().dynamicPort().extensions(devices));
    private NgsiLdClient client;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T20:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void start() {
        broker.start();
        devices.install(broker, BASE);
        NgsiLdProperties p = new NgsiLdProperties(broker.baseUrl() + BASE, null, CONTEXT, null, "s3cret", true, null,
                null, null, Duration.ofSeconds(10), Duration.ofSeconds(20), null);
        client = NgsiLdBrokerConfiguration.client(NgsiLdBrokerConfiguration.config(p, CONTEXT),
                io.flexhub.support.OutboundCamel.producer(), io.flexhub.common.http.OutboundHttpProperties.DEFAULTS);
    }

    @AfterEach
    void stop() {
        broker.stop();
    }

    @Test
    void should_create_subscriptions_once_and_replace_a_changed_one() throws Exception {
        broker.stubFor(get(urlPathEqualTo(BASE + "/subscriptions")).willReturn(json("[]")));
        broker.stubFor(post(urlEqualTo(BASE + "/subscriptions")).willReturn(aResponse().withStatus(201)));
        NgsiLdSubscriptions subscriptions = new NgsiLdSubscriptions(client, "http://hub.test.example/ngsi-ld/notify/s3cret");

        assertThat(subscriptions.ensure()).containsOnly(
                Map.entry(NgsiLdSubscriptions.FLEX_CONFIGURATION, NgsiLdSubscriptions.Action.CREATED),
                Map.entry(NgsiLdSubscriptions.DEVICE_POWER, NgsiLdSubscriptions.Action.CREATED),
                Map.entry(NgsiLdSubscriptions.FORECAST, NgsiLdSubscriptions.Action.CREATED),
                Map.entry(NgsiLdSubscriptions.BUILDING, NgsiLdSubscriptions.Action.CREATED),
                Map.entry(NgsiLdSubscriptions.DEVICE, NgsiLdSubscriptions.Action.CREATED));
        var created = broker.findAll(postRequestedFor(urlEqualTo(BASE + "/subscriptions")));
        assertThat(created).hasSize(5);
        JsonNode first = JSON.readTree(created.get(0).getBodyAsString());
        assertThat(first.get("id").asText()).isEqualTo(NgsiLdSubscriptions.FLEX_CONFIGURATION);
        assertThat(first.at("/entities/0/type").asText()).isEqualTo("FlexConfiguration");
        assertThat(first.at("/notification/endpoint/uri").asText()).isEqualTo("http://hub.test.example/ngsi-ld/notify/s3cret");
        assertThat(first.has("@context")).isFalse();
        assertThat(created.get(0).getHeader("Link")).contains(CONTEXT);

        // the broker now holds them (as Scorpio lists them, with its own additions); a second run changes nothing
        ArrayNode held = JSON.createArrayNode();
        for (var w : subscriptions.wanted()) {
            held.add(w.deepCopy().put("status", "active").put("isActive", true));
        }
        broker.resetRequests();
        broker.stubFor(get(urlPathEqualTo(BASE + "/subscriptions")).willReturn(json(held.toString())));
        assertThat(subscriptions.ensure().values()).containsOnly(NgsiLdSubscriptions.Action.UNCHANGED);
        assertThat(broker.findAll(postRequestedFor(urlEqualTo(BASE + "/subscriptions")))).isEmpty();

        // the hub moved: the endpoint differs, so each is deleted and created again
        broker.stubFor(delete(urlPathEqualTo(BASE + "/subscriptions/" + enc(NgsiLdSubscriptions.FORECAST)))
                .willReturn(aResponse().withStatus(204)));
        broker.stubFor(delete(urlPathEqualTo(BASE + "/subscriptions/" + enc(NgsiLdSubscriptions.FLEX_CONFIGURATION)))
                .willReturn(aResponse().withStatus(204)));
        broker.stubFor(delete(urlPathEqualTo(BASE + "/subscriptions/" + enc(NgsiLdSubscriptions.DEVICE_POWER)))
                .willReturn(aResponse().withStatus(204)));
        NgsiLdSubscriptions moved = new NgsiLdSubscriptions(client, "https://hub2.test.example/ngsi-ld/notify/s3cret");
        assertThat(moved.ensure().values()).containsOnly(NgsiLdSubscriptions.Action.REPLACED);
        assertThat(broker.findAll(deleteRequestedFor(urlPathEqualTo(BASE + "/subscriptions/"
                + enc(NgsiLdSubscriptions.FORECAST))))).hasSize(1);
        assertThat(broker.findAll(postRequestedFor(urlEqualTo(BASE + "/subscriptions")))).hasSize(5);
    }

    @Test
    void should_write_a_setpoint_with_observed_at_and_the_context_link() throws Exception {
        devices.put(DEMO_EXPORT_EV);
        NgsiLdActuator actuator = new NgsiLdActuator(client, clock);

        actuator.apply(new Actuation(EV, Actuation.Command.SETPOINT, 3.7, Instant.parse("2026-11-25T21:00:00Z"), "dr-1"));
        actuator.apply(new Actuation(EV, Actuation.Command.RESTORE, null, Instant.parse("2026-11-25T22:00:00Z"), "dr-1"));

        var writes = broker.findAll(postRequestedFor(urlEqualTo(BASE + "/entities/" + enc(EV) + "/attrs")));
        assertThat(writes).hasSize(2);
        JsonNode setpoint = JSON.readTree(writes.get(0).getBodyAsString());
        assertThat(setpoint.at("/powerLimit/value").asDouble()).isEqualTo(3.7);
        assertThat(setpoint.at("/powerLimit/observedAt").asText()).isEqualTo("2026-11-25T21:00:00.000Z");
        assertThat(setpoint.at("/controlMode/value").asText()).isEqualTo("limited");
        assertThat(setpoint.at("/actuationReference/value").asText()).isEqualTo("dr-1");
        assertThat(writes.get(0).getHeader("Content-Type")).startsWith("application/json");
        assertThat(writes.get(0).getHeader("Link")).contains(CONTEXT).contains("rel=\"http://www.w3.org/ns/json-ld#context\"");
        JsonNode restore = JSON.readTree(writes.get(1).getBodyAsString());
        assertThat(restore.at("/controlMode/value").asText()).isEqualTo("schedule");
        assertThat(restore.has("powerLimit")).isFalse();
    }

    /**
     * The hub's own export of the demo building has no powerLimit / controlMode on its devices; Scorpio answers a
     * PATCH of them with 204 and keeps nothing. The command must create them, and count as applied only when the
     * broker holds it.
     */
    @Test
    void should_create_the_attributes_a_device_lacks_and_never_count_as_applied_what_the_broker_did_not_keep() {
        devices.put(DEMO_EXPORT_EV);
        NgsiLdActuator actuator = new NgsiLdActuator(client, clock);

        actuator.apply(new Actuation(EV, Actuation.Command.SETPOINT, 3.7, Instant.parse("2026-11-25T21:00:00Z"), "dr-4"));

        JsonNode held = devices.entity(EV);
        assertThat(held.at("/powerLimit/value").asDouble()).isEqualTo(3.7);
        assertThat(held.at("/controlMode/value").asText()).isEqualTo("limited");
        assertThat(held.at("/actuationReference/value").asText()).isEqualTo("dr-4");

        // a broker that answers 204 and keeps nothing (as a PATCH of missing attributes does on Scorpio)
        String forgetful = "urn:ngsi-ld:Device:forgetful";
        broker.stubFor(post(urlEqualTo(BASE + "/entities/" + enc(forgetful) + "/attrs")).atPriority(1)
                .willReturn(aResponse().withStatus(204)));
        broker.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(forgetful))).atPriority(1)
                .willReturn(json("{\"id\": \"" + forgetful + "\", \"type\": \"EVChargingStation\"}")));
        assertThatThrownBy(() -> actuator.apply(new Actuation(forgetful, Actuation.Command.SETPOINT, 2.0, null, "dr-5")))
                .isInstanceOfSatisfying(ActuationException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("does not hold").contains("powerLimit is missing");
                });
    }

    @Test
    void should_put_back_the_power_limit_and_control_mode_of_a_restore_and_drop_a_limit_the_device_did_not_have() {
        devices.put(DEMO_EXPORT_EV);
        NgsiLdActuator actuator = new NgsiLdActuator(client, clock);
        actuator.apply(new Actuation(EV, Actuation.Command.SETPOINT, 3.7, null, "dr-6/0"));

        actuator.apply(new Actuation(EV, Actuation.Command.RESTORE, null, null, "dr-6/4",
                new DeviceSetting(7.4, "autonomous")));
        assertThat(devices.entity(EV).at("/powerLimit/value").asDouble()).isEqualTo(7.4);
        assertThat(devices.entity(EV).at("/controlMode/value").asText()).isEqualTo("autonomous");

        actuator.apply(new Actuation(EV, Actuation.Command.SETPOINT, 3.7, null, "dr-7/0"));
        actuator.apply(new Actuation(EV, Actuation.Command.RESTORE, null, null, "dr-7/4", new DeviceSetting(null, null)));
        assertThat(devices.entity(EV).has("powerLimit")).isFalse();
        assertThat(devices.entity(EV).at("/controlMode/value").asText()).isEqualTo("schedule");
    }

    @Test
    void should_map_broker_failures_to_retryable_or_not() {
        broker.stubFor(post(urlEqualTo(BASE + "/entities/" + enc(EV) + "/attrs")).atPriority(1).willReturn(json(
                "{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/InternalError\",\"title\":\"down\"}").withStatus(503)));
        broker.stubFor(post(urlEqualTo(BASE + "/entities/" + enc("urn:ngsi-ld:Device:gone") + "/attrs")).atPriority(1).willReturn(json(
                "{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound\",\"title\":\"not found\"}").withStatus(404)));
        NgsiLdActuator actuator = new NgsiLdActuator(client, clock);

        assertThatThrownBy(() -> actuator.apply(new Actuation(EV, Actuation.Command.SETPOINT, 1.0, null, "dr-2")))
                .isInstanceOfSatisfying(ActuationException.class, e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> actuator.apply(new Actuation("urn:ngsi-ld:Device:gone", Actuation.Command.RESTORE, null,
                null, "dr-2")))
                .isInstanceOfSatisfying(ActuationException.class, e -> assertThat(e.retryable()).isFalse());

        broker.stop();
        assertThatThrownBy(() -> actuator.apply(new Actuation(EV, Actuation.Command.SETPOINT, 1.0, null, "dr-3")))
                .isInstanceOfSatisfying(ActuationException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void should_read_the_context_from_the_broker_and_follow_notifications() throws Exception {
        stubContext("[\"shiftable\"]", "20:00");
        NgsiLdContextStore store = store();

        store.refresh();

        assertThat(store.sites()).singleElement().satisfies(s -> {
            assertThat(s.congestionPoint()).isEqualTo("ean.871685900012636543");
            assertThat(s.timeZone().getId()).isEqualTo("Europe/Madrid");
        });
        assertThat(store.devices("ean.871685900012636543")).singleElement()
                .satisfies(d -> assertThat(d.ratedPowerKw()).isEqualTo(7.4));
        assertThat(store.flexConfigurationOf(EV)).hasValue(new FlexConfiguration(
                "urn:ngsi-ld:FlexConfiguration:pleiades-ev-01", EV, FlexibilityType.SHIFTABLE, null,
                new DailyWindow(LocalTime.of(20, 0), LocalTime.of(8, 0))));
        assertThat(broker.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(BASE + "/entities"))).get(0).getHeader("Link")).contains(CONTEXT);

        // a notification (Scorpio's ld+json shape, @context in each entity) names the configuration; the store
        // re-reads it: the broker compacted the one-element array to a scalar this time
        broker.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc("urn:ngsi-ld:FlexConfiguration:pleiades-ev-01")))
                .willReturn(json(flexConfiguration("\"shiftable\"", "21:15"))));
        JsonNode body = JSON.readTree("""
                {"id": "notification:-5983263840798234", "type": "Notification",
                 "subscriptionId": "urn:ngsi-ld:Subscription:flexhub-flexconfiguration",
                 "notifiedAt": "2026-11-25T20:01:02.123000Z",
                 "data": [{"id": "urn:ngsi-ld:FlexConfiguration:pleiades-ev-01", "type": "FlexConfiguration",
                           "@context": ["%s"], "controllabilityFactor": {"type": "Property", "value": 0.2}}]}
                """.formatted(CONTEXT));
        store.apply(NgsiLdValues.notification(body));

        assertThat(store.flexConfigurationOf(EV).orElseThrow().operationWindow().startTime()).isEqualTo(LocalTime.of(21, 15));
    }

    @Test
    void should_take_baselines_from_last_weeks_history_else_the_profile() {
        stubContext("\"shiftable\"", "20:00");
        NgsiLdContextStore store = store();
        store.refresh();
        broker.stubFor(get(urlPathEqualTo(BASE + "/temporal/entities/" + enc(EV))).willReturn(json("""
                {"id": "%s", "type": "EVChargingStation",
                  "activePower": [
                    {"type": "Property", "value": 5.0, "observedAt": "2026-11-18T20:05:00Z"},
                    {"type": "Property", "value": 7.0, "observedAt": "2026-11-18T20:10:00.000000Z"}]}
                """.formatted(EV))));

        double[] baseline = store.baselineKw(EV, clock.instant(), Duration.ofMinutes(15), 2);

        assertThat(baseline[0]).isCloseTo(6.0, within(1e-9));
        // no history for the second ISP: 21:15 Madrid on a Wednesday, charger 1 charges 19:30-23:00 in the demo file
        assertThat(baseline[1]).isCloseTo(7.4, within(1e-9));
        var temporal = broker.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(BASE + "/temporal/entities/" + enc(EV)))).get(0);
        assertThat(temporal.queryParameter("timerel").firstValue()).isEqualTo("between");
        assertThat(temporal.queryParameter("timeAt").firstValue()).isEqualTo("2026-11-18T20:00:00.000Z");
    }

    private NgsiLdContextStore store() {
        return new NgsiLdContextStore(client, null, clock,
                new HubProperties(java.nio.file.Path.of("."), URI.create("http://hub.test.example")),
                new SiteProperties(null), new DefaultResourceLoader());
    }

    private void stubContext(String flexibilityType, String start) {
        broker.stubFor(get(urlPathEqualTo(BASE + "/entities")).atPriority(10).willReturn(json("[]")));
        broker.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("Building")).atPriority(1)
                .willReturn(json("""
                        [{"id": "urn:ngsi-ld:Building:umu-pleiades", "type": "Building",
                          "congestionPoint": {"type": "Property", "value": "ean.871685900012636543"},
                          "timeZone": {"type": "Property", "value": "Europe/Madrid"},
                          "importLimit": {"type": "Property", "value": 250},
                          "recipients": {"type": "Property", "value": "manager@pleiades.example"}}]
                        """).withHeader("NGSILD-Results-Count", "1")));
        broker.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("EVChargingStation"))
                .atPriority(1).willReturn(json("""
                        [{"id": "%s", "type": "EVChargingStation",
                          "refBuilding": {"type": "Relationship", "object": "urn:ngsi-ld:Building:umu-pleiades"},
                          "ratedPower": {"type": "Property", "value": 7.4, "unitCode": "KWT"}}]
                        """.formatted(EV))));
        broker.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("FlexConfiguration"))
                .atPriority(1).willReturn(json("[" + flexConfiguration(flexibilityType, start) + "]")));
        broker.stubFor(get(urlPathEqualTo(BASE + "/temporal/entities")).atPriority(10).willReturn(json("[]")));
    }

    private static String flexConfiguration(String flexibilityType, String start) {
        return """
                {"id": "urn:ngsi-ld:FlexConfiguration:pleiades-ev-01", "type": "FlexConfiguration",
                 "refDevice": {"type": "Relationship", "object": "%s"},
                 "flexibilityType": {"type": "Property", "value": %s},
                 "operationWindow": {"type": "Property", "value": {"startTime": "%s", "endTime": "08:00"}}}
                """.formatted(EV, flexibilityType, start);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String enc(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

}
