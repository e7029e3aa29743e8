package io.flexhub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The strict broker against the recorded Scorpio exchanges: each recorded request is sent to it as recorded
 * (method, path, query, Content-Type, Accept, Link, tenant, body) and its answer compared with the recorded one.
 */
class StrictBrokerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FLEX_CONTEXT = "http://127.0.0.1:8100/flex-context.jsonld";
    private static final String X = "urn:ngsi-ld:FlexConfiguration:X";
    private static final String EV = "urn:ngsi-ld:Device:pleiades-ev-01";
    private static final String HVAC = "urn:ngsi-ld:Device:pleiades-hvac-c1-hall";

    private final StrictBroker broker = new StrictBroker();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String siteContext = broker.serveContext("site.jsonld", resource("/ngsi-ld/site-context.jsonld"));
    private final String uftpContext = broker.serveContext("uftp.jsonld", resource("/ngsi-ld/uftp-context.jsonld"));

    {
        // the recordings' context server (127.0.0.1:8100) is not running here: as if the broker had fetched it
        broker.preloadContext(FLEX_CONTEXT, resource("/fixtures/ngsild/flex-context.jsonld"));
    }

    @AfterEach
    void close() {
        broker.close();
    }

    // ------------------------------------------------------------------------------------------------ DateTimes

    @Test
    void should_refuse_an_observed_at_with_nine_fractional_digits_and_take_six_or_three() {
        device(EV, "EVChargingStation");

        Answer nine = send("scorpio-live", "01-patch-observedat-9-digits");
        assertThat(nine.status).isEqualTo(400);
        assertThat(nine.body).isEqualTo(recorded("scorpio-live", "01-patch-observedat-9-digits").path("body"));
        assertThat(broker.entity(EV).orElseThrow().at("/powerLimit/value").asDouble()).isZero();

        assertThat(send("scorpio-live", "02-patch-observedat-6-digits").status).isEqualTo(204);
        assertThat(send("scorpio-live", "03-patch-observedat-3-digits").status).isEqualTo(204);
        assertThat(broker.entity(EV).orElseThrow().at("/powerLimit/observedAt").asText())
                .isEqualTo("2026-12-01T21:30:55.079Z");
        assertThat(broker.entity(EV).orElseThrow().at("/powerLimit/value").asDouble()).isEqualTo(3.5);
    }

    @Test
    void should_refuse_a_nine_digit_typed_date_time_and_a_bad_time_at_unless_lenient() {
        ObjectNode offer = flexOfferAsWritten();
        Answer refused = post("/entityOperations/upsert?options=update", "application/json", uftpContext,
                MAPPER.createArrayNode().add(offer));
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.body.path("detail").asText()).isEqualTo("Invalid date time format found on timeStamp");

        Answer badQuery = get("/temporal/entities?type=Thermostat&timerel=after&timeAt=2026-11-20T00:00:00.1234Z",
                siteContext);
        assertThat(badQuery.status).isEqualTo(400);
        assertThat(badQuery.body.path("detail").asText()).isEqualTo("Invalid date time format found on timeAt");

        broker.lenientTypedDateTimes();
        assertThat(post("/entityOperations/upsert?options=update", "application/json", uftpContext,
                MAPPER.createArrayNode().add(offer)).status).isEqualTo(201);
    }

    // ------------------------------------------------------------------------------------------------ writes

    @Test
    void should_answer_upserts_and_creates_as_recorded() {
        assertThat(send("scorpio", "04-upsert-create")).satisfies(a -> matches(a, "scorpio", "04-upsert-create"));
        assertThat(send("scorpio", "05-upsert-again-update")).satisfies(a -> matches(a, "scorpio", "05-upsert-again-update"));
        Answer created = send("scorpio", "06-create-entity-ldjson-inline-context");
        assertThat(created.status).isEqualTo(201);
        assertThat(created.headers.get("Location")).containsExactly(broker.baseUrl()
                + "/entities/urn:ngsi-ld:FlexConfiguration:Y");
        assertThat(send("scorpio", "07-create-entity-duplicate"))
                .satisfies(a -> matches(a, "scorpio", "07-create-entity-duplicate"));
    }

    @Test
    void should_replace_on_a_default_upsert_and_merge_with_options_update() {
        send("scorpio", "31-upsert-u-create");
        assertThat(send("scorpio", "32-upsert-u-partial-default-replace").status).isEqualTo(204);
        assertThat(send("scorpio", "33-get-u-after-replace")).satisfies(a -> matches(a, "scorpio", "33-get-u-after-replace"));
        assertThat(send("scorpio", "34-upsert-u-partial-options-update").status).isEqualTo(204);
        assertThat(send("scorpio", "35-get-u-after-update")).satisfies(a -> matches(a, "scorpio", "35-get-u-after-update"));
    }

    @Test
    void should_ignore_patched_attributes_the_entity_lacks_and_patches_without_link_with_204() {
        send("scorpio", "04-upsert-create");
        assertThat(send("scorpio", "17-patch-attrs").status).isEqualTo(204);
        assertThat(send("scorpio", "18-patch-attrs-unknown-attr").status).isEqualTo(204);
        assertThat(send("scorpio", "19-patch-attrs-no-link").status).isEqualTo(204);

        assertThat(send("scorpio", "20-get-entity-after-patch"))
                .satisfies(a -> matches(a, "scorpio", "20-get-entity-after-patch"));
        // yet the history holds what the PATCHes carried, the phantom attributes included (recording 45)
        assertThat(broker.instances(X, "notDefinedYet")).hasSize(1);
        assertThat(broker.instances(X, StrictBroker.DEFAULT_VOCAB + "controllabilityFactor")).hasSize(1);
        assertThat(send("scorpio", "21-patch-attrs-missing-entity"))
                .satisfies(a -> matches(a, "scorpio", "21-patch-attrs-missing-entity"));
        assertThat(send("scorpio", "22-get-entity-missing")).satisfies(a -> matches(a, "scorpio", "22-get-entity-missing"));
    }

    @Test
    void should_refuse_bad_ids_and_content_types_with_scorpios_problem_details() {
        for (String exchange : List.of("23-create-entity-bad-id", "24-create-entity-ldjson-without-context",
                "25-create-entity-json-with-inline-context", "26-create-entity-text-plain")) {
            assertThat(send("scorpio", exchange)).as(exchange).satisfies(a -> matches(a, "scorpio", exchange));
        }
        assertThat(broker.entityIds()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Test
    void should_query_page_and_count_as_recorded() {
        send("scorpio", "04-upsert-create");
        send("scorpio", "06-create-entity-ldjson-inline-context");

        Answer all = send("scorpio", "08-query-by-type");
        assertThat(all.body).isEqualTo(recorded("scorpio", "08-query-by-type").path("body"));
        assertThat(all.headers.get("Link")).contains(link(FLEX_CONTEXT), link(StrictBroker.CORE_CONTEXT));

        Answer first = send("scorpio", "12-query-by-type-count-limit1");
        assertThat(first.headers.get("NGSILD-Results-Count")).containsExactly("2");
        assertThat(first.headers.get("Link")).anySatisfy(l -> assertThat(l).endsWith("offset=1&limit=1>;rel=\"next\""));
        assertThat(first.body).hasSize(1);

        Answer countOnly = send("scorpio", "14-query-count-only-limit0");
        assertThat(countOnly.status).isEqualTo(200);
        assertThat(countOnly.raw).isEmpty();
        assertThat(countOnly.headers).doesNotContainKey("Content-Type").containsEntry("NGSILD-Results-Count", List.of("2"));

        assertThat(send("scorpio", "10-query-by-type-no-link").body).isEmpty();
        assertThat(send("scorpio", "55-query-link-without-rel").body).isEmpty();
        for (String exchange : List.of("27-query-no-type-no-filter", "28-query-unknown-tenant", "53-query-accept-xml",
                "54-query-limit-too-large")) {
            assertThat(send("scorpio", exchange)).as(exchange).satisfies(a -> matches(a, "scorpio", exchange));
        }
    }

    @Test
    void should_compact_typed_values_single_element_arrays_and_numbers_on_read() {
        broker.lenientTypedDateTimes();
        String written = MAPPER.createArrayNode().add(flexOfferAsWritten()).toString();
        assertThat(written).contains("\"@type\":\"DateTime\"", "\"value\":[{");
        written = written.replace("\"price\":2.5", "\"price\":2.5000");
        assertThat(write("POST", "/entityOperations/upsert?options=update", "application/json", uftpContext, written)
                .status).isEqualTo(201);

        Answer read = send("scorpio-live", "09-read-back-FlexOffer");

        assertThat(read.body).isEqualTo(recorded("scorpio-live", "09-read-back-FlexOffer").path("body"));
    }

    @Test
    void should_give_default_context_names_back_bare_unless_the_context_defines_them_otherwise() {
        send("scorpio", "04-upsert-create");
        send("scorpio", "18-patch-attrs-unknown-attr");
        send("scorpio", "19-patch-attrs-no-link");

        Answer history = send("scorpio", "45-temporal-query-no-timerel");

        JsonNode recordedX = null;
        for (JsonNode e : recorded("scorpio", "45-temporal-query-no-timerel").path("body")) {
            if (e.path("id").asText().equals(X)) {
                recordedX = e;
            }
        }
        assertThat(history.status).isEqualTo(200);
        assertThat(history.body).hasSize(1);
        assertThat(names(history.body.get(0))).isEqualTo(names(recordedX))
                .contains("notDefinedYet", "ngsi-ld:default-context/controllabilityFactor");
    }

    private static java.util.Set<String> names(JsonNode entity) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        entity.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void should_fetch_a_context_over_http_once_and_answer_503_when_it_cannot() {
        broker.put(entity(EV, "EVChargingStation"), siteContext);
        broker.forgetContexts();
        broker.clearRequests();

        assertThat(get("/entities?type=EVChargingStation", siteContext).body).hasSize(1);
        assertThat(get("/entities?type=EVChargingStation", siteContext).body).hasSize(1);
        assertThat(broker.requests("GET", "/contexts/site.jsonld")).hasSize(1);

        Answer unreachable = send("scorpio", "56-query-link-unreachable-context");
        assertThat(unreachable.status).isEqualTo(503);
        assertThat(unreachable.body.path("type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/LdContextNotAvailable");
        assertThat(unreachable.body.path("detail").asText()).startsWith("Failed to retrieve remote context because "
                + "Can't retrieve http://127.0.0.1:8100/does-not-exist.jsonld");
    }

    // ------------------------------------------------------------------------------------------------ temporal

    @Test
    void should_return_at_most_fifty_instances_newest_first_unless_last_n_and_windows_inclusive() {
        device(HVAC, "Thermostat");
        Instant first = Instant.parse("2026-11-23T21:00:00Z");
        for (int i = 0; i < 192; i++) {
            ObjectNode body = MAPPER.createObjectNode();
            body.putObject("activePower").put("type", "Property").put("value", 6.0).put("unitCode", "KWT")
                    .put("observedAt", first.plus(Duration.ofMinutes(15L * i)).toString());
            assertThat(patch("/entities/" + HVAC + "/attrs", body).status).isEqualTo(204);
        }

        for (String exchange : List.of("06-temporal-default-limit-50", "07-temporal-lastN-100", "08-temporal-window-6h")) {
            Answer a = send("scorpio-live", exchange);
            JsonNode recorded = recorded("scorpio-live", exchange);
            assertThat(a.status).as(exchange).isEqualTo(200);
            assertThat(observedAt(a.body)).as(exchange).isEqualTo(observedAt(recorded.path("body")));
            assertThat(a.headers).as(exchange).doesNotContainKey("Content-Range");
        }
    }

    @Test
    void should_fail_a_counted_temporal_query_without_match_with_500_and_answer_the_uncounted_one_with_nothing() {
        device(HVAC, "Thermostat");

        assertThat(send("scorpio-live", "04-temporal-count-no-match"))
                .satisfies(a -> matches(a, "scorpio-live", "04-temporal-count-no-match"));
        assertThat(send("scorpio-live", "05-temporal-no-match-without-count"))
                .satisfies(a -> matches(a, "scorpio-live", "05-temporal-no-match-without-count"));
    }

    // ------------------------------------------------------------------------------------------------ notifications

    @Test
    void should_notify_subscribers_in_scorpios_format() throws IOException {
        List<Map.Entry<Map<String, List<String>>, JsonNode>> received = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", ex -> {
            try (ex) {
                received.add(Map.entry(Map.copyOf(ex.getRequestHeaders()), MAPPER.readTree(ex.getRequestBody())));
                ex.sendResponseHeaders(200, -1);
            }
        });
        endpoint.start();
        try {
            String at = "http://127.0.0.1:" + endpoint.getAddress().getPort();
            ObjectNode json = (ObjectNode) recorded("scorpio", "01-create-subscription-json.request").get("body").deepCopy();
            ((ObjectNode) json.at("/notification/endpoint")).put("uri", at + "/notify/json");
            assertThat(post("/subscriptions", "application/json", FLEX_CONTEXT, json).status).isEqualTo(201);
            ObjectNode ld = (ObjectNode) recorded("scorpio", "02-create-subscription-ldjson-keyvalues.request").get("body").deepCopy();
            ((ObjectNode) ld.at("/notification/endpoint")).put("uri", at + "/notify/ldjson");
            assertThat(post("/subscriptions", "application/ld+json", null, ld).status).isEqualTo(201);

            send("scorpio", "04-upsert-create");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            send("scorpio", "17-patch-attrs");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);

            List<JsonNode> data = received.stream().map(r -> r.getValue().get("data")).toList();
            assertThat(data).containsExactlyInAnyOrder(notificationData(1), notificationData(2), notificationData(7),
                    notificationData(8));
            JsonNode body = received.get(0).getValue();
            assertThat(body.path("id").asText()).startsWith("notification:");
            assertThat(body.path("type").asText()).isEqualTo("Notification");
            assertThat(body.path("notifiedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            assertThat(received).anySatisfy(r -> {
                assertThat(r.getValue().path("subscriptionId").asText()).isEqualTo("urn:ngsi-ld:Subscription:flex-json");
                assertThat(r.getKey().get("Content-type")).containsExactly("application/json");
                assertThat(r.getKey().get("Link")).containsExactly(link(FLEX_CONTEXT));
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/subscriptions", FLEX_CONTEXT).body)
                    .extracting(s -> s.path("timesSent").asInt()).containsExactly(2, 2));
            assertThat(get("/subscriptions", FLEX_CONTEXT).body.get(0).path("jsonldContext").asText())
                    .isEqualTo(FLEX_CONTEXT);
        } finally {
            endpoint.stop(0);
        }
    }

    // ------------------------------------------------------------------------------------------------ controls

    @Test
    void should_refuse_connections_while_stopped_and_keep_its_state_over_a_restart() {
        send("scorpio", "04-upsert-create");
        URI port = broker.baseUrl();

        broker.stop();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(port + "/types")).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
        broker.start();

        assertThat(broker.baseUrl()).isEqualTo(port);
        assertThat(send("scorpio", "20-get-entity-after-patch").body.at("/controllabilityFactor/value").asDouble())
                .isEqualTo(0.2);
        assertThat(broker.instances(X, "controllabilityFactor")).extracting(i -> i.value().asDouble()).containsExactly(0.2);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Answer(int status, Map<String, List<String>> headers, String raw, JsonNode body) {
    }

    private void matches(Answer a, String dir, String exchange) {
        JsonNode r = recorded(dir, exchange);
        assertThat(a.status).as(exchange + " status").isEqualTo(r.path("status").asInt());
        JsonNode body = r.path("body");
        if (body.isNull() || body.isMissingNode() || body.isTextual() && body.asText().isEmpty()) {
            assertThat(a.raw).as(exchange + " body").isEmpty();
        } else {
            assertThat(a.body).as(exchange + " body").isEqualTo(body);
        }
    }

    private JsonNode notificationData(int n) {
        return recorded("scorpio", "notification-" + n).path("body").path("data");
    }

    private static List<String> observedAt(JsonNode body) {
        JsonNode entity = body.isArray() ? body.get(0) : body;
        List<String> out = new ArrayList<>();
        entity.path("activePower").forEach(i -> out.add(Instant.parse(i.path("observedAt").asText()).toString()));
        return out;
    }

    /** The FlexOffer entity as the hub writes it: expanded typed values, an array of one option, 2.5000. */
    private ObjectNode flexOfferAsWritten() {
        ObjectNode e = (ObjectNode) recorded("scorpio-live", "09-read-back-FlexOffer").path("body").get(0).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            JsonNode v = it.next().getValue().path("value");
            if (v.has("@value")) {
                ((ObjectNode) v).set("@type", ((ObjectNode) v).remove("type"));
            }
        }
        ObjectNode options = (ObjectNode) e.path("offerOptions");
        ArrayNode array = MAPPER.createArrayNode().add(options.get("value"));
        options.set("value", array);
        return e;
    }

    private ObjectNode entity(String id, String type) {
        ObjectNode e = MAPPER.createObjectNode().put("id", id).put("type", type);
        e.putObject("powerLimit").put("type", "Property").put("value", 0.0).put("unitCode", "KWT");
        e.putObject("controlMode").put("type", "Property").put("value", "schedule");
        return e;
    }

    private void device(String id, String type) {
        assertThat(post("/entities", "application/json", siteContext, entity(id, type)).status).isEqualTo(201);
    }

    private static String link(String url) {
        return "<" + url + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";
    }

    /** Sends the recorded request of an exchange, its context placeholders pointing at the contexts served here. */
    private Answer send(String dir, String exchange) {
        JsonNode req = recorded(dir, exchange.endsWith(".json") ? exchange : exchange + ".request");
        String url = req.path("url").asText().replaceFirst("^https?://[^/]+", "");
        if (!url.startsWith(StrictBroker.API)) {
            url = StrictBroker.API + url;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(broker.root() + url.replace("\"", "%22")))
                .timeout(Duration.ofSeconds(10));
        JsonNode headers = req.path("headers");
        List<String[]> pairs = new ArrayList<>();
        if (headers.isArray()) {
            headers.forEach(h -> pairs.add(new String[] {h.get(0).asText(), h.get(1).asText()}));
        } else {
            headers.fields().forEachRemaining(h -> pairs.add(new String[] {h.getKey(), h.getValue().asText()}));
        }
        for (String[] h : pairs) {
            if (List.of("host", "user-agent", "content-length").contains(h[0].toLowerCase())) {
                continue;
            }
            String value = h[1].replace("<site context>", link(siteContext))
                    .replace("<the hub's uftp.jsonld context>", link(uftpContext));
            b.header(h[0], value);
        }
        JsonNode body = req.path("body");
        b.method(req.path("method").asText(), body.isMissingNode() || body.isNull()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.isTextual() ? body.asText() : body.toString()));
        return exchange(b.build());
    }

    private Answer get(String path, String context) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(broker.baseUrl() + path)).header("Accept", "application/json");
        if (context != null) {
            b.header("Link", link(context));
        }
        return exchange(b.GET().build());
    }

    private Answer post(String path, String contentType, String context, JsonNode body) {
        return write("POST", path, contentType, context, body);
    }

    private Answer patch(String path, JsonNode body) {
        return write("PATCH", path, "application/json", siteContext, body);
    }

    private Answer write(String method, String path, String contentType, String context, JsonNode body) {
        return write(method, path, contentType, context, body.toString());
    }

    private Answer write(String method, String path, String contentType, String context, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(broker.baseUrl() + path))
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (context != null) {
            b.header("Link", link(context));
        }
        return exchange(b.build());
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(r.headers().map());
            return new Answer(r.statusCode(), headers, r.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode recorded(String dir, String name) {
        String file = name.endsWith(".request") || name.startsWith("notification") ? name + ".json"
                : name + ".response.json";
        try {
            return MAPPER.readTree(resource("/fixtures/ngsild/" + dir + "/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = StrictBrokerTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
