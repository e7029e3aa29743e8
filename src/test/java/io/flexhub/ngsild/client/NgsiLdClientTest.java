package io.flexhub.ngsild.client;

import static io.flexhub.ngsild.client.ScorpioReplay.MAPPER;
import static io.flexhub.ngsild.client.ScorpioReplay.requestBody;
import static io.flexhub.ngsild.client.ScorpioReplay.requestHeader;
import static io.flexhub.ngsild.client.ScorpioReplay.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives the client over loopback HTTP against the recorded Scorpio 5.0.3 exchanges. */
class NgsiLdClientTest {

    static final String CONTEXT = "http://127.0.0.1:8100/flex-context.jsonld";
    static final String TYPE = "FlexConfiguration";
    static final String ENTITIES = "/ngsi-ld/v1/entities";

    private final ScorpioReplay broker = new ScorpioReplay();
    private final List<Duration> sleeps = new ArrayList<>();

    @AfterEach
    void stop() {
        broker.close();
    }

    private NgsiLdClient client(int pageSize) {
        return client(new NgsiLdClientConfig(broker.baseUrl(), null, CONTEXT, null, Duration.ofSeconds(2),
                Duration.ofSeconds(5), new NgsiLdClientConfig.RetryPolicy(3, Duration.ofMillis(10), 2.0), pageSize));
    }

    private NgsiLdClient client(NgsiLdClientConfig config) {
        return new NgsiLdClient(config, io.flexhub.support.OutboundCamel.transport("direct:ngsi-ld-broker",
                config.connectTimeout(), config.requestTimeout()), MAPPER, sleeps::add);
    }

    private static List<String> ids(List<JsonNode> entities) {
        return entities.stream().map(e -> e.get("id").asText()).toList();
    }

    @Test
    void should_gather_every_entity_across_pages_when_results_count_exceeds_page_size() {
        broker.replay("12-query-by-type-count-limit1").replay("13-query-by-type-count-limit1-offset1");

        List<JsonNode> all = client(1).queryEntities(TYPE, null);

        assertThat(ids(all)).containsExactly("urn:ngsi-ld:FlexConfiguration:X", "urn:ngsi-ld:FlexConfiguration:Y");
        assertThat(broker.requests()).extracting(ScorpioReplay.Recorded::query).containsExactly(
                Map.of("type", TYPE, "count", "true", "limit", "1"),
                Map.of("type", TYPE, "count", "true", "limit", "1", "offset", "1"));
    }

    @Test
    void should_stop_after_one_request_when_page_is_shorter_than_limit() {
        broker.stub("GET", ENTITIES, Map.of("type", TYPE, "count", "true", "limit", "100"),
                response("08-query-by-type"));

        List<JsonNode> all = client(100).queryEntities(TYPE, null);

        assertThat(ids(all)).containsExactlyInAnyOrder(
                "urn:ngsi-ld:FlexConfiguration:X", "urn:ngsi-ld:FlexConfiguration:Y");
        assertThat(broker.requests()).hasSize(1);
    }

    @Test
    void should_send_the_recorded_link_accept_and_tenant_headers_when_reading_and_writing() {
        broker.replay("16-get-entity-by-id").replay("17-patch-attrs").replay("04-upsert-create");
        NgsiLdClient client = client(new NgsiLdClientConfig(broker.baseUrl(), null, CONTEXT, "tenanta", null, null,
                NgsiLdClientConfig.RetryPolicy.NONE, 50));

        client.getEntity("urn:ngsi-ld:FlexConfiguration:X", EntityOptions.NORMALIZED);
        client.patchAttributes("urn:ngsi-ld:FlexConfiguration:X", (ObjectNode) requestBody("17-patch-attrs"));
        client.upsert(List.of((ObjectNode) requestBody("04-upsert-create").get(0)), false);

        String recordedLink = requestHeader("16-get-entity-by-id", "Link");
        assertThat(broker.requests()).hasSize(3).allSatisfy(r -> {
            assertThat(r.headers().get("Link")).containsExactly(recordedLink);
            assertThat(r.header("Accept")).isEqualTo("application/json");
            assertThat(r.header("NGSILD-Tenant")).isEqualTo("tenanta");
        });
        assertThat(broker.requests().subList(1, 3))
                .allSatisfy(r -> assertThat(r.header("Content-Type")).isEqualTo("application/json"));
    }

