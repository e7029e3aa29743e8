package io.flexhub.probes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.flexhub.notify.Notification;
import io.flexhub.notify.Notifications;

/** Stages against a real HTTP service (WireMock): outcomes, their emails and log lines, stop and go on. */
class ProbeExecutorTest {

    private static final WireMockServer SERVICE = new WireMockServer(options().dynamicPort());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);

    private final Mails mails = new Mails();

    /** Keeps what would be mailed. */
    private static final class Mails implements Notifications {
        private final List<Notification> sent = new ArrayList<>();

        @Override
        public synchronized long send(Notification notification) {
            sent.add(notification);
            return sent.size();
        }

        synchronized List<Notification> sent() {
            return List.copyOf(sent);
        }
    }
    private ProbeExecutor executor;

    @BeforeAll
    static void start() {
        SERVICE.start();
    }

    @AfterAll
    static void stop() {
        SERVICE.stop();
    }

    @BeforeEach
    void setUp() {
        SERVICE.resetAll();
        executor = new ProbeExecutor(io.flexhub.support.OutboundCamel.transport(
                io.flexhub.probes.runtime.ProbeRegistry.ROUTE, java.time.Duration.ofSeconds(5), null), CLOCK,
                text -> text.replace("${hub}", SERVICE.baseUrl()).replace("${secret}", "s3cret"), mails);
    }

    private static String seedLike(String secondStage) {
        return """
                id: T6.2-S1.T1A
                workPackage: "6"
                service: Demand/Response in UMU Pleiades building (send demand request)
                description: The service will send the configured demand requests
                schedule: {times: ["09:00", "16:00"], timeZone: Europe/Madrid}
                stages:
                  - request:
                      method: POST
                      url: ${hub}/services/demand-response/request
                      headers: {Accept: "*/*"}
                      basicAuth: {user: admin, password: "${secret}"}
                      payload: [0, 0, 0.5, -1.3, 0, 0, 0, 0]
                      timeout: 10s
                    expect:
                      status: 200
                      contentType: application/json
                      attributes:
                        status: [Accepted, Denied, Engine Busy]
                    onValid:
                      actions:
                        - email:
                            to: [admin.services@phoenix.test, demand-response.services@phoenix.test]
                            subject: Demand/Request / request status $status - $TIME
                            body: "Demand: $payload"
                        - post:
                            url: ${hub}/services/demand-response/log
                            body: "Demand/Request: status $status - $TIME - $payload"
                      then: continue
                    onError:
                      actions:
                        - email:
                            to: [admin.services@phoenix.test]
                            subject: Demand/Request / error - $TIME
                            body: "Error: $statusCode"
                    onTimeout:
                      actions:
                        - email:
                            to: [admin.services@phoenix.test]
                            subject: Demand/Request / timeout - $TIME
                            body: "Timeout: $error"
                """ + secondStage;
    }

    private static final String SECOND_STAGE = """
              - request:
                  url: ${hub}/services/demand-response/status
                  timeout: 2s
                onValid:
                  actions:
                    - post: {url: "${hub}/services/demand-response/log", body: "second stage $statusCode"}
            """;

    private ProbeDefinition probe(String secondStage) {
        return new ProbeLoader().load("T6.2-S1.T1A.yaml", seedLike(secondStage));
    }

    private static void requestAnswers(int status, String contentType, String body, int delayMs) {
        SERVICE.stubFor(post(urlEqualTo("/services/demand-response/request")).willReturn(aResponse()
                .withStatus(status).withHeader("Content-Type", contentType).withBody(body).withFixedDelay(delayMs)));
        SERVICE.stubFor(post(urlEqualTo("/services/demand-response/log")).willReturn(aResponse().withStatus(204)));
        SERVICE.stubFor(get(
                urlEqualTo("/services/demand-response/status")).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void should_mail_and_post_the_log_line_on_a_valid_response() {
        requestAnswers(200, "application/json; charset=utf-8", "{\"status\":\"Engine Busy\"}", 0);

        List<StageResult> results = executor.run(probe(""), "T6.2-S1.T1A/run-1");

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.VALID);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.responseExcerpt()).isEqualTo("{\"status\":\"Engine Busy\"}");
            assertThat(r.detail()).isNull();
            assertThat(r.actions()).containsExactly(
                    "email 'Demand/Request / request status Engine Busy - 2026-11-26T16:00:00+01:00' to "
                            + "admin.services@phoenix.test, demand-response.services@phoenix.test queued as notification 1",
                    "post to " + SERVICE.baseUrl() + "/services/demand-response/log answered 204");
        });
        assertThat(mails.sent()).containsExactly(new Notification("probe",
                List.of("admin.services@phoenix.test", "demand-response.services@phoenix.test"),
                "Demand/Request / request status Engine Busy - 2026-11-26T16:00:00+01:00",
                "Demand: [0, 0, 0.5, -1.3, 0, 0, 0, 0]", "T6.2-S1.T1A/run-1"));
        SERVICE.verify(postRequestedFor(urlEqualTo("/services/demand-response/request"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                        .encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8))))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("[0, 0, 0.5, -1.3, 0, 0, 0, 0]")));
        SERVICE.verify(postRequestedFor(urlEqualTo("/services/demand-response/log"))
                .withRequestBody(equalTo("Demand/Request: status Engine Busy - 2026-11-26T16:00:00+01:00 - "
                        + "[0, 0, 0.5, -1.3, 0, 0, 0, 0]")));
    }

    @Test
    void should_mail_the_status_code_on_an_error_response() {
        requestAnswers(400, "application/json", "{\"title\":\"Bad Request\"}", 0);

        StageResult r = executor.run(probe(""), "T6.2-S1.T1A/run-2").get(0);

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.detail()).isEqualTo("status 400 is not one of [200]");
        assertThat(mails.sent()).singleElement().satisfies(n -> {
            assertThat(n.subject()).isEqualTo("Demand/Request / error - 2026-11-26T16:00:00+01:00");
            assertThat(n.body()).isEqualTo("Error: 400");
            assertThat(n.to()).containsExactly("admin.services@phoenix.test");
        });
        SERVICE.verify(0, postRequestedFor(urlEqualTo("/services/demand-response/log")));
    }

    @Test
    void should_treat_a_status_outside_the_allowed_values_as_an_error() {
        requestAnswers(200, "application/json", "{\"status\":\"Maybe\"}", 0);

        StageResult r = executor.run(probe(""), "run-3").get(0);

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.detail()).isEqualTo("attribute status is 'Maybe', not one of [Accepted, Denied, Engine Busy]");
        assertThat(mails.sent()).extracting(Notification::body).containsExactly("Error: 200");
    }

    @Test
    void should_run_the_timeout_actions_when_the_service_is_too_slow() {
        requestAnswers(200, "application/json", "{\"status\":\"Accepted\"}", 2000);

        ProbeDefinition impatient = new ProbeLoader().load("x.yaml", seedLike("").replace("timeout: 10s", "timeout: 400ms"));

        StageResult r = executor.run(impatient, "run-4").get(0);

        assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(r.statusCode()).isNull();
        assertThat(r.detail()).isEqualTo("no response within 400 ms");
        assertThat(mails.sent()).singleElement().satisfies(n -> {
            assertThat(n.subject()).isEqualTo("Demand/Request / timeout - 2026-11-26T16:00:00+01:00");
            assertThat(n.body()).isEqualTo("Timeout: no response within 400 ms");
        });
    }

    @Test
    void should_go_on_after_a_valid_stage_and_stop_after_an_error() {
        requestAnswers(200, "application/json", "{\"status\":\"Accepted\"}", 0);

        List<StageResult> valid = executor.run(probe(SECOND_STAGE), "run-5");

        assertThat(valid).extracting(StageResult::stage, StageResult::outcome)
                .containsExactly(tuple(1, Outcome.VALID),
                        tuple(2, Outcome.VALID));
        SERVICE.verify(postRequestedFor(urlEqualTo("/services/demand-response/log"))
                .withRequestBody(equalTo("second stage 200")));

        SERVICE.resetRequests();
        requestAnswers(503, "text/plain", "down", 0);

        List<StageResult> stopped = executor.run(probe(SECOND_STAGE), "run-6");

        assertThat(stopped).extracting(StageResult::stage, StageResult::outcome)
                .containsExactly(tuple(1, Outcome.ERROR));
        SERVICE.verify(0, getRequestedFor(
                urlEqualTo("/services/demand-response/status")));
    }

    @Test
    void should_go_on_after_an_error_when_told_to() {
        requestAnswers(503, "text/plain", "down", 0);
        String goOn = seedLike(SECOND_STAGE).replace("""
                            body: "Error: $statusCode"
                """, """
                            body: "Error: $statusCode"
                      then: continue
                """);

        List<StageResult> results = executor.run(new ProbeLoader().load("go-on.yaml", goOn), "run-7");

        assertThat(results).extracting(StageResult::outcome).containsExactly(Outcome.ERROR, Outcome.VALID);
        assertThat(results.get(0).responseExcerpt()).isEqualTo("down");
    }

    @Test
    void should_record_a_failed_log_post_without_changing_the_outcome() {
        SERVICE.stubFor(post(urlEqualTo("/services/demand-response/request")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"status\":\"Denied\"}")));
        ProbeDefinition unreachableLog = new ProbeLoader().load("x.yaml", seedLike("")
                .replace("url: ${hub}/services/demand-response/log", "url: http://127.0.0.1:1/log"));

        StageResult r = executor.run(unreachableLog, "run-8").get(0);

        assertThat(r.outcome()).isEqualTo(Outcome.VALID);
        assertThat(r.actions()).hasSize(2);
        assertThat(r.actions().get(1)).startsWith("post to http://127.0.0.1:1/log failed");
    }

    @Test
    void should_offer_each_payload_value_and_leave_unknown_names_as_written() {
        requestAnswers(200, "application/json", "{\"status\":\"Accepted\",\"engine\":{\"id\":7}}", 0);
        ProbeDefinition perValue = new ProbeLoader().load("x.yaml", seedLike("").replace(
                "body: \"Demand/Request: status $status - $TIME - $payload\"",
                "body: \"third ISP ${payload_2}kW, engine $engine, stage $stage of $probeId, $unknown\""));

        executor.run(perValue, "run-9");

        SERVICE.verify(postRequestedFor(urlEqualTo("/services/demand-response/log"))
                .withRequestBody(equalTo("third ISP 0.5kW, engine {\"id\":7}, stage 1 of T6.2-S1.T1A, $unknown")));
    }
}
