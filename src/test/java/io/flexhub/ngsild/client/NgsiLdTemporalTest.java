package io.flexhub.ngsild.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Temporal reads over loopback HTTP against a broker holding real instances and cutting them as Scorpio, Mintaka
 * and Stellio do; the broker itself is first checked against the recorded Scorpio exchanges.
 */
class NgsiLdTemporalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = "http://127.0.0.1:8100/site.jsonld";
    private static final String HVAC = "urn:ngsi-ld:Device:pleiades-hvac-c1-hall";
    private static final String HVAC2 = "urn:ngsi-ld:Device:pleiades-hvac-c2-hall";
    /** The recorded broker held 192 quarter-hours from here (its newest, 20:45 on the 25th, came first). */
    private static final Instant FIRST = Instant.parse("2026-11-23T21:00:00Z");
    private static final Duration ISP = Duration.ofMinutes(15);

    private TemporalBroker broker;

    @AfterEach
    void stop() {
        broker.close();
    }

    private TemporalBroker seeded(TemporalBroker b, String id, int instances, Duration step) {
        for (int i = 0; i < instances; i++) {
            b.store(id, "Thermostat", "activePower", FIRST.plus(step.multipliedBy(i)), i);
        }
        return b;
    }

    private NgsiLdClient client() {
        NgsiLdClientConfig c = new NgsiLdClientConfig(broker.baseUrl(), null, CONTEXT, null, Duration.ofSeconds(2),
                Duration.ofSeconds(5), new NgsiLdClientConfig.RetryPolicy(3, Duration.ofMillis(1), 1.0), 100);
        return new NgsiLdClient(c, io.flexhub.support.OutboundCamel.transport("direct:ngsi-ld-broker",
                c.connectTimeout(), c.requestTimeout()), JSON, d -> { });
    }

    private static List<Double> values(JsonNode entity, Instant from, Instant to) {
        List<Double> out = new ArrayList<>();
        for (JsonNode i : NgsiLdValues.instances(entity.get("activePower"))) {
            Instant at = NgsiLdValues.observedAt(i).orElseThrow();
            if (!at.isBefore(from) && at.isBefore(to)) {
                out.add(NgsiLdValues.number(i).getAsDouble());
            }
        }
        return out;
    }

    private static List<Double> range(int from, int toExclusive) {
        List<Double> out = new ArrayList<>();
        for (int i = from; i < toExclusive; i++) {
            out.add((double) i);
        }
        return out;
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = NgsiLdTemporalTest.class.getResourceAsStream("/fixtures/ngsi-ld/scorpio-live/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void fake_answers_the_recorded_temporal_requests_as_the_live_scorpio_did() throws Exception {
        broker = seeded(TemporalBroker.scorpio(), HVAC, 192, ISP);
        for (String exchange : List.of("06-temporal-default-limit-50", "07-temporal-lastN-100", "08-temporal-window-6h")) {
            JsonNode recorded = fixture(exchange + ".response.json");
            JsonNode got = broker.ask(fixture(exchange + ".request.json").get("url").asText());
            List<JsonNode> want = NgsiLdValues.instances(recorded.at("/body/activePower"));
            List<JsonNode> have = NgsiLdValues.instances(got.at("/body/activePower"));
            assertThat(got.get("status").asInt()).as(exchange).isEqualTo(recorded.get("status").asInt());
            assertThat(have).as(exchange).hasSize(recorded.get("instances_returned").asInt());
            assertThat(have.stream().map(i -> i.get("observedAt").asText()).toList()).as(exchange)
                    .isEqualTo(want.stream().map(i -> i.get("observedAt").asText()).toList());
        }
        JsonNode noMatch = broker.ask(fixture("04-temporal-count-no-match.request.json").get("url").asText());
        assertThat(noMatch.get("status").asInt()).isEqualTo(500);
        assertThat(noMatch.get("body")).isEqualTo(fixture("04-temporal-count-no-match.response.json").get("body"));
        JsonNode without = broker.ask(fixture("05-temporal-no-match-without-count.request.json").get("url").asText());
        assertThat(without.get("status").asInt()).isEqualTo(200);
        assertThat(without.get("body")).isEqualTo(fixture("05-temporal-no-match-without-count.response.json").get("body"));
    }

    @Test
    void should_read_a_whole_96_isp_day_from_a_broker_that_cuts_at_50_per_attribute() {
        broker = seeded(TemporalBroker.scorpio(), HVAC, 192, ISP);
        Instant day = Instant.parse("2026-11-24T00:00:00Z");
        int first = 12; // 21:00 + 12 quarter-hours

        JsonNode e = client().temporalEntity(HVAC, TemporalQuery.ofType("Thermostat", "activePower")
                .between(day, day.plus(Duration.ofDays(1)), "observedAt").withResolution(ISP)).orElseThrow();

        assertThat(values(e, day, day.plus(Duration.ofDays(1)))).isEqualTo(range(first, first + 96));
        assertThat(broker.requests()).allSatisfy(r -> assertThat(r).doesNotContainKeys("count", "lastN"));
        // two 12-hour windows of 49 instances each: under the limit, so not one request is wasted
        assertThat(broker.requests()).hasSize(2);
    }

    @Test
    void should_read_two_days_of_two_devices_by_type_completely() {
        broker = seeded(seeded(TemporalBroker.scorpio(), HVAC, 192, ISP), HVAC2, 192, ISP);

        List<JsonNode> all = client().temporalQuery(TemporalQuery.ofType("Thermostat", "activePower")
                .between(FIRST, FIRST.plus(Duration.ofDays(2)), "observedAt"));

        assertThat(all).extracting(e -> e.get("id").asText()).containsExactly(HVAC, HVAC2);
        for (JsonNode e : all) {
            // every instance once, in time order, though windows share their ends and Scorpio sends newest first
            assertThat(values(e, Instant.MIN, Instant.MAX)).isEqualTo(range(0, 192));
        }
    }

    @Test
    void should_split_a_window_that_comes_back_full_because_it_may_have_been_cut() {
        // 5-minute readings where the caller expected one per 15-minute ISP: each first window holds 145 of them
        broker = seeded(TemporalBroker.scorpio(), HVAC, 576, Duration.ofMinutes(5));

        JsonNode e = client().temporalEntity(HVAC, TemporalQuery.ofType("Thermostat", "activePower")
                .between(FIRST, FIRST.plus(Duration.ofDays(2)), "observedAt").withResolution(ISP)).orElseThrow();

        assertThat(values(e, Instant.MIN, FIRST.plus(Duration.ofDays(2)))).isEqualTo(range(0, 576));
    }

    @Test
    void should_read_history_after_an_instant_without_an_end_completely() {
        broker = seeded(TemporalBroker.scorpio(), HVAC, 192, ISP);

        JsonNode e = client().temporalEntity(HVAC, TemporalQuery.ofType("Thermostat", "activePower")
                .after(Instant.parse("2026-11-20T00:00:00Z"), "observedAt")).orElseThrow();

        assertThat(values(e, Instant.MIN, Instant.MAX)).isEqualTo(range(0, 192));
    }

    @Test
    void should_not_send_count_on_temporal_queries_so_no_match_is_empty_rather_than_a_500() {
        broker = seeded(TemporalBroker.scorpio(), HVAC, 192, ISP);

        List<JsonNode> none = client().temporalQuery(TemporalQuery.ofType("Thermostat", "activePower")
                .between(Instant.parse("2026-12-10T00:00:00Z"), Instant.parse("2026-12-11T00:00:00Z"), "observedAt"));

        assertThat(none).isEmpty();
        assertThat(broker.statuses()).containsOnly(200);
        assertThat(broker.requests()).allSatisfy(r -> assertThat(r).doesNotContainKey("count"));
    }

    @Test
    void should_follow_content_range_of_206_answers_as_mintaka_and_stellio_give_them() {
        broker = seeded(new TemporalBroker(TemporalBroker.Dialect.CONTENT_RANGE, 30), HVAC, 192, ISP);
        Instant day = Instant.parse("2026-11-24T00:00:00Z");

        // no resolution: the client cannot size its windows and relies on the broker's Content-Range
        JsonNode e = client().temporalEntity(HVAC, TemporalQuery.ofType("Thermostat", "activePower")
                .between(day, day.plus(Duration.ofDays(1)), "observedAt")).orElseThrow();
        List<JsonNode> byType = client().temporalQuery(TemporalQuery.ofType("Thermostat", "activePower")
                .between(FIRST, FIRST.plus(Duration.ofDays(2)), "observedAt"));

        assertThat(values(e, day, day.plus(Duration.ofDays(1)))).isEqualTo(range(12, 108));
        assertThat(values(byType.get(0), Instant.MIN, Instant.MAX)).isEqualTo(range(0, 192));
        assertThat(broker.statuses()).contains(206);
        assertThat(broker.requests()).allSatisfy(r -> assertThat(r).doesNotContainKey("count"));
    }

    @Test
    void should_refuse_a_last_n_answer_that_the_broker_may_have_cut() {
        broker = seeded(new TemporalBroker(TemporalBroker.Dialect.CONTENT_RANGE, 30), HVAC, 192, ISP);
        TemporalQuery lastN = new TemporalQuery("Thermostat", List.of("activePower"), "after",
                Instant.parse("2026-11-20T00:00:00Z"), null, "observedAt", 100);

        assertThatThrownBy(() -> client().temporalEntity(HVAC, lastN)).isInstanceOf(NgsiLdException.class)
                .hasMessageContaining("lastN=100").hasMessageContaining("limit of 50");
        JsonNode ten = client().temporalEntity(HVAC, new TemporalQuery("Thermostat", List.of("activePower"), "after",
                Instant.parse("2026-11-20T00:00:00Z"), null, "observedAt", 10)).orElseThrow();
        assertThat(values(ten, Instant.MIN, Instant.MAX)).isEqualTo(range(182, 192));
    }

    @Test
    void should_answer_empty_for_an_entity_the_broker_does_not_have() {
        broker = seeded(TemporalBroker.scorpio(), HVAC, 10, ISP);

        assertThat(client().temporalEntity("urn:ngsi-ld:Device:unknown", TemporalQuery.ofType("Thermostat", "activePower")
                .between(FIRST, FIRST.plus(Duration.ofDays(1)), "observedAt").withResolution(ISP))).isEmpty();
        assertThat(broker.requests()).extracting(r -> r.get("path")).allMatch(p -> p.endsWith("/urn:ngsi-ld:Device:unknown"));
        assertThat(broker.requests().get(0)).containsAllEntriesOf(Map.of("timerel", "between",
                "timeAt", "2026-11-23T21:00:00.000Z", "endTimeAt", "2026-11-24T09:00:00.000Z", "attrs", "activePower"));
    }
}