    @Test
    void should_url_encode_q_when_it_contains_operators() {
        broker.stub("GET", ENTITIES,
                Map.of("type", TYPE, "q", "controllabilityFactor>0.5", "count", "true", "limit", "100"),
                response("08-query-by-type"));

        client(100).queryEntities(TYPE, "controllabilityFactor>0.5");

        assertThat(broker.requests().get(0).rawQuery()).contains("q=controllabilityFactor%3E0.5");
    }

    @Test
    void should_return_entity_with_normalised_values_when_found() {
        broker.replay("16-get-entity-by-id");

        JsonNode x = client(50).getEntity("urn:ngsi-ld:FlexConfiguration:X", EntityOptions.NORMALIZED).orElseThrow();

        assertThat(NgsiLdValues.number(x.get("controllabilityFactor"))).hasValue(0.2);
        assertThat(NgsiLdValues.texts(x.get("flexibilityType"))).containsExactly("controllable");
        assertThat(NgsiLdValues.text(x.get("refDevice"))).contains("urn:ngsi-ld:Device:X");
        assertThat(broker.requests().get(0).path()).isEqualTo(ENTITIES + "/urn:ngsi-ld:FlexConfiguration:X");
    }

    @Test
    void should_return_empty_when_entity_is_missing() {
        broker.replay("22-get-entity-missing");

        Optional<JsonNode> missing = client(50).getEntity("urn:ngsi-ld:FlexConfiguration:missing", null);

        assertThat(missing).isEmpty();
    }

    @Test
    void should_percent_encode_slash_and_hash_when_entity_id_contains_them() {
        broker.stub("GET", ENTITIES + "/urn:ngsi-ld:Meter:a/b#c", Map.of(), response("22-get-entity-missing"));

        assertThat(client(50).getEntity("urn:ngsi-ld:Meter:a/b#c", null)).isEmpty();

        ScorpioReplay.Recorded sent = broker.requests().get(0);
        assertThat(sent.rawPath()).isEqualTo(ENTITIES + "/urn%3Angsi-ld%3AMeter%3Aa%2Fb%23c");
        assertThat(sent.rawQuery()).isNull();
    }

    @Test
    void should_upsert_with_options_update_when_partial_update_is_wanted() {
        broker.replay("34-upsert-u-partial-options-update");
        ObjectNode partial = (ObjectNode) requestBody("34-upsert-u-partial-options-update").get(0);

        UpsertResult result = client(50).upsert(List.of(partial), true);

        assertThat(result.created()).isEmpty();
        assertThat(result.hasErrors()).isFalse();
        ScorpioReplay.Recorded sent = broker.requests().get(0);
        assertThat(sent.query()).containsExactly(Map.entry("options", "update"));
        assertThat(sent.body()).isEqualTo(requestBody("34-upsert-u-partial-options-update"));
    }

    @Test
    void should_upsert_without_options_when_replace_is_wanted() {
        broker.replay("32-upsert-u-partial-default-replace");

        client(50).upsert(List.of((ObjectNode) requestBody("32-upsert-u-partial-default-replace").get(0)), false);

        assertThat(broker.requests().get(0).query()).isEmpty();
        assertThat(broker.requests().get(0).body()).isEqualTo(requestBody("32-upsert-u-partial-default-replace"));
    }

    @Test
    void should_report_created_ids_when_upsert_creates() {
        broker.replay("04-upsert-create");

        UpsertResult result = client(50).upsert(List.of((ObjectNode) requestBody("04-upsert-create").get(0)), false);

        assertThat(result.created()).containsExactly("urn:ngsi-ld:FlexConfiguration:X");
    }

