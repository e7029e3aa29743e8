package io.flexhub.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances on one PostgreSQL: every UFTP message is processed once and answered once, whichever instance
 * receives it and even when one instance stops half-way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutPostgresTest {

    /** Both instances schedule the nightly self-consumption run every 3 s on the clustered Quartz job store. */
    private static final Map<String, Object> CRON_EVERY_3_S = Map.of("flexhub.selfconsumption.cron", "*/3 * * * * ?");

    private TwoInstances hub;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @BeforeAll
    void start() {
        hub = new TwoInstances();
        a = hub.start("a", CRON_EVERY_3_S);
        b = hub.start("b", CRON_EVERY_3_S);
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    @Test
    void a_message_delivered_to_both_instances_is_processed_and_answered_once() {
        FlexRequest request = hub.dso.flexRequest();
        byte[] signed = hub.dso.signed(request);

        CompletableFuture<HttpResponse<String>> toA = CompletableFuture.supplyAsync(() -> hub.postUftp(a, signed));
        CompletableFuture<HttpResponse<String>> toB = CompletableFuture.supplyAsync(() -> hub.postUftp(b, signed));

        assertThat(toA.join().statusCode()).isEqualTo(200);
        assertThat(toB.join().statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> responsesTo(request.getMessageID()) == 1);
        // a second answer would come from the other instance's processing or outbox within a few poll intervals
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                .until(() -> responsesTo(request.getMessageID()) == 1);
        assertThat(jdbc().sql("SELECT count(*) FROM uftp_message WHERE direction = 'IN' AND message_id = :m")
                .param("m", request.getMessageID()).query(Long.class).single()).isEqualTo(1L);
        assertThat(hub.received(FlexRequestResponse.class).stream()
                .filter(r -> r.getFlexRequestMessageID().equals(request.getMessageID())).findFirst().orElseThrow()
                .getResult().value()).isEqualTo("Accepted");
    }

    @Test
    void traffic_spread_over_both_instances_gets_exactly_one_response_per_message() {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            FlexRequest request = hub.dso.flexRequest();
            ids.add(request.getMessageID());
            byte[] signed = hub.dso.signed(request);
            ConfigurableApplicationContext target = i % 2 == 0 ? a : b;
            posts.add(CompletableFuture.supplyAsync(() -> hub.postUftp(target, signed)));
        }
        posts.forEach(p -> assertThat(p.join().statusCode()).isEqualTo(200));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(responseCounts(ids)).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(responseCounts(ids)).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L)));
    }

    @Test
    void stopping_an_instance_half_way_loses_nothing_it_accepted() {
        ConfigurableApplicationContext c = hub.start("c", CRON_EVERY_3_S);
        List<String> accepted = new ArrayList<>();
        List<CompletableFuture<Map.Entry<String, Integer>>> posts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            FlexRequest request = hub.dso.flexRequest();
            byte[] signed = hub.dso.signed(request);
            posts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Map.entry(request.getMessageID(), hub.postUftp(c, signed).statusCode());
                } catch (IllegalStateException refused) {
                    return Map.entry(request.getMessageID(), -1);
                }
            }));
        }
        // stop while messages are in flight: some are acknowledged but not yet answered, some not accepted at all
        await().atMost(Duration.ofSeconds(30)).until(() -> posts.stream().filter(CompletableFuture::isDone).count() >= 5);
        c.close();
        for (var p : posts) {
            var result = p.join();
            if (result.getValue() == 200) {
                accepted.add(result.getKey());
            }
        }

        assertThat(accepted).hasSizeGreaterThanOrEqualTo(5);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(responseCounts(accepted)).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L)));
    }

    @Test
    void a_cron_job_scheduled_on_both_instances_fires_once_per_scheduled_time() {
        // after start-up (when Quartz may fire missed times late, once each), every 3 s makes one run, not two
        await().atMost(Duration.ofSeconds(30)).until(() -> !cronRunStarts().isEmpty());
        java.time.Instant steady = cronRunStarts().get(0).plusSeconds(12);
        await().atMost(Duration.ofSeconds(90)).until(() -> span(steady).toSeconds() >= 15);

        List<java.time.Instant> window = cronRunStarts().stream().filter(t -> !t.isBefore(steady)).toList();
        long fires = span(steady).toSeconds() / 3;
        assertThat((long) window.size()).as("runs started at %s", window).isBetween(fires - 1, fires + 2);
    }

    private Duration span(java.time.Instant from) {
        List<java.time.Instant> after = cronRunStarts().stream().filter(t -> !t.isBefore(from)).toList();
        return after.isEmpty() ? Duration.ZERO : Duration.between(after.get(0), after.get(after.size() - 1));
    }

    private List<java.time.Instant> cronRunStarts() {
        return jdbc().sql("SELECT started_at FROM selfconsumption_run WHERE trigger_source = 'CRON' ORDER BY started_at")
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    private long responsesTo(String requestId) {
        return hub.received(FlexRequestResponse.class).stream()
                .filter(r -> r.getFlexRequestMessageID().equals(requestId)).count();
    }

    private Map<String, Long> responseCounts(List<String> ids) {
        Map<String, Long> counts = hub.received(FlexRequestResponse.class).stream()
                .map(FlexRequestResponse::getFlexRequestMessageID)
                .filter(ids::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        ids.forEach(id -> counts.putIfAbsent(id, 0L));
        return counts;
    }

    private JdbcClient jdbc() {
        return a.getBean(JdbcClient.class);
    }
}
