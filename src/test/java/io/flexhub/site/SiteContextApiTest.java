package io.flexhub.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.site.embedded.EmbeddedContextStore;
import io.flexhub.site.embedded.SiteRepository;
import io.flexhub.support.H2HubTest;

/** The embedded building context over HTTP: the demo site, the FlexConfiguration panel API, commands, baselines. */
class SiteContextApiTest extends H2HubTest {

    private static final String SITE = "urn:ngsi-ld:Building:umu-pleiades";
    private static final String CP = "ean.871685900012636543";
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @Autowired
    ContextStore store;
    @Autowired
    DeviceActuator actuator;
    @Autowired
    EmbeddedContextStore embedded;
    @Autowired
    SiteRepository repository;

    @Test
    void should_list_the_demo_building_and_its_devices_as_ngsi_ld_entities() {
        HttpResponse<String> r = get("/api/site");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/ld+json");
        JsonNode all = read(r.body());
        JsonNode building = find(all, SITE);
        assertThat(building.at("/type").asText()).isEqualTo("Building");
        assertThat(building.at("/congestionPoint/value").asText()).isEqualTo(CP);
        assertThat(building.at("/timeZone/value").asText()).isEqualTo("Europe/Madrid");
        assertThat(building.at("/hasDevice/type").asText()).isEqualTo("Relationship");
        assertThat(building.at("/hasDevice/object")).hasSize(16);
        assertThat(building.at("/@context/0").asText()).isEqualTo("http://hub.test.example/ngsi-ld/contexts/site.jsonld");
        JsonNode ev = find(all, "urn:ngsi-ld:Device:pleiades-ev-03");
        assertThat(ev.at("/type").asText()).isEqualTo("EVChargingStation");
        assertThat(ev.at("/ratedPower/value").asDouble()).isEqualTo(11.0);
        assertThat(ev.at("/refBuilding/object").asText()).isEqualTo(SITE);
        assertThat(find(all, "urn:ngsi-ld:Device:pleiades-pv-roof").at("/type").asText()).isEqualTo("PhotovoltaicMeasurement");
    }