    @Test
    void should_report_per_entity_errors_when_batch_partially_fails() throws Exception {
        // No 207 was recorded; this is the ETSI BatchOperationResult shape, with Scorpio's trailing-space quirk.
        JsonNode body = MAPPER.readTree("""
                {"success": ["urn:ngsi-ld:FlexConfiguration:X"],
                 "errors": [{"entityId": "urn:ngsi-ld:FlexConfiguration:bad",
                             "error": {"type": "https://uri.etsi.org/ngsi-ld/errors/BadRequestData ",
                                       "title": "Bad Request Data.", "detail": "invalid id", "status": 400}}]}""");
        broker.stub("POST", "/ngsi-ld/v1/entityOperations/upsert", Map.of("options", "update"),
                new ScorpioReplay.Canned(207, List.of(List.of("Content-Type", "application/json")), body));

        UpsertResult result = client(50).upsert(
                List.of((ObjectNode) requestBody("04-upsert-create").get(0)), true);

        assertThat(result.created()).containsExactly("urn:ngsi-ld:FlexConfiguration:X");
        assertThat(result.errors()).containsExactly(new UpsertResult.BatchError(
                "urn:ngsi-ld:FlexConfiguration:bad", 400, "BadRequestData", "Bad Request Data.", "invalid id"));
    }

