package io.flexhub.ngsild;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.flexhub.site.ContextStore;
import io.flexhub.site.SiteVocabulary;
import io.flexhub.support.HubTestSupport;

/**
 * Broker mode with the site @context hosted by the operator, away from the hub (the hub's own copy is never
 * named): loading a flexhub-site/1 building into the broker, Building and device notifications keeping the cache
 * current, a configuration for a device only the broker knows yet, and admin writes while the broker is down.
 * A WireMock broker on loopback; its own Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NgsiLdSiteBrokerTest extends HubTestSupport {

    private static final String BASE = "/ngsi-ld/v1";
    private static final String SECRET = "site-broker-secret";
    private static final String BUILDING = "urn:ngsi-ld:Building:umu-pleiades";
    private static final String CP = "ean.871685900012636543";
    private static final String EV = "urn:ngsi-ld:Device:pleiades-ev-01";
    private static final String CONFIG = "urn:ngsi-ld:FlexConfiguration:pleiades-ev-01";
    private static final WireMockServer BROKER = new WireMockServer(options().dynamicPort());
    /** The operator's copy of the context, on another host than the hub's public base URL. */
    private static final String CONTEXT;

    static {
        BROKER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(BROKER::stop));
        CONTEXT = "http://127.0.0.1:" + BROKER.port() + "/operator/contexts/flexhub-site.jsonld";
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hubProperties(registry);
        h2(registry);
        registry.add("flexhub.ngsild.broker-url", () -> BROKER.baseUrl() + BASE);
        registry.add("flexhub.ngsild.context-url", () -> CONTEXT);
        registry.add("flexhub.ngsild.notify-secret", () -> SECRET);
        registry.add("flexhub.ngsild.refresh-interval", () -> "1h");
    }

    @Autowired
    private CamelContext camel;
    @Autowired
    ContextStore store;
    @Autowired
    NgsiLdContextStore brokerContext;
    @Autowired
    NgsiLdBridge bridge;

    /** The broker as every test starts from: one building, one charger, its configuration. */
    @BeforeEach
    void brokerHoldsTheDemoCharger() {
        // the start-up refresh and subscription run once on their own; a test must not meet them half-way
        await().atMost(Duration.ofSeconds(60)).until(() -> startupRunsDone("ngsild-context-refresh")
                && startupRunsDone("ngsild-subscribe"));
        BROKER.resetAll();
        BROKER.stubFor(get(urlEqualTo("/operator/contexts/flexhub-site.jsonld"))
                .willReturn(aResponse().withHeader("Content-Type", "application/ld+json")
                        .withBody(SiteVocabulary.shipped().document())));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).atPriority(10).willReturn(json("[]")));
        BROKER.stubFor(buildings(building(BUILDING, CP)));
        BROKER.stubFor(chargers(charger(EV, 7.4)));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("FlexConfiguration"))
                .atPriority(1).willReturn(json("[" + flexConfiguration("20:00") + "]")));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(CONFIG))).willReturn(json(flexConfiguration("20:00"))));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/subscriptions")).willReturn(json("[]")));
        BROKER.stubFor(post(urlEqualTo(BASE + "/subscriptions")).willReturn(aResponse().withStatus(201)));
        BROKER.stubFor(post(urlPathEqualTo(BASE + "/entityOperations/upsert")).atPriority(10)
                .willReturn(aResponse().withStatus(204)));
        brokerContext.refresh();
    }

    private boolean startupRunsDone(String routeId) throws Exception {
        ManagedRouteMBean route = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute(routeId);
        return route != null && route.getExchangesTotal() >= 1 && route.getExchangesInflight() == 0;
    }

    // ---- point 3: the context at the operator's URL, and loading a building ----

    @Test
    void should_name_the_operators_context_url_to_the_broker_and_in_its_own_answers() {
        bridge.subscribe();
        assertThat(BROKER.findAll(postRequestedFor(urlEqualTo(BASE + "/subscriptions"))))
                .isNotEmpty().allSatisfy(r -> assertThat(r.getHeader("Link")).startsWith("<" + CONTEXT + ">"));
        assertThat(BROKER.findAll(getRequestedFor(urlPathEqualTo(BASE + "/entities"))))
                .isNotEmpty().allSatisfy(r -> assertThat(r.getHeader("Link")).startsWith("<" + CONTEXT + ">"));

        HttpResponse<String> linked = admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + CONFIG)))
                .header("Accept", "application/json").GET());
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        assertThat(linked.headers().firstValue("Link")).hasValueSatisfying(l -> assertThat(l).startsWith("<" + CONTEXT + ">"));
        HttpResponse<String> inline = admin(HttpRequest.newBuilder(URI.create(url("/api/site"))).GET());
        assertThat(read(inline.body()).get(0).at("/@context/0").asText()).isEqualTo(CONTEXT);
        // the hub still serves its copy, byte for byte the shipped file
        HttpResponse<String> own = send(HttpRequest.newBuilder(URI.create(url("/ngsi-ld/contexts/site.jsonld"))).GET().build());
        assertThat(own.body()).isEqualTo(new String(SiteVocabulary.shipped().document(), StandardCharsets.UTF_8));
    }

    @Test
    void should_load_a_site_document_into_the_broker_creating_what_actuation_needs_and_keeping_edits() {
        // the broker already holds the charger, under its command, and the charger's configuration
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(EV))).willReturn(json("""
                {"id": "%s", "type": "EVChargingStation",
                 "powerLimit": {"type": "Property", "value": 3.7, "unitCode": "KWT"},
                 "controlMode": {"type": "Property", "value": "limited"},
                 "actuationReference": {"type": "Property", "value": "dr-41"}}
                """.formatted(EV))));
        byte[] site = resource("/site/demo-site.json");

        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/site/broker-load")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(site)));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = read(r.body());
        assertThat(report.get("context").asText()).isEqualTo(CONTEXT);
        assertThat(report.at("/flexConfigurationsKept").toString()).isEqualTo("[\"" + CONFIG + "\"]");
        List<LoggedRequest> upserts = BROKER.findAll(postRequestedFor(urlPathEqualTo(BASE + "/entityOperations/upsert")));
        assertThat(upserts).hasSize(1);
        LoggedRequest upsert = upserts.get(0);
        assertThat(upsert.queryParameter("options").firstValue()).isEqualTo("update");
        assertThat(upsert.getHeader("Link")).startsWith("<" + CONTEXT + ">");
        assertThat(upsert.getHeader("Content-Type")).startsWith("application/json");
        Map<String, JsonNode> sent = new LinkedHashMap<>();
        read(upsert.getBodyAsString()).forEach(e -> sent.put(e.get("id").asText(), e));
        assertThat(sent.values()).noneSatisfy(e -> assertThat(e.has("@context")).isTrue());

        JsonNode building = sent.get(BUILDING);
        assertThat(building.get("type").asText()).isEqualTo("Building");
        assertThat(building.at("/congestionPoint/value").asText()).isEqualTo(CP);
        assertThat(building.at("/timeZone/value").asText()).isEqualTo("Europe/Madrid");
        assertThat(building.at("/importLimit/value").asDouble()).isEqualTo(250.0);
        assertThat(building.at("/hasDevice/object")).hasSize(16);

        JsonNode thermostat = sent.get("urn:ngsi-ld:Device:pleiades-hvac-b1-015");
        assertThat(thermostat.get("type").asText()).isEqualTo("Thermostat");
        assertThat(thermostat.at("/refBuilding/object").asText()).isEqualTo(BUILDING);
        assertThat(thermostat.at("/ratedPower/value").asDouble()).isEqualTo(4.5);
        // resting values, so that the first PATCH of a command finds the attributes to change
        assertThat(thermostat.at("/powerLimit/value").asDouble()).isEqualTo(4.5);
        assertThat(thermostat.at("/powerLimit/unitCode").asText()).isEqualTo("KWT");
        assertThat(thermostat.at("/controlMode/value").asText()).isEqualTo("schedule");
        assertThat(thermostat.at("/actuationReference/value").asText()).isNotBlank();
        // the charger's current command and configuration are the broker's, not the document's
        assertThat(sent.get(EV).has("powerLimit")).isFalse();
        assertThat(sent.get(EV).has("controlMode")).isFalse();
        assertThat(sent.get(EV).at("/ratedPower/value").asDouble()).isEqualTo(7.4);
        assertThat(sent).doesNotContainKey(CONFIG);
        JsonNode hvacConfig = sent.get("urn:ngsi-ld:FlexConfiguration:pleiades-hvac-b1-015");
        assertThat(hvacConfig.at("/refDevice/object").asText()).isEqualTo("urn:ngsi-ld:Device:pleiades-hvac-b1-015");
        assertThat(hvacConfig.at("/controllabilityFactor/value").asDouble()).isEqualTo(0.2);
        assertThat(sent).hasSize(1 + 16 + report.at("/flexConfigurationsCreated").size());
        assertThat(report.at("/flexConfigurationsCreated").size()).isPositive();
    }

    @Test
    void should_refuse_a_bad_site_document_with_a_400_naming_the_problem_and_load_nothing() {
        String good = new String(resource("/site/demo-site.json"), StandardCharsets.UTF_8);
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("format", new String[] {good.replace("flexhub-site/1", "flexhub-site/9"), "format must be flexhub-site/1"});
        cases.put("no sites", new String[] {"{\"format\": \"flexhub-site/1\", \"sites\": []}", "sites must be a non-empty"});
        cases.put("congestion point", new String[] {good.replaceFirst("\"congestionPoint\": \"ean.871685900012636543\",", ""),
            "sites[0]: congestionPoint is required"});
        cases.put("time zone", new String[] {good.replace("Europe/Madrid", "Mars/Olympus"), "sites[0]: timeZone must be"});
        cases.put("kind", new String[] {good.replaceFirst("\"THERMOSTAT\"", "\"HEATPUMP\""),
            "sites[0].devices[0] (urn:ngsi-ld:Device:pleiades-hvac-b1-015): kind must be one of"});
        cases.put("factor", new String[] {good.replaceFirst("\"controllabilityFactor\": 0.2", "\"controllabilityFactor\": 2"),
            "devices[0] (urn:ngsi-ld:Device:pleiades-hvac-b1-015): flex: controllabilityFactor must be from 0 to 1"});
        cases.put("id", new String[] {good.replace("urn:ngsi-ld:Device:pleiades-hvac-b1-015", "pleiades hvac"),
            "devices[0]: id must be a URI"});
        cases.put("duplicate", new String[] {good.replace("urn:ngsi-ld:Device:pleiades-hvac-b1-022",
            "urn:ngsi-ld:Device:pleiades-hvac-b1-015"), "urn:ngsi-ld:Device:pleiades-hvac-b1-015 appears more than once"});
        cases.put("rated power", new String[] {good.replaceFirst("\"ratedPowerKw\": 4.5", "\"ratedPowerKw\": \"4.5\""),
            "ratedPowerKw must be a number"});
        cases.put("empty", new String[] {"", "Empty body"});
        cases.put("not JSON", new String[] {"{\"format\": ", "JSON"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/site/broker-load")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(c.getValue()[0])));
            assertThat(r.statusCode()).as(c.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(read(r.body()).get("detail").asText()).as(c.getKey()).contains(c.getValue()[1]);
        }
        assertThat(BROKER.findAll(postRequestedFor(urlPathEqualTo(BASE + "/entityOperations/upsert")))).isEmpty();
    }

    // ---- point 4: Building and device changes reach the cache at once ----

    @Test
    void should_subscribe_to_buildings_and_to_the_device_attributes_the_cache_holds() {
        bridge.subscribe();
        Map<String, JsonNode> created = new LinkedHashMap<>();
        BROKER.findAll(postRequestedFor(urlEqualTo(BASE + "/subscriptions")))
                .forEach(r -> created.put(read(r.getBodyAsString()).get("id").asText(), read(r.getBodyAsString())));
        assertThat(created.get(NgsiLdSubscriptions.BUILDING).at("/entities/0/type").asText()).isEqualTo("Building");
        JsonNode device = created.get(NgsiLdSubscriptions.DEVICE);
        List<String> types = new ArrayList<>();
        device.get("entities").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).contains("EVChargingStation", "Thermostat", "SmartPlug", "Battery");
        List<String> watched = new ArrayList<>();
        device.get("watchedAttributes").forEach(a -> watched.add(a.asText()));
        assertThat(watched).contains("refBuilding", "ratedPower").doesNotContain("activePower", "powerLimit");
        assertThat(device.at("/notification/endpoint/uri").asText()).endsWith("/ngsi-ld/notify/" + SECRET);
    }

    @Test
    void should_apply_device_and_building_notifications_to_the_cache_at_once() {
        String plug = "urn:ngsi-ld:Device:pleiades-plug-new";
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(plug))).willReturn(json("""
                {"id": "%s", "type": "SmartPlug", "name": {"type": "Property", "value": "New plug"},
                 "refBuilding": {"type": "Relationship", "object": "%s"},
                 "ratedPower": {"type": "Property", "value": 2.3, "unitCode": "KWT"}}
                """.formatted(plug, BUILDING))));
        assertThat(store.device(plug)).isEmpty();

        // Scorpio's application/json notification: Link header, short names
        HttpResponse<String> created = notifyLinked(entity(plug, "SmartPlug").put("ratedPower", 0).toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.device(plug).isPresent());
        assertThat(store.device(plug).orElseThrow().ratedPowerKw()).isEqualTo(2.3);
        assertThat(store.devices(CP)).extracting(d -> d.id()).contains(plug, EV);

        // a charger's rated power changes
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(EV))).willReturn(json(charger(EV, 11.0))));
        notifyLinked(entity(EV, "EVChargingStation").set("ratedPower", property(11.0)).toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> store.device(EV).orElseThrow().ratedPowerKw() == 11.0);

        // a measurement is no change of what the cache holds: not re-read (notifications are applied in order, so
        // once the configuration change after it is in, the measurement was handled)
        int reads = BROKER.findAll(getRequestedFor(urlPathEqualTo(BASE + "/entities/" + enc(EV)))).size();
        notifyLinked(entity(EV, "EVChargingStation").set("activePower", property(5.2)).toString());
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(CONFIG))).willReturn(json(flexConfiguration("21:45"))));
        notifyLinked(entity(CONFIG, "FlexConfiguration").toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> store.flexConfiguration(CONFIG).orElseThrow()
                .operationWindow().startTime().toString().equals("21:45"));
        assertThat(BROKER.findAll(getRequestedFor(urlPathEqualTo(BASE + "/entities/" + enc(EV))))).hasSize(reads);

        // the plug is removed from the broker
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities/" + enc(plug))).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\": \"https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound\", \"title\": \"not found\"}")));
        notifyLinked(entity(plug, "SmartPlug").put("ratedPower", 0).toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> store.device(plug).isEmpty());

        // a second building joins: the ld+json form, with the broker's expanded names (no context defined them)
        String annex = "urn:ngsi-ld:Building:umu-annex";
        String annexCp = "ean.871685900000000099";
        BROKER.stubFor(buildings(building(BUILDING, CP) + "," + building(annex, annexCp)).atPriority(0));
        ObjectNode expanded = entity(annex, "https://smartdatamodels.org/dataModel.Building/Building");
        expanded.set("https://flexhub.io/ns/site#congestionPoint", property(annexCp));
        expanded.putArray("@context").add(CONTEXT);
        HttpResponse<String> joined = notifyInline(expanded.toString());
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.siteByCongestionPoint(annexCp).isPresent());
        assertThat(store.knowsCongestionPoint(annexCp)).isTrue();

    }

    @Test
    void should_accept_a_configuration_for_a_device_the_broker_has_and_the_cache_not_yet() {
        String ev2 = "urn:ngsi-ld:Device:pleiades-ev-02";
        BROKER.stubFor(chargers(charger(EV, 7.4) + "," + charger(ev2, 22.0)).atPriority(0));
        assertThat(store.device(ev2)).isEmpty();

        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url(
                "/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:pleiades-ev-02")))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"refDevice": "%s", "flexibilityType": "shiftable",
                         "operationWindow": {"startTime": "21:00", "endTime": "07:00"}}""".formatted(ev2))));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(store.device(ev2)).isPresent();
        assertThat(BROKER.findAll(postRequestedFor(urlPathEqualTo(BASE + "/entityOperations/upsert"))))
                .anySatisfy(u -> assertThat(u.getBodyAsString()).contains(ev2));

        HttpResponse<String> unknown = admin(HttpRequest.newBuilder(URI.create(url(
                "/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:nowhere")))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"refDevice\": \"urn:ngsi-ld:Device:nowhere\", \"flexibilityType\": \"non-shiftable\"}")));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(read(unknown.body()).get("detail").asText())
                .contains("refDevice urn:ngsi-ld:Device:nowhere is not a known device");
    }

    // ---- point 7: admin writes while the broker is down ----

    @Test
    void should_answer_503_with_retry_after_when_the_broker_is_down_and_keep_the_cache() {
        BROKER.stubFor(post(urlPathEqualTo(BASE + "/entityOperations/upsert")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + CONFIG)))
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"operationWindow\": {\"startTime\": \"18:00\", \"endTime\": \"08:00\"}}"))));
        refused.add(admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + CONFIG)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"flexibilityType\": \"shiftable\", \"operationWindow\": {\"startTime\": \"18:00\", \"endTime\": \"08:00\"}}"))));
        refused.add(admin(HttpRequest.newBuilder(URI.create(url("/api/site/broker-load")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(resource("/site/demo-site.json")))));
        // the broker answers, but cannot fetch the context (Scorpio's LdContextNotAvailable)
        BROKER.stubFor(post(urlPathEqualTo(BASE + "/entityOperations/upsert")).atPriority(0)
                .willReturn(json("""
                        {"type": "https://uri.etsi.org/ngsi-ld/errors/LdContextNotAvailable",
                         "title": "LD context not available.", "status": 503}""").withStatus(503)));
        refused.add(admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + CONFIG)))
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"controllabilityFactor\": 0.5}"))));

        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(read(r.body()).get("detail").asText()).contains("NGSI-LD broker is unavailable")
                    .contains("retry in 30 s");
        }
        assertThat(read(refused.get(3).body()).get("detail").asText()).contains("LdContextNotAvailable");
        assertThat(store.flexConfiguration(CONFIG).orElseThrow().operationWindow().startTime().toString())
                .isEqualTo("20:00");
    }

    @Test
    void should_answer_502_naming_the_brokers_reason_when_it_refuses_a_write() {
        BROKER.stubFor(post(urlPathEqualTo(BASE + "/entityOperations/upsert")).atPriority(1)
                .willReturn(json("""
                        {"type": "https://uri.etsi.org/ngsi-ld/errors/BadRequestData", "title": "Bad Request",
                         "detail": "Invalid date time format found on observedAt", "status": 400}""").withStatus(400)));
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + CONFIG)))
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"controllabilityFactor\": 0.5}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
        assertThat(read(r.body()).get("detail").asText()).contains("refused").contains("Invalid date time format");
    }

    // ---- helpers ----

    /** A notification as Scorpio posts it (fixture notification-1: application/json, Link to the context). */
    private HttpResponse<String> notifyLinked(String entity) {
        JsonNode recorded = fixture("notification-1.json");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/ngsi-ld/notify/" + SECRET)))
                .POST(HttpRequest.BodyPublishers.ofString(notificationBody(recorded, entity)));
        recorded.get("headers").forEach(h -> {
            if (h.get(0).asText().equals("Content-Type")) {
                b.header("Content-Type", h.get(1).asText());
            } else if (h.get(0).asText().equals("Link")) {
                b.header("Link", h.get(1).asText().replace("http://127.0.0.1:8100/flex-context.jsonld", CONTEXT));
            }
        });
        return send(b.build());
    }

    /** Fixture notification-2: application/ld+json, the @context inside each entity. */
    private HttpResponse<String> notifyInline(String entity) {
        JsonNode recorded = fixture("notification-2.json");
        return send(HttpRequest.newBuilder(URI.create(url("/ngsi-ld/notify/" + SECRET)))
                .header("Content-Type", "application/ld+json")
                .POST(HttpRequest.BodyPublishers.ofString(notificationBody(recorded, entity))).build());
    }

    private String notificationBody(JsonNode recorded, String entity) {
        ObjectNode body = recorded.get("body").deepCopy();
        body.put("subscriptionId", NgsiLdSubscriptions.DEVICE);
        ArrayNode data = body.putArray("data");
        data.add(read(entity));
        return body.toString();
    }

    private ObjectNode entity(String id, String type) {
        return json.createObjectNode().put("id", id).put("type", type);
    }

    private ObjectNode property(Object value) {
        ObjectNode p = json.createObjectNode().put("type", "Property");
        p.set("value", json.valueToTree(value));
        return p;
    }

    private static JsonNode fixture(String name) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(resource("/fixtures/ngsild/scorpio/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = NgsiLdSiteBrokerTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder buildings(String list) {
        return get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("Building")).atPriority(1)
                .willReturn(json("[" + list + "]"));
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder chargers(String list) {
        return get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("EVChargingStation")).atPriority(1)
                .willReturn(json("[" + list + "]"));
    }

    private static String building(String id, String congestionPoint) {
        return """
                {"id": "%s", "type": "Building",
                 "congestionPoint": {"type": "Property", "value": "%s"},
                 "timeZone": {"type": "Property", "value": "Europe/Madrid"}}""".formatted(id, congestionPoint);
    }

    private static String charger(String id, double ratedKw) {
        return """
                {"id": "%s", "type": "EVChargingStation",
                 "refBuilding": {"type": "Relationship", "object": "%s"},
                 "ratedPower": {"type": "Property", "value": %s, "unitCode": "KWT"}}""".formatted(id, BUILDING, ratedKw);
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