    @Test
    void should_serve_the_site_context_publicly() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/ngsi-ld/contexts/site.jsonld"))).GET().build());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(read(r.body()).at("/@context/controllabilityFactor").asText()).endsWith("controllabilityFactor");
    }

    @Test
    void should_list_flex_configurations_with_the_seeded_values() {
        HttpResponse<String> r = get("/api/flex/configurations");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode all = read(r.body());
        // 14 seeded (every device but the PV array and the meter); another test may have added the PV one
        assertThat(all.size()).isBetween(14, 15);
        assertThat(all.findValuesAsText("id")).contains("urn:ngsi-ld:FlexConfiguration:pleiades-hvac-b1-015",
                "urn:ngsi-ld:FlexConfiguration:pleiades-ev-04", "urn:ngsi-ld:FlexConfiguration:pleiades-plug-kitchen");
        JsonNode ev = find(all, "urn:ngsi-ld:FlexConfiguration:pleiades-ev-01");
        assertThat(ev.at("/type").asText()).isEqualTo("FlexConfiguration");
        assertThat(ev.at("/refDevice/type").asText()).isEqualTo("Relationship");
        assertThat(ev.at("/refDevice/object").asText()).isEqualTo("urn:ngsi-ld:Device:pleiades-ev-01");
        assertThat(ev.at("/flexibilityType/value/0").asText()).isEqualTo("shiftable");
        assertThat(ev.at("/operationWindow/value/startTime").asText()).isEqualTo("20:00");
        assertThat(ev.at("/operationWindow/value/endTime").asText()).isEqualTo("08:00");
        JsonNode plug = find(all, "urn:ngsi-ld:FlexConfiguration:pleiades-plug-server");
        assertThat(plug.at("/flexibilityType/value/0").asText()).isEqualTo("non-shiftable");
        assertThat(plug.has("controllabilityFactor")).isFalse();
    }

    @Test
    void should_answer_plain_json_with_the_context_in_a_link_header() {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url(
                "/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:pleiades-hvac-b2-lab")))
                .header("Accept", "application/json").GET());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Link").orElseThrow()).contains("site.jsonld").contains("rel=\"http://www.w3.org/ns/json-ld#context\"");
        JsonNode c = read(r.body());
        assertThat(c.has("@context")).isFalse();
        assertThat(c.at("/controllabilityFactor/value").asDouble()).isEqualTo(0.25);
    }

    @Test
    void should_store_a_keyvalues_put_and_show_it_afterwards() {
        String id = "urn:ngsi-ld:FlexConfiguration:pleiades-hvac-b1-022";
        HttpResponse<String> put = put(id, "{\"flexibilityType\":\"controllable\",\"controllabilityFactor\":0.45}");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(read(put.body()).at("/controllabilityFactor/value").asDouble()).isEqualTo(0.45);
        JsonNode after = read(get("/api/flex/configurations/" + id).body());
        assertThat(after.at("/controllabilityFactor/value").asDouble()).isEqualTo(0.45);
        assertThat(after.at("/refDevice/object").asText()).isEqualTo("urn:ngsi-ld:Device:pleiades-hvac-b1-022");
        assertThat(store.flexConfigurationOf("urn:ngsi-ld:Device:pleiades-hvac-b1-022").orElseThrow()
                .controllabilityFactor()).isEqualTo(0.45);
    }

    @Test
    void should_store_a_normalised_put_with_the_seed_shape_and_a_patch() {
        String id = "urn:ngsi-ld:FlexConfiguration:pleiades-ev-02";
        String body = """
                {"@context": ["http://hub.test.example/ngsi-ld/contexts/site.jsonld"],
                 "id": "%s", "type": "FlexConfiguration",
                 "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:pleiades-ev-02"},
                 "flexibilityType": {"type": "Property", "value": ["shiftable"]},
                 "operationWindow": {"type": "Property", "value": {"startTime": "21:30", "endTime": "07:15:00"}}}
                """.formatted(id);
        HttpResponse<String> put = send(id, "PUT", "application/ld+json", body);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        HttpResponse<String> patch = send(id, "PATCH", "application/json",
                "{\"operationWindow\":{\"type\":\"Property\",\"value\":{\"startTime\":\"22:00\",\"endTime\":\"07:15\"}}}");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);

        FlexConfiguration stored = store.flexConfiguration(id).orElseThrow();
        assertThat(stored.flexibilityType()).isEqualTo(FlexibilityType.SHIFTABLE);
        assertThat(stored.operationWindow()).isEqualTo(new DailyWindow(LocalTime.of(22, 0), LocalTime.of(7, 15)));
        assertThat(read(get("/api/flex/configurations/" + id).body()).at("/operationWindow/value/startTime").asText())
                .isEqualTo("22:00");
    }

    @Test
    void should_reject_bad_values_with_400_naming_the_field() {
        String id = "urn:ngsi-ld:FlexConfiguration:pleiades-hvac-a0-lobby";
        assertBadRequest(put(id, "{\"flexibilityType\":\"controllable\",\"controllabilityFactor\":1.5}"),
                "controllabilityFactor");
        assertBadRequest(put(id, "{\"flexibilityType\":\"controllable\",\"controllabilityFactor\":-0.1}"),
                "controllabilityFactor");
        assertBadRequest(put(id, "{\"flexibilityType\":[\"flexible\"],\"controllabilityFactor\":0.3}"),
                "flexibilityType");
        assertBadRequest(put(id, "{\"flexibilityType\":\"shiftable\",\"operationWindow\":{\"startTime\":\"25:00\",\"endTime\":\"08:00\"}}"),
                "operationWindow.startTime");
        assertBadRequest(put(id, "{\"flexibilityType\":\"shiftable\",\"operationWindow\":{\"startTime\":\"20:00\",\"endTime\":\"8h\"}}"),
                "operationWindow.endTime");
        assertBadRequest(put("urn:ngsi-ld:FlexConfiguration:new-one",
                "{\"refDevice\":\"urn:ngsi-ld:Device:nowhere\",\"flexibilityType\":\"non-shiftable\"}"), "refDevice");
        assertBadRequest(put(id, "{\"flexibilityType\":\"controllable\",\"controllabilityFactor\":0.3,\"colour\":\"red\"}"),
                "colour");
        assertBadRequest(put(id, "{\"flexibilityType\":\"controllable\""), "JSON");

        assertThat(store.flexConfiguration(id).orElseThrow().controllabilityFactor()).isEqualTo(0.35);
        HttpResponse<String> unknown = get("/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void should_create_a_configuration_for_a_device_without_one() {
        String id = "urn:ngsi-ld:FlexConfiguration:pleiades-pv-roof";
        HttpResponse<String> r = put(id, "{\"refDevice\":{\"type\":\"Relationship\",\"object\":\"urn:ngsi-ld:Device:pleiades-pv-roof\"},"
                + "\"flexibilityType\":{\"type\":\"Property\",\"value\":\"non-shiftable\"}}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(store.flexConfigurationOf("urn:ngsi-ld:Device:pleiades-pv-roof")).map(FlexConfiguration::id).hasValue(id);
    }

    @Test
    void should_seed_idempotently_and_keep_what_users_changed() {
        String edited = "urn:ngsi-ld:FlexConfiguration:pleiades-hvac-c1-hall-pm";
        assertThat(put(edited, "{\"flexibilityType\":\"controllable\",\"controllabilityFactor\":0.1}").statusCode()).isEqualTo(200);
        int devices = store.devices(CP).size();
        int configurations = store.flexConfigurations().size();

        embedded.afterSingletonsInstantiated();
        embedded.afterSingletonsInstantiated();

        assertThat(store.devices(CP)).hasSize(devices);
        assertThat(store.flexConfigurations()).hasSize(configurations);
        assertThat(store.flexConfiguration(edited).orElseThrow().controllabilityFactor()).isEqualTo(0.1);
        assertThat(store.flexConfiguration("urn:ngsi-ld:FlexConfiguration:pleiades-hvac-c1-hall").orElseThrow()
                .controllabilityFactor()).isEqualTo(0.5);
        assertThat(store.sites()).extracting(Site::id).containsExactly(SITE);
    }

    @Test
    void should_record_commands_once_and_show_them() {
        String reference = "dr-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-26T17:00:00Z");
        Actuation setpoint = new Actuation("urn:ngsi-ld:Device:pleiades-hvac-b1-015", Actuation.Command.SETPOINT, 2.5, at, reference);
        actuator.apply(setpoint);
        actuator.apply(setpoint);
        actuator.apply(new Actuation("urn:ngsi-ld:Device:pleiades-hvac-b1-015", Actuation.Command.RESTORE, null,
                at.plusSeconds(3600), reference));

        HttpResponse<String> r = get("/api/site/actuations?reference=" + URLEncoder.encode(reference, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode list = read(r.body());
        assertThat(list).hasSize(2);
        assertThat(list.at("/0/command").asText()).isEqualTo("RESTORE");
        assertThat(list.at("/0/powerKw").isNull()).isTrue();
        assertThat(list.at("/1/command").asText()).isEqualTo("SETPOINT");
        assertThat(list.at("/1/powerKw").asDouble()).isEqualTo(2.5);
        assertThat(list.at("/1/effectiveAt").asText()).isEqualTo("2026-11-26T17:00:00Z");
        assertThat(list.at("/1/deviceId").asText()).isEqualTo("urn:ngsi-ld:Device:pleiades-hvac-b1-015");

        assertThatThrownBy(() -> actuator.apply(new Actuation("urn:ngsi-ld:Device:ghost", Actuation.Command.RESTORE,
                null, at, reference)))
                .isInstanceOfSatisfying(ActuationException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(get("/api/site/actuations?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void should_give_baselines_in_site_local_time() {
        // a Wednesday: offices heated, PV producing at noon, EVs charging in the evening
        Instant noon = LocalDate.of(2026, 11, 25).atTime(12, 0).atZone(MADRID).toInstant();
        assertThat(store.baselineKw("urn:ngsi-ld:Device:pleiades-hvac-b2-lab", noon, Duration.ofMinutes(15), 1)[0])
                .isGreaterThan(0.6 * 9.0);
        assertThat(store.baselineKw("urn:ngsi-ld:Device:pleiades-pv-roof", noon, Duration.ofMinutes(15), 1)[0])
                .isLessThan(-30.0);
        Instant evening = LocalDate.of(2026, 11, 25).atTime(21, 0).atZone(MADRID).toInstant();
        assertThat(store.baselineKw("urn:ngsi-ld:Device:pleiades-ev-01", evening, Duration.ofMinutes(15), 1)[0])
                .isCloseTo(7.4, within(1e-9));

        double[] quarter = store.baselineKw("urn:ngsi-ld:Device:pleiades-pv-roof", noon.minusSeconds(4 * 3600), Duration.ofMinutes(15), 32);
        double[] half = store.baselineKw("urn:ngsi-ld:Device:pleiades-pv-roof", noon.minusSeconds(4 * 3600), Duration.ofMinutes(30), 16);
        for (int i = 0; i < half.length; i++) {
            assertThat(half[i]).isCloseTo((quarter[2 * i] + quarter[2 * i + 1]) / 2, within(1e-9));
        }
    }

    @Test
    void should_map_profiles_across_the_spring_dst_change() {
        // 29 March 2026, a Sunday, has 23 hours in Madrid; charger 1 charges 19:30-20:30 local at weekends
        ZonedDateTime midnight = LocalDate.of(2026, 3, 29).atStartOfDay(MADRID);
        double[] day = store.baselineKw("urn:ngsi-ld:Device:pleiades-ev-01", midnight.toInstant(), Duration.ofMinutes(15), 92);

        List<Integer> charging = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < day.length; i++) {
            if (day[i] > 0) {
                charging.add(i);
            }
            LocalTime local = midnight.toInstant().plus(Duration.ofMinutes(15L * i)).atZone(MADRID).toLocalTime();
            if (!local.isBefore(LocalTime.of(19, 30)) && local.isBefore(LocalTime.of(20, 30))) {
                expected.add(i);
            }
        }
        assertThat(charging).hasSize(4).isEqualTo(expected);
        assertThat(day[charging.get(0)]).isCloseTo(7.4, within(1e-9));
    }

    @Test
    void should_publish_received_and_sent_uftp_messages_as_entities() {
        dsoAccepts();
        FlexRequest request = DSO.flexRequest();
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(repository.entities("FlexRequest", 1000)).anySatisfy(e -> {
                assertThat(e.json()).contains(request.getMessageID()).contains(request.getConversationID());
                assertThat(e.pending()).isFalse();
            });
            // the hub's answer, from the same log
            assertThat(repository.entities("FlexRequestResponse", 1000))
                    .anySatisfy(e -> assertThat(e.json()).contains(request.getMessageID()));
        });
        awaitEngine(request.getMessageID());
    }

    private void assertBadRequest(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(read(r.body()).get("detail").asText()).contains(field);
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode e : array) {
            if (id.equals(e.path("id").asText())) {
                return e;
            }
        }
        throw new AssertionError(id + " not in " + array);
    }

    private HttpResponse<String> get(String path) {
        return admin(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    private HttpResponse<String> put(String id, String body) {
        return send(id, "PUT", "application/json", body);
    }

    private HttpResponse<String> send(String id, String method, String contentType, String body) {
        return admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + id)))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