    @Test
    void should_reject_body_when_it_carries_inline_context() {
        ObjectNode withContext = (ObjectNode) requestBody("25-create-entity-json-with-inline-context");

        assertThatThrownBy(() -> client(50).upsert(List.of(withContext), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(broker.requests()).isEmpty();
    }

    @Test
    void should_patch_exactly_the_given_attributes_when_actuating() {
        broker.replay("17-patch-attrs");

        List<String> notUpdated = client(50).patchAttributes(
                "urn:ngsi-ld:FlexConfiguration:X", (ObjectNode) requestBody("17-patch-attrs"));

        assertThat(notUpdated).isEmpty();
        ScorpioReplay.Recorded sent = broker.requests().get(0);
        assertThat(sent.method()).isEqualTo("PATCH");
        assertThat(sent.path()).isEqualTo(ENTITIES + "/urn:ngsi-ld:FlexConfiguration:X/attrs");
        assertThat(sent.body()).isEqualTo(MAPPER.createObjectNode().set("controllabilityFactor",
                MAPPER.createObjectNode().put("type", "Property").put("value", 0.5)));
    }

    @Test
    void should_throw_resource_not_found_when_patching_a_missing_entity() {
        broker.replay("21-patch-attrs-missing-entity");

        assertThatThrownBy(() -> client(50).patchAttributes("urn:ngsi-ld:FlexConfiguration:missing",
                (ObjectNode) requestBody("21-patch-attrs-missing-entity")))
                .isInstanceOfSatisfying(NgsiLdException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.problemType()).isEqualTo("ResourceNotFound");
                    assertThat(e.title()).isEqualTo("Resource not found.");
                });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void should_map_problem_type_without_trailing_space_when_broker_sends_too_many_results() {
        broker.stub("GET", ENTITIES, Map.of("type", TYPE, "count", "true", "limit", "100"),
                response("54-query-limit-too-large"));

        assertThatThrownBy(() -> client(100).queryEntities(TYPE, null))
                .isInstanceOfSatisfying(NgsiLdException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.typeUri()).endsWith("TooManyResults ");
                    assertThat(e.isProblem("TooManyResults")).isTrue();
                });
        assertThat(broker.requests()).hasSize(1);
    }

    @Test
    void should_return_no_entities_when_tenant_was_never_written() {
        broker.stub("GET", ENTITIES, Map.of("type", TYPE, "count", "true", "limit", "50"),
                response("28-query-unknown-tenant"));
        NgsiLdClient client = client(new NgsiLdClientConfig(broker.baseUrl(), null, CONTEXT, "tenant-never-used",
                null, null, NgsiLdClientConfig.RetryPolicy.NONE, 50));

        assertThat(client.queryEntities(TYPE, null)).isEmpty();
        assertThat(broker.requests().get(0).header("NGSILD-Tenant")).isEqualTo("tenant-never-used");
    }

    @Test
    void should_retry_and_succeed_when_broker_answers_503_first() {
        broker.stub("GET", ENTITIES, Map.of("type", TYPE, "count", "true", "limit", "100"),
                response("56-query-link-unreachable-context"), response("08-query-by-type"));

        List<JsonNode> all = client(100).queryEntities(TYPE, null);

        assertThat(all).hasSize(2);
        assertThat(broker.requests()).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(10));
    }

    @Test
    void should_give_up_with_the_last_problem_when_503_persists() {
        broker.stub("GET", ENTITIES, Map.of("type", TYPE, "count", "true", "limit", "100"),
                response("56-query-link-unreachable-context"));

        assertThatThrownBy(() -> client(100).queryEntities(TYPE, null))
                .isInstanceOfSatisfying(NgsiLdException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.problemType()).isEqualTo("LdContextNotAvailable");
                });
        assertThat(broker.requests()).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void should_not_retry_when_broker_answers_400() {
        broker.stub("POST", "/ngsi-ld/v1/entityOperations/upsert", Map.of(),
                response("25-create-entity-json-with-inline-context"));

        assertThatThrownBy(() -> client(50).upsert(
                List.of((ObjectNode) requestBody("04-upsert-create").get(0)), false))
                .isInstanceOfSatisfying(NgsiLdException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problemType()).isEqualTo("BadRequestData");
                    assertThat(e.detail()).isEqualTo("@context entry in body is not allowed");
                });
        assertThat(broker.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void should_retry_then_fail_with_status_zero_when_connection_is_refused() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        NgsiLdClient client = client(new NgsiLdClientConfig(URI.create("http://127.0.0.1:" + closedPort + "/ngsi-ld/v1"),
                null, CONTEXT, null, Duration.ofSeconds(1), Duration.ofSeconds(1),
                new NgsiLdClientConfig.RetryPolicy(2, Duration.ofMillis(5), 1.0), 50));

        assertThatThrownBy(() -> client.getEntity("urn:ngsi-ld:FlexConfiguration:X", null))
                .isInstanceOfSatisfying(NgsiLdException.class, e -> assertThat(e.status()).isZero());
        assertThat(sleeps).containsExactly(Duration.ofMillis(5));
    }

    @Test
    void should_return_subscription_id_when_location_is_absolute() {
        broker.replay("01-create-subscription-json");
        ObjectNode subscription = (ObjectNode) requestBody("01-create-subscription-json");

        String id = client(50).createSubscription(subscription);

        assertThat(id).isEqualTo("urn:ngsi-ld:Subscription:flex-json");
        assertThat(broker.requests().get(0).body()).isEqualTo(subscription);
    }

    @Test
    void should_list_and_delete_subscriptions_when_asked() {
        broker.stub("GET", "/ngsi-ld/v1/subscriptions", Map.of("count", "true", "limit", "50"),
                response("49-list-subscriptions"));
        broker.replay("50-delete-subscription-ldjson");
        NgsiLdClient client = client(50);

        List<JsonNode> subscriptions = client.listSubscriptions();
        client.deleteSubscription("urn:ngsi-ld:Subscription:flex-ldjson");

        assertThat(ids(subscriptions)).containsExactlyInAnyOrder(
                "urn:ngsi-ld:Subscription:flex-ldjson", "urn:ngsi-ld:Subscription:flex-json");
        assertThat(broker.requests().get(1).method()).isEqualTo("DELETE");
        assertThat(broker.requests().get(1).path()).isEqualTo("/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:flex-ldjson");
    }

    @Test
    void should_query_the_temporal_base_url_when_it_differs_from_the_entity_base_url() {
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        broker.stub("GET", "/mintaka/ngsi-ld/v1/temporal/entities", Map.of("type", TYPE,
                        "attrs", "controllabilityFactor", "timerel", "after", "timeAt", "2026-11-26T10:00:00.000Z",
                        "timeproperty", "modifiedAt", "limit", "50"),
                response("47-temporal-query-count-limit1"));
        NgsiLdClient client = client(new NgsiLdClientConfig(broker.baseUrl(),
                broker.root().resolve("/mintaka/ngsi-ld/v1"), CONTEXT, null, null, null,
                NgsiLdClientConfig.RetryPolicy.NONE, 50));

        List<JsonNode> history = client.temporalQuery(
                TemporalQuery.ofType(TYPE, "controllabilityFactor").after(t0, "modifiedAt"));

        assertThat(ids(history)).containsExactly("urn:ngsi-ld:FlexConfiguration:U");
        assertThat(NgsiLdValues.instances(history.get(0).get("controllabilityFactor")))
                .extracting(i -> NgsiLdValues.number(i).getAsDouble()).containsExactly(0.2, 0.9);
        assertThat(broker.requests().get(0).header("Link")).isEqualTo(LinkHeader.jsonLdContext(CONTEXT));
    }

    @Test
    void should_read_empty_body_as_no_entities_when_broker_omits_body_and_content_type() {
        broker.stub("GET", ENTITIES, Map.of("type", TYPE, "count", "true", "limit", "50"),
                response("14-query-count-only-limit0"));

        assertThat(client(50).queryEntities(TYPE, null)).isEmpty();
        assertThat(broker.requests()).hasSize(1);
    }

    @Test
    void should_return_not_updated_attribute_names_when_patch_answers_207() throws Exception {
        // Not recorded (Scorpio answers 204 and drops unknown attributes); this is the ETSI UpdateResult shape.
        JsonNode body = MAPPER.readTree("""
                {"updated": [], "notUpdated": [{"attributeName": "notDefinedYet", "reason": "not found"}]}""");
        broker.stub("PATCH", ENTITIES + "/urn:ngsi-ld:FlexConfiguration:X/attrs", Map.of(),
                new ScorpioReplay.Canned(207, List.of(List.of("Content-Type", "application/json")), body));

        List<String> notUpdated = client(50).patchAttributes("urn:ngsi-ld:FlexConfiguration:X",
                MAPPER.createObjectNode().set("notDefinedYet",
                        MAPPER.createObjectNode().put("type", "Property").put("value", 1)));

        assertThat(notUpdated).containsExactly("notDefinedYet");
    }

    @Test
    void should_keep_status_when_error_body_is_not_json() {
        broker.stub("GET", ENTITIES, Map.of("type", TYPE, "count", "true", "limit", "50"),
                new ScorpioReplay.Canned(502, List.of(List.of("Content-Type", "text/html")),
                        MAPPER.getNodeFactory().textNode("<html>bad gateway</html>")));

        assertThatThrownBy(() -> client(50).queryEntities(TYPE, null))
                .isInstanceOfSatisfying(NgsiLdException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.problemType()).isEmpty();
                });
        assertThat(broker.requests()).hasSize(3);
    }

    @Test
    void should_return_the_id_when_a_retried_subscription_creation_finds_it_already_exists() {
        // Scorpio's recorded AlreadyExists body is for an entity; the client reads only status and type.
        broker.stub("POST", "/ngsi-ld/v1/subscriptions", Map.of(),
                response("56-query-link-unreachable-context"), response("07-create-entity-duplicate"));

        String id = client(50).createSubscription((ObjectNode) requestBody("01-create-subscription-json"));

        assertThat(id).isEqualTo("urn:ngsi-ld:Subscription:flex-json");
        assertThat(broker.requests()).hasSize(2);
    }

    @Test
    void should_throw_already_exists_when_subscription_exists_on_first_attempt() {
        broker.stub("POST", "/ngsi-ld/v1/subscriptions", Map.of(), response("07-create-entity-duplicate"));

        assertThatThrownBy(() -> client(50).createSubscription(
                (ObjectNode) requestBody("01-create-subscription-json")))
                .isInstanceOfSatisfying(NgsiLdException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.problemType()).isEqualTo("AlreadyExists");
                });
    }

    @Test
    void should_stop_paging_when_a_full_page_brings_no_new_entity() {
        ScorpioReplay.Canned sameFullPage = response("08-query-by-type");
        broker.stub("GET", ENTITIES, Map.of("type", TYPE, "count", "true", "limit", "2"), sameFullPage)
                .stub("GET", ENTITIES, Map.of("type", TYPE, "count", "true", "limit", "2", "offset", "2"),
                        sameFullPage);

        List<JsonNode> all = client(2).queryEntities(TYPE, null);

        assertThat(all).hasSize(2);
        assertThat(broker.requests()).hasSize(2);
    }
}
