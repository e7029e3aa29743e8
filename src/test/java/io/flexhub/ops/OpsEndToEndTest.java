package io.flexhub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2HubTest;

/** Metrics, health groups and log context as an operator sees them on the running hub. */
@ExtendWith(OutputCaptureExtension.class)
class OpsEndToEndTest extends H2HubTest {

    @Autowired
    CountGauges countGauges;
    @Autowired
    JdbcClient jdbc;

    @Test
    void should_count_a_received_flex_request_per_route_and_per_message_type_and_result() {
        dsoAccepts();
        String prom = prometheus();
        double accepted = sample(prom, "flexhub_uftp_messages_total",
                Map.of("direction", "in", "type", "FlexRequest", "result", "accepted"));
        double queued = sample(prom, "flexhub_uftp_messages_total",
                Map.of("direction", "out", "type", "FlexRequestResponse", "result", "queued"));
        double receiveExchanges = sample(prom, "camel_exchanges_total", Map.of("routeId", "usef-receive"));

        FlexRequest request = DSO.flexRequest();
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        awaitResponse(FlexRequestResponse.class, request.getMessageID());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String after = prometheus();
            assertThat(sample(after, "flexhub_uftp_messages_total",
                    Map.of("direction", "in", "type", "FlexRequest", "result", "accepted"))).isEqualTo(accepted + 1);
            assertThat(sample(after, "flexhub_uftp_messages_total",
                    Map.of("direction", "out", "type", "FlexRequestResponse", "result", "queued"))).isEqualTo(queued + 1);
            assertThat(sample(after, "flexhub_uftp_messages_total",
                    Map.of("direction", "out", "type", "FlexRequestResponse", "result", "sent"))).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "camel_exchanges_total", Map.of("routeId", "usef-receive")))
                    .isGreaterThanOrEqualTo(receiveExchanges + 1);
            assertThat(after).containsPattern("(?m)^camel_exchanges_failed_total\\{[^}]*routeId=\"usef-receive\"")
                    .containsPattern("(?m)^camel_exchanges_succeeded_total\\{[^}]*routeId=\"usef-process\"")
                    .containsPattern("(?m)^camel_route_policy_seconds_count\\{[^}]*routeId=\"usef-process\"");
        });
        awaitEngine(request.getMessageID());
    }

    @Test
    void should_count_a_transport_rejection_without_a_message_type() {
        double before = sample(prometheus(), "flexhub_uftp_messages_total",
                Map.of("direction", "in", "type", "unknown", "result", "transport-rejected"));

        HttpResponse<String> ack = postUftp("<not-a-signed-message/>".getBytes());

        assertThat(ack.statusCode()).isEqualTo(400);
        assertThat(sample(prometheus(), "flexhub_uftp_messages_total",
                Map.of("direction", "in", "type", "unknown", "result", "transport-rejected"))).isEqualTo(before + 1);
    }

    @Test
    void should_export_the_outbox_depth_per_status_once_counted() {
        countGauges.refresh();

        String prom = prometheus();
        Map<String, Long> counts = countGauges.counts("flexhub.uftp.outbox.depth");
        assertThat(counts).containsKeys("PENDING", "SENDING", "SENT", "FAILED");
        for (var status : counts.entrySet()) {
            assertThat(sample(prom, "flexhub_uftp_outbox_depth", Map.of("status", status.getKey())))
                    .as(status.getKey()).isEqualTo(status.getValue().doubleValue());
        }
    }

    @Test
    void should_time_the_flex_offer_optimizer() {
        // the engine times its solves under the same name: let it answer the FlexRequests other tests sent first
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM uftp_message "
                + "WHERE direction = 'IN' AND message_type = 'FlexRequest' "
                + "AND (status = 'RECEIVED' OR handoff = 'AWAITING_ENGINE')").query(Long.class).single() == 0);
        double before = sample(prometheus(), "flexhub_optimizer_solve_seconds_count",
                Map.of("optimizer", "flex-offer", "outcome", "ok"));

        HttpResponse<String> offer = admin(HttpRequest.newBuilder(URI.create(url("/api/flex/offer")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(fixture("flexoffer/instances/bench-example.json"))));

        assertThat(offer.statusCode()).as(offer.body()).isEqualTo(200);
        String after = prometheus();
        assertThat(sample(after, "flexhub_optimizer_solve_seconds_count",
                Map.of("optimizer", "flex-offer", "outcome", "ok"))).isEqualTo(before + 1);
        assertThat(sample(after, "flexhub_optimizer_solve_seconds_sum",
                Map.of("optimizer", "flex-offer", "outcome", "ok"))).isPositive();
        assertThat(after).contains("flexhub_optimizer_solve_seconds_bucket{");
    }

    @Test
    void should_keep_metrics_behind_the_admin_login() {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url("/actuator/prometheus"))).GET().build());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("flexhub_");
    }

    @Test
    void should_answer_readiness_and_liveness_without_login_and_without_details() {
        HttpResponse<String> readiness = send(HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness"))).GET().build());
        HttpResponse<String> liveness = send(HttpRequest.newBuilder(URI.create(url("/actuator/health/liveness"))).GET().build());

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(read(readiness.body()).get("status").asText()).isEqualTo("UP");
        assertThat(readiness.body()).doesNotContain("H2").doesNotContain("components");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(read(liveness.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void should_show_admins_the_details_of_each_health_group() {
        JsonNode readiness = health("readiness");
        assertThat(readiness.at("/components/db/details/database").asText()).isEqualTo("H2");
        assertThat(readiness.at("/components/readinessState/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/outbox").isMissingNode()).as("outbox is not a readiness concern").isTrue();

        JsonNode outbox = health("outbox");
        assertThat(outbox.get("status").asText()).isEqualTo("UP");
        assertThat(outbox.at("/components/outbox/details/threshold").asInt()).isEqualTo(50);
        assertThat(outbox.at("/components/outbox/details/overdueAfter").asText()).isEqualTo("PT5M");
        assertThat(outbox.at("/components/outbox/details/overdue").isNumber()).isTrue();
        assertThat(outbox.at("/components/outbox/details/failed").isNumber()).isTrue();

        assertThat(health("db").at("/components/db/status").asText()).isEqualTo("UP");
        // the test context mails through its GreenMail server, so SMTP is checked; with no broker URL (embedded
        // context) there is nothing to check and the broker group is absent
        assertThat(health("smtp").at("/components/smtp/status").asText()).isEqualTo("UP");
        HttpResponse<String> broker = admin(HttpRequest.newBuilder(URI.create(url("/actuator/health/broker"))).GET());
        assertThat(broker.statusCode()).isEqualTo(404);
    }

    @Test
    void should_log_the_processing_of_a_message_with_its_conversation_id(CapturedOutput output) {
        dsoAccepts();
        FlexRequest request = DSO.flexRequest();

        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(processingLine(output, request))
                .as("processing log line of " + request.getMessageID()).isNotNull());
        assertThat(processingLine(output, request))
                .contains("[" + request.getConversationID() + "|FlexRequest|" + request.getMessageID() + "]");
        awaitEngine(request.getMessageID());
    }

    private static String processingLine(CapturedOutput output, FlexRequest request) {
        return output.getAll().lines()
                .filter(l -> l.contains("FlexRequest " + request.getMessageID() + " from") && l.contains("accepted"))
                .findFirst().orElse(null);
    }

    private JsonNode health(String group) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/actuator/health/" + group))).GET());
        assertThat(r.statusCode()).as(group + ": " + r.body()).isEqualTo(200);
        return read(r.body());
    }

    private String prometheus() {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/actuator/prometheus"))).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** Sum of the samples of a metric whose labels include the given ones (0 when there is none). */
    static double sample(String exposition, String metric, Map<String, String> labels) {
        return exposition.lines()
                .filter(l -> l.startsWith(metric + "{"))
                .filter(l -> labels.entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static byte[] fixture(String path) {
        try (InputStream in = OpsEndToEndTest.class.getResourceAsStream("/fixtures/" + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
