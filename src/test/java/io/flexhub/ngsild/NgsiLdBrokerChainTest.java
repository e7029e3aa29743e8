package io.flexhub.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.demo.DemoDsoMessages;
import io.flexhub.flex.FlexOfferStore;
import io.flexhub.flex.dr.DrEvent;
import io.flexhub.flex.dr.DrEventStore;
import io.flexhub.selfconsumption.CommandStore;
import io.flexhub.selfconsumption.RunStore;
import io.flexhub.site.Actuation;
import io.flexhub.site.ActuationException;
import io.flexhub.site.ContextStore;
import io.flexhub.site.DeviceActuator;
import io.flexhub.site.embedded.SiteRepository;
import io.flexhub.support.HubTestSupport;
import io.flexhub.support.MovableClock;
import io.flexhub.support.StrictBroker;
import io.flexhub.support.UftpTestPeer;

/**
 * The whole broker-mode chain against {@link StrictBroker}, the test broker as strict and quirky as Scorpio: the
 * demo building loaded into a fresh broker through the hub's own load path under the shipped
 * {@code docs/ngsi-ld/site-context.jsonld} (hosted by the "operator", not the hub); Building, device and
 * FlexConfiguration changes made by other clients of the broker reaching the hub as notifications; a nightly run
 * whose DeviceSchedule entities land in the broker; a signed FlexRequest, the hub's FlexOffer, a FlexOrder on it and
 * its demand-response events appended to the devices on the broker at the ISP boundaries, read back, restored to the
 * values the devices had, with the status mails; and a broker restart in the middle, after which everything
 * completes and nothing is FAILED. The hub has a fixed port, so that the broker can notify it and fetch its UFTP
 * @context. Its own Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@Import(NgsiLdBrokerChainTest.Clocks.class)
class NgsiLdBrokerChainTest extends HubTestSupport {

    /** Only the movable clock: the shared test beans record commands for the embedded actuator, absent here. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "chain-notify-secret";
    private static final String BUILDING = "urn:ngsi-ld:Building:umu-pleiades";
    private static final String CP = UftpTestPeer.CONGESTION_POINT;
    private static final ZoneId ZONE = UftpTestPeer.MARKET_ZONE;
    private static final Duration ISP = Duration.ofMinutes(15);
    private static final String LOBBY = "urn:ngsi-ld:Device:pleiades-hvac-a0-lobby";
    private static final String EV2 = "urn:ngsi-ld:Device:pleiades-ev-02";
    private static final String DHW_CONFIG = "urn:ngsi-ld:FlexConfiguration:pleiades-dhw-heatpump";
    private static final String NEW_PLUG = "urn:ngsi-ld:Device:pleiades-plug-lab";
    private static final String DR_DESK = "dr-desk@pleiades.example";
    /** What the hub may send as a DateTime: UTC, at most millisecond precision. */
    private static final Pattern CANONICAL = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");

    private static final int HUB_PORT = freePort();
    private static final StrictBroker BROKER = new StrictBroker();
    /** The operator's copy of the shipped context, on the broker's host rather than the hub's. */
    private static final String SITE_CONTEXT = BROKER.serveContext("flexhub-site.jsonld", shippedContext());
    /** The trading day: a coming weekday without a daylight-saving change, nor one a week before. */
    private static final LocalDate DAY = tradingDay();
    /** The lobby heat pump's measurements a week before {@link #DAY}: one per ISP, unlike its profile. */
    private static final double[] MEASURED = new double[96];

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(BROKER::close));
        Instant weekAgo = DAY.minusDays(7).atStartOfDay(ZONE).toInstant();
        for (int i = 0; i < 96; i++) {
            MEASURED[i] = 1.0 + (i % 12) * 0.25;
            ObjectNode e = JSON.createObjectNode().put("id", LOBBY).put("type", "Thermostat");
            e.putObject("activePower").put("type", "Property").put("value", MEASURED[i]).put("unitCode", "KWT")
                    .put("observedAt", weekAgo.plus(ISP.multipliedBy(i)).toString());
            // 96 instances: more than the 50 the broker returns per request
            BROKER.put(e, SITE_CONTEXT);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hubProperties(registry);
        h2(registry);
        registry.add("server.port", () -> HUB_PORT);
        registry.add("flexhub.public-base-url", () -> "http://127.0.0.1:" + HUB_PORT);
        // the compose file's form (the server root); the hub adds /ngsi-ld/v1
        registry.add("flexhub.ngsild.broker-url", () -> BROKER.root().toString());
        registry.add("flexhub.ngsild.context-url", () -> SITE_CONTEXT);
        registry.add("flexhub.ngsild.notify-secret", () -> SECRET);
        registry.add("flexhub.ngsild.refresh-interval", () -> "1h");
        registry.add("flexhub.ngsild.publish-interval", () -> "200ms");
        registry.add("flexhub.ngsild.publish-max-delay", () -> "400ms");
        registry.add("flexhub.selfconsumption.actuation.poll-interval", () -> "200ms");
    }

    @Autowired
    MovableClock clock;
    @Autowired
    org.apache.camel.CamelContext camel;
    @Autowired
    ContextStore store;
    @Autowired
    SiteRepository repository;
    @Autowired
    FlexOfferStore offers;
    @Autowired
    CommandStore commands;
    @Autowired
    RunStore runs;
    @Autowired
    DrEventStore drEvents;
    @Autowired
    DeviceActuator actuator;

    /** Where the broker's request log stood when the order came in. */
    private int sinceOrder;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void should_run_the_whole_chain_on_a_strict_broker_and_complete_it_through_a_broker_restart() throws Exception {
        dsoAccepts();
        subscribed();
        loadTheBuilding();
        otherClientsChangeTheBroker();
        long run = nightlyRun();
        FlexOffer offer = requestAndOffer();
        readTheOfferBackFromTheBroker(offer);
        Map<String, JsonNode> before = new LinkedHashMap<>();
        BROKER.entityIds().stream().filter(id -> id.startsWith("urn:ngsi-ld:Device:"))
                .forEach(id -> before.put(id, BROKER.entity(id).orElseThrow()));

        sinceOrder = BROKER.requests().size();
        // the broker goes down before the order comes in, and comes back in the first ISP of its events
        BROKER.stop();
        FlexOrder order = order(offer);
        List<JsonNode> events = events(order);
        Instant first = events.stream().map(e -> Instant.parse(e.get("startAt").asText())).min(Instant::compareTo)
                .orElseThrow();
        writesAreRefusedWith503();
        clock.setTo(first.plusSeconds(1));
        brokerDownAtTheFirstBoundary(order, events, first);
        BROKER.start();

        actuateAtEachBoundary(events, before, first);
        afterTheEvents(order, events, before);
        nothingFailedAndEveryDateTimeCanonical(run, order);
        brokerCallsShowAsCamelEndpoints();
    }

    /** What Hawtio shows of the chain's broker calls, read the way it reads them: through Jolokia. */
    private void brokerCallsShowAsCamelEndpoints() {
        String context = "org.apache.camel:context=" + camel.getManagementName() + ",";
        String stepRead = admin(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/read/" + context
                + "type=processors,name=%22to-ngsi-ld-broker%22"))).GET()).body();
        assertThat(read(stepRead).path("value").path("ExchangesCompleted").asLong()).as(stepRead).isPositive();
        // the outage's refused connections: handled by the route, retried by the client and the outboxes
        String routeRead = admin(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/read/" + context
                + "type=routes,name=%22ngsi-ld-broker%22"))).GET()).body();
        assertThat(read(routeRead).path("value").path("FailuresHandled").asLong()).as(routeRead).isPositive();
        List<String> endpoints = new ArrayList<>();
        read(admin(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/search/org.apache.camel:type=endpoints,*")))
                .GET()).body()).get("value").forEach(n -> {
                    if (n.asText().startsWith(context)) {
                        endpoints.add(n.asText());
                    }
                });
        // one endpoint for the broker (JMX names it by its origin), however many entities the chain touched
        assertThat(endpoints).filteredOn(n -> n.contains(BROKER.root().getAuthority())).singleElement()
                .satisfies(n -> assertThat(n).endsWith("name=\"http://" + BROKER.root().getAuthority() + "\""));
        // and in Prometheus, the broker's calls as one timer of their own
        String prometheus = admin(HttpRequest.newBuilder(URI.create(url("/actuator/prometheus"))).GET()).body();
        assertThat(prometheus).containsPattern("(?m)^camel_exchange_event_notifier_seconds_count\\{[^}]*endpointName=\""
                + Pattern.quote("http://" + BROKER.root().getAuthority()) + "\"[^}]*\\} [1-9]");
    }

    // ---- the DSO's FlexOrder on the offer: one event per device in the offer's plan ----

    private FlexOrder order(FlexOffer offer) {
        FlexOrder order = new DemoDsoMessages(UftpTestPeer.DSO_DOMAIN, UftpTestPeer.HUB_DOMAIN, ZONE, ISP)
                .order(offer, BigDecimal.ONE, Instant.now()).orElseThrow();
        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);
        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID());
        assertThat(response.getRejectionReason()).isNull();
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        return order;
    }

    private List<JsonNode> events(FlexOrder order) {
        FlexOfferStore.StoredOffer offer = offers.findByMessageId(order.getFlexOfferMessageID()).orElseThrow();
        List<FlexOfferStore.DevicePlanRow> plans = offers.plans(offer.id());
        List<JsonNode> events = await().atMost(Duration.ofSeconds(30)).until(() -> list(
                "/api/dr/events?sourceRef=" + order.getMessageID()), l -> l.size() == plans.size());
        assertThat(events).extracting(e -> e.get("deviceId").asText())
                .containsExactlyInAnyOrderElementsOf(plans.stream().map(FlexOfferStore.DevicePlanRow::deviceId).toList());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("state").asText()).isEqualTo("SCHEDULED");
            assertThat(Instant.parse(e.get("startAt").asText())).isAfterOrEqualTo(DAY.atTime(20, 0).atZone(ZONE).toInstant());
            assertThat(Instant.parse(e.get("endAt").asText())).isBeforeOrEqualTo(DAY.plusDays(1).atStartOfDay(ZONE).toInstant());
        });
        return events;
    }

    /** Commands and entity upserts fail and are retried; nothing is given up, the operators are told. */
    private void brokerDownAtTheFirstBoundary(FlexOrder order, List<JsonNode> events, Instant first) {
        List<JsonNode> due = events.stream().filter(e -> Instant.parse(e.get("startAt").asText()).equals(first)).toList();
        assertThat(due).isNotEmpty();
        List<String> uftp = List.of("urn:ngsi-ld:FlexOrder:" + order.getMessageID(), "urn:ngsi-ld:FlexOrderResponse:"
                + awaitResponse(FlexOrderResponse.class, order.getMessageID()).getMessageID());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (JsonNode e : due) {
                JsonNode now = event(e.get("id").asLong());
                assertThat(now.get("state").asText()).isEqualTo("SCHEDULED");
                assertThat(now.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(now.get("lastError").asText()).contains(e.get("deviceId").asText());
            }
            for (String id : uftp) {
                assertThat(repository.entity(id)).as(id).hasValueSatisfying(r -> {
                    assertThat(r.pending()).isTrue();
                    assertThat(r.attempts()).isGreaterThanOrEqualTo(1);
                });
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> !mails("FlexOrder " + order.getMessageID() + " / event "
                + due.get(0).get("id").asLong() + " problem - ").isEmpty());
    }

    // ---- point 7: admin writes while the broker is down ----

    private void writesAreRefusedWith503() {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + DHW_CONFIG)))
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"operationWindow\": {\"startTime\": \"07:00\", \"endTime\": \"19:00\"}}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(read(r.body()).get("detail").asText()).contains("NGSI-LD broker is unavailable");
        assertThat(store.flexConfiguration(DHW_CONFIG).orElseThrow().operationWindow().startTime()).hasToString("06:30");
    }

    // ---- points 1, 9, 10: the commands at the ISP boundaries, as the broker holds them ----

    /**
     * Moves the clock to every ISP boundary at which some event's command changes and checks what each device holds
     * on the broker: the event's setpoint, or in ISPs without one and at the end what the device had before.
     */
    private void actuateAtEachBoundary(List<JsonNode> events, Map<String, JsonNode> before, Instant first) {
        TreeSet<Instant> boundaries = new TreeSet<>();
        for (JsonNode e : events) {
            List<Double> setpoints = setpoints(e);
            Instant start = Instant.parse(e.get("startAt").asText());
            for (int k = 0; k <= setpoints.size(); k++) {
                if (k == 0 || k == setpoints.size() || !java.util.Objects.equals(setpoints.get(k), setpoints.get(k - 1))) {
                    boundaries.add(start.plus(ISP.multipliedBy(k)));
                }
            }
        }
        for (Instant b : boundaries) {
            if (!b.equals(first)) {
                clock.setTo(b.plusSeconds(1));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (JsonNode e : events) {
                    Instant start = Instant.parse(e.get("startAt").asText());
                    List<Double> setpoints = setpoints(e);
                    int k = (int) Duration.between(start, b).dividedBy(ISP);
                    if (b.isBefore(start) || k > setpoints.size()) {
                        continue;
                    }
                    String device = e.get("deviceId").asText();
                    JsonNode held = BROKER.entity(device).orElseThrow();
                    Double setpoint = k < setpoints.size() ? setpoints.get(k) : null;
                    String at = device + " at " + b + " (ISP " + k + " of event " + e.get("id") + ")";
                    if (setpoint != null) {
                        assertThat(held.at("/powerLimit/value").asDouble()).as(at).isCloseTo(setpoint,
                                org.assertj.core.api.Assertions.within(1e-9));
                        assertThat(held.at("/controlMode/value").asText()).as(at).isEqualTo("limited");
                    } else {
                        assertThat(held.at("/powerLimit/value").asDouble()).as(at)
                                .isEqualTo(before.get(device).at("/powerLimit/value").asDouble());
                        assertThat(held.at("/controlMode/value").asText()).as(at)
                                .isEqualTo(before.get(device).at("/controlMode/value").asText());
                    }
                    if (k == 0 || !java.util.Objects.equals(setpoint, setpoints.get(k - 1))) {
                        assertThat(held.at("/actuationReference/value").asText()).as(at)
                                .isEqualTo("dr-event-" + e.get("id").asLong() + "/" + k);
                        Instant observed = Instant.parse(held.at("/powerLimit/observedAt").asText(
                                held.at("/controlMode/observedAt").asText()));
                        assertThat(observed).as(at).isBetween(b, b.plus(ISP));
                    }
                }
            });
        }
    }

    private void afterTheEvents(FlexOrder order, List<JsonNode> events, Map<String, JsonNode> before) {
        for (JsonNode e : events) {
            long id = e.get("id").asLong();
            String device = e.get("deviceId").asText();
            JsonNode done = await().atMost(Duration.ofSeconds(20)).until(() -> event(id),
                    x -> x.get("state").asText().equals("COMPLETED"));
            assertThat(done.get("missedIsps")).as(device).isEmpty();
            assertThat(done.get("transitions")).extracting(t -> t.get("to").asText())
                    .containsExactly("SCHEDULED", "ACTIVE", "COMPLETED");
            // every command with the broker's answer; the end restores what the device had
            List<JsonNode> told = list("/api/site/actuations?device=" + enc(device)).stream()
                    .filter(a -> a.get("reference").asText().startsWith("dr-event-" + id + "/")).toList();
            assertThat(told).isNotEmpty().allSatisfy(a -> {
                assertThat(a.get("outcome").asText()).isEqualTo("APPLIED");
                assertThat(a.get("brokerStatus").asInt()).isEqualTo(204);
            });
            assertThat(told.get(0).get("command").asText()).isEqualTo("RESTORE");
            assertThat(told.get(0).get("powerKw").asDouble()).isEqualTo(before.get(device).at("/powerLimit/value").asDouble());
            assertThat(told.get(0).get("controlMode").asText()).isEqualTo("schedule");
            // each command an append (which creates what a device lacks), each read back
            List<StrictBroker.Request> appends = BROKER.requests("POST", "/entities/" + device + "/attrs");
            assertThat(appends).hasSizeGreaterThanOrEqualTo(told.size())
                    .allSatisfy(a -> assertThat(a.status()).isEqualTo(204));
            assertThat(BROKER.requests().subList(sinceOrder, BROKER.requests().size())).noneSatisfy(r -> assertThat(
                    r.method() + " " + r.path()).startsWith("PATCH /entities/" + device));
            assertThat(BROKER.requests("GET", "/entities/" + device).stream()
                    .filter(g -> g.query().getOrDefault("attrs", "").contains("powerLimit")).count())
                    .isGreaterThanOrEqualTo(appends.size());
            // and the mails of the order, to the desk the Building notification named
            List<jakarta.mail.internet.MimeMessage> completed = mails("FlexOrder " + order.getMessageID()
                    + " / event status COMPLETED - ").stream().filter(m -> body(m).contains("Device: " + device + " ")).toList();
            assertThat(completed).as(device).isNotEmpty();
            assertThat(body(completed.get(0))).contains("Event: " + id + " (FLEX_ORDER " + order.getMessageID() + ")");
        }
    }

    private void nothingFailedAndEveryDateTimeCanonical(long run, FlexOrder order) {
        assertThat(list("/api/dr/events")).noneSatisfy(e -> assertThat(e.get("state").asText()).isEqualTo("FAILED"));
        assertThat(commands.forRun(run)).isNotEmpty().allSatisfy(c -> assertThat(c.status()).isEqualTo("PENDING"));
        // the UFTP entities of the outage were upserted once the broker was back, as the other UFTP entities are
        await().atMost(Duration.ofSeconds(20)).until(() -> repository.countPending() == 0);
        String entity = "urn:ngsi-ld:FlexOrder:" + order.getMessageID();
        assertThat(BROKER.entity(entity).orElseThrow().at("/conversationId/value").asText())
                .isEqualTo(order.getConversationID());
        assertThat(BROKER.requests("POST", "/entityOperations/upsert")).filteredOn(r -> r.body().contains("\"id\":\"" + entity + "\""))
                .singleElement().satisfies(u -> {
                    assertThat(u.status()).isEqualTo(201);
                    assertThat(u.query()).containsEntry("options", "update");
                    assertThat(u.header("Link")).startsWith("<http://127.0.0.1:" + HUB_PORT + "/ngsi-ld/contexts/uftp.jsonld>");
                    assertThat(u.json().get(0).has("@context")).isFalse();
                });
        assertThat(BROKER.requests()).allSatisfy(r -> assertThat(r.status()).as(r.method() + " " + r.path() + " " + r.body())
                .isNotEqualTo(400).isLessThan(500));
        List<String> times = new ArrayList<>();
        for (StrictBroker.Request r : BROKER.requests()) {
            for (String key : List.of("timeAt", "endTimeAt")) {
                if (r.query().containsKey(key)) {
                    times.add(r.query().get(key));
                }
            }
            if (r.body() != null && !r.body().isEmpty() && r.header("Content-Type") != null) {
                collectDateTimes(r.json(), times);
            }
        }
        assertThat(times).hasSizeGreaterThan(20).allSatisfy(t -> assertThat(t).matches(CANONICAL));
    }

    private static void collectDateTimes(JsonNode n, List<String> out) {
        if (n == null) {
            return;
        }
        if (n.isObject()) {
            if (n.path("@type").asText().equals("DateTime") && n.has("@value")) {
                out.add(n.get("@value").asText());
            }
            if (n.path("observedAt").isTextual()) {
                out.add(n.get("observedAt").asText());
            }
            n.forEach(c -> collectDateTimes(c, out));
        } else if (n.isArray()) {
            n.forEach(c -> collectDateTimes(c, out));
        }
    }

    // ---- point 5: the hub's own UFTP entity, as the broker gives it back, translates ----

    private void readTheOfferBackFromTheBroker(FlexOffer offer) throws Exception {
        String id = "urn:ngsi-ld:FlexOffer:" + offer.getMessageID();
        await().atMost(Duration.ofSeconds(20)).until(() -> BROKER.entity(id).isPresent());
        HttpResponse<String> readBack = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(BROKER.baseUrl() + "/entities/" + id)).header("Accept", "application/json")
                .header("Link", "<http://127.0.0.1:" + HUB_PORT + "/ngsi-ld/contexts/uftp.jsonld>; rel=\""
                        + StrictBroker.JSONLD_REL + "\"; type=\"application/ld+json\"").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readBack.statusCode()).as(readBack.body()).isEqualTo(200);
        HttpResponse<String> xml = admin(HttpRequest.newBuilder(URI.create(url("/api/usef/translate")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(readBack.body())));
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(200);
        FlexOffer back = (FlexOffer) UftpTestPeer.parse(xml.body().getBytes(StandardCharsets.UTF_8));
        assertThat(back.getMessageID()).isEqualTo(offer.getMessageID());
        assertThat(back.getFlexRequestMessageID()).isEqualTo(offer.getFlexRequestMessageID());
        assertThat(back.getPeriod()).isEqualTo(offer.getPeriod());
        assertThat(back.getOfferOptions()).hasSameSizeAs(offer.getOfferOptions());
        assertThat(back.getOfferOptions().get(0).getPrice()).isEqualByComparingTo(offer.getOfferOptions().get(0).getPrice());
        assertThat(back.getOfferOptions().get(0).getISPS()).extracting(FlexOfferOptionISPType::getStart,
                FlexOfferOptionISPType::getDuration, FlexOfferOptionISPType::getPower)
                .containsExactlyElementsOf(offer.getOfferOptions().get(0).getISPS().stream().map(i -> org.assertj.core.api.Assertions
                        .tuple(i.getStart(), i.getDuration(), i.getPower())).toList());
    }

    // ---- a signed FlexRequest, the hub's FlexOffer on the broker's baselines ----

    private FlexOffer requestAndOffer() {
        FlexRequest request = DSO.flexRequest();
        request.setPeriod(DAY);
        request.setExpirationDateTime(DAY.atTime(12, 0).atZone(ZONE).toOffsetDateTime());
        request.getISPS().clear();
        for (int isp = 1; isp <= 96; isp++) {
            FlexRequestISPType i = new FlexRequestISPType();
            i.setStart((long) isp);
            i.setDuration(1L);
            boolean requested = isp >= 81 && isp <= 84; // 20:00-21:00
            i.setDisposition(requested ? AvailableRequestedType.REQUESTED : AvailableRequestedType.AVAILABLE);
            i.setMinPower(requested ? -40_000L : -50_000L);
            i.setMaxPower(requested ? -1_000L : 50_000L);
            request.getISPS().add(i);
        }
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        assertThat(awaitResponse(FlexRequestResponse.class, request.getMessageID()).getResult())
                .isEqualTo(AcceptedRejectedType.ACCEPTED);
        FlexOffer offer = awaitResponse(FlexOffer.class, null, request.getConversationID());
        for (FlexOfferOptionISPType i : offer.getOfferOptions().get(0).getISPS()) {
            if (i.getStart() >= 81 && i.getStart() <= 84) {
                assertThat(i.getPower()).as("ISP " + i.getStart()).isBetween(-40_000L, -1_000L);
            }
        }
        // point 2: the lobby's baseline is its whole day of history a week earlier (96 instances, the broker gives
        // 50 a request), not the last 50 of it with the profile for the rest
        FlexOfferStore.StoredOffer stored = offers.findByMessageId(offer.getMessageID()).orElseThrow();
        assertThat(offers.plans(stored.id())).filteredOn(p -> p.deviceId().equals(LOBBY)).singleElement()
                .satisfies(p -> assertThat(p.baselineKw()).containsExactly(MEASURED));
        assertThat(BROKER.requests("GET", "/temporal/entities/" + LOBBY)).hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.query()).doesNotContainKey("count").containsKey("timeAt"));
        return offer;
    }

    /**
     * Two planners, one device (point 9): a demand-response event and the nightly schedule both have a setpoint for a
     * charger in the same ISPs. The device gets the event's; the schedule's are not sent, and its latest one is what
     * the device gets back when the event ends.
     */
    @Test
    void should_give_a_device_the_events_setpoint_in_its_isps_and_resume_the_schedule_after_it() {
        String device = "urn:ngsi-ld:Device:arbitration-ev";
        BROKER.put(JSON.createObjectNode().put("id", device).put("type", "EVChargingStation"), SITE_CONTEXT);
        Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofDays(3));
        long run = runs.open(LocalDate.ofInstant(t0, java.time.ZoneOffset.UTC), "ADMIN", "min-cost", Instant.now());
        String runRef = "selfconsumption-run-" + run;
        commands.replace(run, "urn:ngsi-ld:Building:arbitration", t0, List.of(
                new Actuation(device, Actuation.Command.SETPOINT, 5.0, t0, runRef),
                new Actuation(device, Actuation.Command.SETPOINT, 6.0, t0.plus(ISP), runRef),
                new Actuation(device, Actuation.Command.RESTORE, null, t0.plus(ISP.multipliedBy(3)), runRef)));
        long event = drEvents.insert(new DrEvent.New(DrEvent.Source.LOCAL, "arbitration-" + run, null, null,
                "ean.arbitration", device, t0, ISP, ZoneId.of("Europe/Madrid"), List.of(2.0, 1.0),
                List.of(1.0, 1.0), null), Instant.now(), "test event");

        clock.setTo(t0.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(BROKER.entity(device).orElseThrow().at("/powerLimit/value").asDouble()).isEqualTo(2.0);
            assertThat(commandStatus(run, t0)).isEqualTo("DEFERRED");
        });
        clock.setTo(t0.plus(ISP).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(BROKER.entity(device).orElseThrow().at("/powerLimit/value").asDouble()).isEqualTo(1.0);
            assertThat(commandStatus(run, t0.plus(ISP))).isEqualTo("DEFERRED");
        });
        clock.setTo(t0.plus(ISP.multipliedBy(2)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(drEvents.findById(event).orElseThrow().state().name()).isEqualTo("COMPLETED");
            assertThat(BROKER.entity(device).orElseThrow().at("/powerLimit/value").asDouble()).isEqualTo(6.0);
            assertThat(BROKER.entity(device).orElseThrow().at("/controlMode/value").asText()).isEqualTo("limited");
        });
        clock.setTo(t0.plus(ISP.multipliedBy(3)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(commandStatus(run, t0.plus(ISP.multipliedBy(3)))).isEqualTo("APPLIED");
            assertThat(BROKER.entity(device).orElseThrow().at("/controlMode/value").asText()).isEqualTo("schedule");
        });
        // one setpoint per ISP reached the device: never the schedule's 5 kW, and 6 kW only after the event
        assertThat(BROKER.instances(device, "powerLimit")).extracting(i -> i.value().asDouble())
                .containsExactly(2.0, 1.0, 6.0);
    }

    @Test
    void should_list_a_command_the_broker_refused_with_its_answer() {
        String device = "urn:ngsi-ld:Device:not-on-the-broker";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> actuator.apply(
                new Actuation(device, Actuation.Command.SETPOINT, 1.5, null, "refusal-test")))
                .isInstanceOfSatisfying(ActuationException.class, e -> assertThat(e.retryable()).isFalse());

        assertThat(list("/api/site/actuations?device=" + enc(device))).singleElement().satisfies(a -> {
            assertThat(a.get("reference").asText()).isEqualTo("refusal-test");
            assertThat(a.get("powerKw").asDouble()).isEqualTo(1.5);
            assertThat(a.get("outcome").asText()).isEqualTo("REFUSED");
            assertThat(a.get("brokerStatus").asInt()).isEqualTo(404);
            assertThat(a.get("brokerTitle").asText()).isEqualTo("Resource not found.");
        });
    }

    private String commandStatus(long run, Instant at) {
        return commands.forRun(run).stream().filter(c -> c.actuation().effectiveAt().equals(at)).findFirst()
                .orElseThrow().status();
    }

    // ---- the hub registers its subscriptions on the fresh broker ----

    private void subscribed() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(BROKER.requests("POST", "/subscriptions"))
                .extracting(StrictBroker.Request::status).hasSize(5).containsOnly(201));
        assertThat(BROKER.requests("POST", "/subscriptions")).extracting(r -> r.json().get("id").asText())
                .containsExactlyInAnyOrder(NgsiLdSubscriptions.FLEX_CONFIGURATION, NgsiLdSubscriptions.DEVICE_POWER,
                        NgsiLdSubscriptions.BUILDING, NgsiLdSubscriptions.DEVICE, NgsiLdSubscriptions.FORECAST);
        for (StrictBroker.Request r : BROKER.requests("POST", "/subscriptions")) {
            assertThat(r.json().at("/notification/endpoint/uri").asText())
                    .isEqualTo("http://127.0.0.1:" + HUB_PORT + "/ngsi-ld/notify/" + SECRET);
            assertThat(r.header("Link")).startsWith("<" + SITE_CONTEXT + ">");
        }
        // the broker URL was given as the root: every request went to the API under /ngsi-ld/v1
        assertThat(BROKER.requests()).extracting(StrictBroker.Request::path).allSatisfy(p -> assertThat(p)
                .matches("/(entities|entityOperations|subscriptions|temporal|types|contexts)(/.*)?"));
        HttpResponse<String> health = admin(HttpRequest.newBuilder(URI.create(url("/actuator/health/broker"))).GET());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(read(health.body()).get("status").asText()).isEqualTo("UP");
    }

    // ---- point 3: the building into a fresh broker, through the hub ----

    private void loadTheBuilding() throws IOException {
        byte[] site = Files.readAllBytes(Path.of("src/main/resources/site/demo-site.json"));
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/site/broker-load")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(site)));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = read(r.body());
        assertThat(report.get("context").asText()).isEqualTo(SITE_CONTEXT);
        assertThat(report.get("devices")).hasSize(16);
        assertThat(report.get("flexConfigurationsKept")).isEmpty();
        JsonNode building = BROKER.entity(BUILDING).orElseThrow();
        assertThat(building.at("/congestionPoint/value").asText()).isEqualTo(CP);
        assertThat(building.at("/hasDevice/object")).hasSize(16);
        // the lobby kept its measurements and got what commands write, at rest
        JsonNode lobby = BROKER.entity(LOBBY).orElseThrow();
        assertThat(lobby.at("/activePower/value").asDouble()).isEqualTo(MEASURED[95]);
        assertThat(lobby.at("/powerLimit/value").asDouble()).isEqualTo(7.5);
        assertThat(lobby.at("/controlMode/value").asText()).isEqualTo("schedule");
        assertThat(lobby.at("/actuationReference/value").asText()).isEqualTo("none");
        assertThat(store.sites()).singleElement().satisfies(s -> assertThat(s.congestionPoint()).isEqualTo(CP));
        assertThat(store.devices(CP)).hasSize(16);
        assertThat(store.flexConfigurations()).hasSize(report.get("flexConfigurationsCreated").size());
        // the broker told the hub about what was created, and the hub took each notification
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(BROKER.notifications())
                .extracting(StrictBroker.Notification::subscriptionId)
                .contains(NgsiLdSubscriptions.BUILDING, NgsiLdSubscriptions.DEVICE,
                        NgsiLdSubscriptions.FLEX_CONFIGURATION));
        assertThat(BROKER.notifications()).extracting(StrictBroker.Notification::status).containsOnly(200);
    }

    // ---- point 4: Building, device and FlexConfiguration changes by other clients reach the cache ----

    private void otherClientsChangeTheBroker() {
        int notified = BROKER.notifications().size();
        // the building manager's tool names a desk for demand-response mails
        assertThat(brokerWrite("PATCH", "/entities/" + BUILDING + "/attrs", """
                {"recipients": {"type": "Property", "value": ["%s", "energy@umu.example"]}}""".formatted(DR_DESK)))
                .isEqualTo(204);
        // a charger is renamed, a plug is added
        assertThat(brokerWrite("PATCH", "/entities/" + EV2 + "/attrs",
                "{\"name\": {\"type\": \"Property\", \"value\": \"Car park charger 2 (bay 7)\"}}")).isEqualTo(204);
        assertThat(brokerWrite("POST", "/entities", """
                {"id": "%s", "type": "SmartPlug", "name": {"type": "Property", "value": "Lab bench"},
                 "refBuilding": {"type": "Relationship", "object": "%s"},
                 "ratedPower": {"type": "Property", "value": 1.2, "unitCode": "KWT"}}""".formatted(NEW_PLUG, BUILDING)))
                .isEqualTo(201);
        // the hot-water heat pump's window is moved in the configuration panel of another application
        assertThat(brokerWrite("PATCH", "/entities/" + DHW_CONFIG + "/attrs", """
                {"operationWindow": {"type": "Property", "value": {"startTime": "06:00", "endTime": "19:00"}}}"""))
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(store.siteByCongestionPoint(CP).orElseThrow().recipients()).containsExactly(DR_DESK,
                    "energy@umu.example");
            assertThat(store.device(EV2).orElseThrow().name()).isEqualTo("Car park charger 2 (bay 7)");
            assertThat(store.device(NEW_PLUG).orElseThrow().ratedPowerKw()).isEqualTo(1.2);
            assertThat(store.flexConfiguration(DHW_CONFIG).orElseThrow().operationWindow().startTime())
                    .hasToString("06:00");
            // (no refresh ran meanwhile: refresh-interval is an hour)
            assertThat(BROKER.notifications().subList(notified, BROKER.notifications().size()))
                    .extracting(StrictBroker.Notification::subscriptionId).contains(NgsiLdSubscriptions.BUILDING,
                            NgsiLdSubscriptions.DEVICE, NgsiLdSubscriptions.FLEX_CONFIGURATION);
        });

        // and the hub's own configuration API writes through to the broker
        HttpResponse<String> put = admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations/" + DHW_CONFIG)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"flexibilityType\":\"shiftable\",\"operationWindow\":{\"startTime\":\"06:30\",\"endTime\":\"19:00\"}}")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(BROKER.entity(DHW_CONFIG).orElseThrow().at("/operationWindow/value/startTime").asText())
                .isEqualTo("06:30");
        assertThat(BROKER.entity(DHW_CONFIG).orElseThrow().at("/refDevice/object").asText())
                .isEqualTo("urn:ngsi-ld:Device:pleiades-dhw-heatpump");
    }

    // ---- the nightly run: its forecast from the broker, its DeviceSchedule entities into it ----

    private long nightlyRun() {
        LocalDate night = DAY.plusDays(2);
        int isps = isps(night);
        StringBuilder pv = new StringBuilder();
        StringBuilder load = new StringBuilder();
        for (int t = 0; t < isps; t++) {
            pv.append(t == 0 ? "" : ",").append(t >= 40 && t < 64 ? 10 : 0);
            load.append(t == 0 ? "" : ",").append(12);
        }
        String forecast = "urn:ngsi-ld:DayAheadForecast:umu-pleiades:" + night;
        // as the forecasting service writes it, under the site context
        assertThat(brokerWrite("POST", "/entities", """
                {"id": "%s", "type": "DayAheadForecast",
                 "pvKw": {"type": "Property", "value": [%s]}, "loadKw": {"type": "Property", "value": [%s]},
                 "ispDuration": {"type": "Property", "value": "PT15M"},
                 "issuedAt": {"type": "Property", "value": "%s"}}""".formatted(forecast, pv, load,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))).isEqualTo(201);

        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs?day=" + night)))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode run = read(r.body());
        JsonNode site = run.get("sites").get(0);
        assertThat(site.at("/forecast/provenance").asText()).as(site.toString()).isEqualTo("BROKER");
        assertThat(site.at("/forecast/detail").asText()).contains(forecast);
        // 24 ISPs of 10 kW PV and 12 kW of load throughout: the broker's forecast, not the profiles, was planned on
        assertThat(site.at("/kpis/pvKwh").asDouble()).isEqualTo(24 * 10 / 4.0);
        assertThat(site.at("/kpis/loadKwh").asDouble()).isEqualTo(isps * 12 / 4.0);
        long runId = run.get("id").asLong();
        for (String charger : List.of("pleiades-ev-01", "pleiades-ev-02", "pleiades-ev-03", "pleiades-ev-04")) {
            String id = "urn:ngsi-ld:DeviceSchedule:" + charger + ":" + night;
            JsonNode schedule = await().atMost(Duration.ofSeconds(10)).until(() -> BROKER.entity(id).orElse(null),
                    e -> e != null);
            assertThat(schedule.at("/refDevice/object").asText()).isEqualTo("urn:ngsi-ld:Device:" + charger);
            assertThat(schedule.at("/refBuilding/object").asText()).isEqualTo(BUILDING);
            assertThat(schedule.at("/startTime/value/type").asText()).isEqualTo("DateTime");
            assertThat(schedule.at("/startTime/value/@value").asText())
                    .isEqualTo(night.atStartOfDay(ZONE).toInstant().toString().replace("Z", ".000Z"));
            assertThat(schedule.at("/powerKw/value")).hasSize(isps);
            assertThat(schedule.at("/scheduleSource/value").asText()).isEqualTo("selfconsumption-run-" + runId);
        }
        return runId;
    }

    // ---- helpers ----

    private JsonNode event(long id) {
        return read(admin(HttpRequest.newBuilder(URI.create(url("/api/dr/events/" + id))).GET()).body());
    }

    private List<JsonNode> list(String path) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url(path))).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        read(r.body()).forEach(out::add);
        return out;
    }

    private static List<Double> setpoints(JsonNode event) {
        List<Double> out = new ArrayList<>();
        event.get("setpointsKw").forEach(v -> out.add(v.isNull() ? null : v.asDouble()));
        return out;
    }

    /** Mails to the desk whose subject starts so. */
    private static List<jakarta.mail.internet.MimeMessage> mails(String subject) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith(subject) && Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a.toString().equals(DR_DESK));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String body(jakarta.mail.internet.MimeMessage m) {
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
    }

    private static int isps(LocalDate day) {
        return (int) (Duration.between(day.atStartOfDay(ZONE), day.plusDays(1).atStartOfDay(ZONE)).toMinutes() / 15);
    }

    private static LocalDate tradingDay() {
        LocalDate day = LocalDate.now(ZONE).plusDays(1);
        while (day.getDayOfWeek().getValue() > 5 || isps(day) != 96 || isps(day.minusDays(7)) != 96
                || isps(day.plusDays(2)) != 96) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** Writes to the broker as another of its clients would: the operator's context in the Link header. */
    private static int brokerWrite(String method, String path, String body) {
        try {
            HttpResponse<String> r = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build().send(HttpRequest.newBuilder(URI.create(BROKER.baseUrl() + path.replace(" ", "%20")))
                            .header("Content-Type", "application/json")
                            .header("Link", "<" + SITE_CONTEXT + ">; rel=\"" + StrictBroker.JSONLD_REL
                                    + "\"; type=\"application/ld+json\"")
                            .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String shippedContext() {
        try {
            return Files.readString(Path.of("docs/ngsi-ld/site-context.jsonld"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
