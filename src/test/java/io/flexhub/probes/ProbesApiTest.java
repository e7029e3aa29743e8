package io.flexhub.probes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.probes.runtime.ProbeResultStore;
import io.flexhub.support.H2HubTest;

/** Probes of the running hub: definition files in the configured directory, routes, results over the API. */
class ProbesApiTest extends H2HubTest {

    @Autowired
    CamelContext camel;

    @Autowired
    ProbeResultStore store;

    private final List<Path> written = new ArrayList<>();

    @AfterEach
    void removeDefinitions() throws IOException {
        for (Path p : written) {
            Files.deleteIfExists(p);
        }
    }

    private Path write(String file, String yaml) throws IOException {
        Path p = PROBES_DIR.resolve(file);
        Files.writeString(p, yaml);
        written.add(p);
        return p;
    }

    private static String definition(String id, String description, String schedule, String path) {
        return """
                id: %s
                workPackage: "6"
                service: test service %s
                description: %s
                schedule: %s
                stages:
                  - request:
                      url: %s%s/ping
                      timeout: 10s
                    expect:
                      attributes: {status: [ok]}
                    onValid:
                      actions:
                        - post: {url: "%s%s/log", body: "$probeId stage $stage: status $status"}
                        - email: {subject: "$probeId status $status", body: "answered $statusCode"}
                """.formatted(id, id, description, schedule, DSO_SERVER.baseUrl(), path, DSO_SERVER.baseUrl(), path);
    }

    private static void serviceAnswers(String path) {
        DSO_SERVER.stubFor(get(urlEqualTo(path + "/ping")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"ok\"}")));
        DSO_SERVER.stubFor(post(urlEqualTo(path + "/log")).willReturn(aResponse().withStatus(201)));
    }

    private JsonNode getJson(String path) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url(path))).GET());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return read(r.body());
    }

    private JsonNode probe(JsonNode list, String id) {
        for (JsonNode p : list.get("probes")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        return null;
    }

    private Route route(String id) {
        return camel.getRoute(id);
    }

    @Test
    void should_list_run_and_report_a_probe_from_a_definition_file() throws IOException {
        serviceAnswers("/probe-api");
        Path file = write("api.yaml", definition("TEST-api", "answers ok", "{times: [\"03:33\"], timeZone: UTC}",
                "/probe-api"));

        // The definition is listed as soon as it is read; its route is started a moment later.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode seen = probe(getJson("/api/probes"), "TEST-api");
            assertThat(seen).isNotNull();
            assertThat(seen.path("routeStatus").asText()).isEqualTo("Started");
        });
        JsonNode listed = probe(getJson("/api/probes"), "TEST-api");
        assertThat(listed.get("source").asText()).isEqualTo(file.toString());
        assertThat(listed.get("schedule").asText()).isEqualTo("at 03:33 UTC");
        assertThat(listed.get("routeId").asText()).isEqualTo("probe-TEST-api");
        assertThat(listed.get("routeStatus").asText()).isEqualTo("Started");
        assertThat(listed.get("lastRun").isNull()).isTrue();

        HttpResponse<String> run = admin(HttpRequest.newBuilder(URI.create(url("/api/probes/TEST-api/run")))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode ran = read(run.body());
        String runId = ran.get("runId").asText();
        assertThat(ran.at("/stages/0/outcome").asText()).isEqualTo("VALID");
        assertThat(ran.at("/stages/0/statusCode").asInt()).isEqualTo(200);
        DSO_SERVER.verify(postRequestedFor(urlEqualTo("/probe-api/log"))
                .withRequestBody(equalTo("TEST-api stage 1: status ok")));

        JsonNode results = getJson("/api/probes/TEST-api/results");
        assertThat(results).hasSize(1);
        assertThat(results.at("/0/runId").asText()).isEqualTo(runId);
        assertThat(results.at("/0/trigger").asText()).isEqualTo("MANUAL");
        assertThat(results.at("/0/outcome").asText()).isEqualTo("VALID");
        assertThat(results.at("/0/responseExcerpt").asText()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(results.at("/0/actions/0").asText())
                .isEqualTo("post to " + DSO_SERVER.baseUrl() + "/probe-api/log answered 201");
        assertThat(results.at("/0/actions/1").asText())
                .matches("email 'TEST-api status ok' to default probe recipients queued as notification \\d+");
        JsonNode last = probe(getJson("/api/probes"), "TEST-api").get("lastRun");
        assertThat(last.get("runId").asText()).isEqualTo(runId);
        assertThat(last.at("/stages/0/outcome").asText()).isEqualTo("VALID");
    }

    @Test
    void should_load_the_shipped_seed_probe_with_the_hub_settings() throws IOException {
        String shipped;
        try (InputStream in = getClass().getResourceAsStream("/probes/T6.2-S1.T1A.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = write("T6.2-S1.T1A.yaml", shipped);

        // The definition is listed as soon as it is read; its route is started a moment later.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode listed = probe(getJson("/api/probes"), "T6.2-S1.T1A");
            assertThat(listed).isNotNull();
            assertThat(listed.path("routeStatus").asText()).isEqualTo("Started");
        });

        JsonNode list = getJson("/api/probes");
        JsonNode probe = probe(list, "T6.2-S1.T1A");
        assertThat(probe.get("schedule").asText()).isEqualTo("at 09:00, 16:00 Europe/Madrid");
        assertThat(probe.get("service").asText()).isEqualTo("Demand/Response in UMU Pleiades building (send demand request)");
        assertThat(probe.get("routeStatus").asText()).isEqualTo("Started");
        assertThat(Instant.parse(probe.get("nextRun").asText()).atZone(ZoneId.of("Europe/Madrid"))
                .toLocalTime()).isIn(LocalTime.of(9, 0), LocalTime.of(16, 0));
        assertThat(list.get("errors")).noneSatisfy(e -> assertThat(e.get("file").asText()).isEqualTo(file.toString()));
        assertThat(route("probe-T6.2-S1.T1A").getDescription())
                .isEqualTo("T6.2-S1.T1A Demand/Response in UMU Pleiades building (send demand request): The service "
                        + "will send the configured demand requests (at 09:00, 16:00 Europe/Madrid)");
    }

    @Test
    void should_run_the_shipped_seed_probe_against_the_hubs_own_demand_response_interface() throws IOException {
        String shipped;
        try (InputStream in = getClass().getResourceAsStream("/probes/T6.2-S1.T1A.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        write("T6.2-S1.T1A.yaml", shipped);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(probe(getJson("/api/probes"), "T6.2-S1.T1A")).isNotNull());

        HttpResponse<String> run = admin(HttpRequest.newBuilder(URI.create(url("/api/probes/T6.2-S1.T1A/run")))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode stage = read(run.body()).at("/stages/0");
        assertThat(stage.get("outcome").asText()).as(run.body()).isEqualTo("VALID");
        assertThat(stage.get("statusCode").asInt()).isEqualTo(200);
        String status = read(stage.get("responseExcerpt").asText()).get("status").asText();
        assertThat(status).isIn("Accepted", "Denied", "Engine Busy");
        // the seed's log line reached the hub's own log endpoint, with the demand the probe sent
        HttpResponse<String> log = admin(HttpRequest.newBuilder(URI.create(url("/services/demand-response/log"))).GET());
        assertThat(read(log.body()).findValuesAsText("line")).anySatisfy(line -> assertThat(line)
                .startsWith("Demand/Request: status " + status + " - ")
                .endsWith(" - [0, 0, 0.5, -1.3, 0, 0, 0, 0]"));
        // and the seed's mail went out through the notification outbox
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(SMTP.getReceivedMessages())
                .anySatisfy(m -> {
                    assertThat(m.getSubject()).startsWith("Demand/Request / request status " + status + " - ");
                    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(m).trim())
                            .isEqualTo("Demand: [0, 0, 0.5, -1.3, 0, 0, 0, 0]");
                }));
    }

    @Test
    void should_answer_404_for_an_unknown_probe_and_400_for_a_bad_limit() {
        HttpResponse<String> run = admin(HttpRequest.newBuilder(URI.create(url("/api/probes/NOPE/run")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> results = admin(HttpRequest.newBuilder(URI.create(url("/api/probes/NOPE/results"))).GET());
        HttpResponse<String> badLimit = admin(HttpRequest.newBuilder(
                URI.create(url("/api/probes/NOPE/results?limit=0"))).GET());
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url("/api/probes"))).GET().build());

        assertThat(run.statusCode()).isEqualTo(404);
        assertThat(read(run.body()).get("detail").asText()).isEqualTo("No probe with id NOPE");
        assertThat(results.statusCode()).isEqualTo(404);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(read(badLimit.body()).get("detail").asText()).contains("limit must be a number from 1 to 500");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void should_recreate_the_route_when_the_file_changes_and_keep_it_when_the_file_turns_bad() throws IOException {
        serviceAnswers("/probe-reload");
        String far = "{times: [\"03:33\"], timeZone: UTC}";
        write("other.yaml", definition("TEST-other", "keeps running", far, "/probe-reload"));
        Path file = write("reload.yaml", definition("TEST-reload", "first version", far, "/probe-reload"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(route("probe-TEST-reload")).isNotNull()
                        .extracting(Route::getDescription).asString().contains("first version"));

        Files.writeString(file, definition("TEST-reload", "second version", far, "/probe-reload"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(route("probe-TEST-reload")).isNotNull()
                        .extracting(Route::getDescription).asString().contains("second version"));

        Files.writeString(file, definition("TEST-reload", "third version", far, "/probe-reload")
                .replace("timeout: 10s", "timeout: whenever"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode errors = getJson("/api/probes").get("errors");
            assertThat(errors).anySatisfy(e -> {
                assertThat(e.get("file").asText()).isEqualTo(file.toString());
                assertThat(e.get("line").asInt()).isEqualTo(9);
                assertThat(e.get("field").asText()).isEqualTo("stages[0].request.timeout");
                assertThat(e.get("message").asText()).startsWith("'whenever' is not a duration");
            });
        });
        assertThat(route("probe-TEST-reload").getDescription()).contains("second version");
        assertThat(route("probe-TEST-other")).isNotNull();

        Files.delete(file);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(route("probe-TEST-reload")).isNull();
            JsonNode list = getJson("/api/probes");
            assertThat(probe(list, "TEST-reload")).isNull();
            assertThat(list.get("errors")).noneSatisfy(e ->
                    assertThat(e.get("file").asText()).isEqualTo(file.toString()));
        });
        assertThat(route("probe-TEST-other")).isNotNull();
    }

    @Test
    void should_run_on_schedule_once_per_scheduled_time() throws IOException {
        serviceAnswers("/probe-cron");
        write("cron.yaml", definition("TEST-cron", "every second", "{cron: \"* * * * * *\"}", "/probe-cron"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(getJson("/api/probes/TEST-cron/results").size()).isGreaterThanOrEqualTo(2));

        JsonNode results = getJson("/api/probes/TEST-cron/results");
        Set<String> slots = new HashSet<>();
        for (JsonNode r : results) {
            assertThat(r.get("trigger").asText()).isEqualTo("SCHEDULE");
            assertThat(r.get("outcome").asText()).isEqualTo("VALID");
            assertThat(slots.add(r.get("scheduledAt").asText())).as("one run per scheduled time").isTrue();
        }
        String taken = results.at("/0/scheduledAt").asText();
        assertThat(store.claim("TEST-cron", Instant.parse(taken), "another-instance", Instant.now()))
                .as("a slot already run cannot be claimed by another instance").isEmpty();
        assertThat(store.claim("TEST-cron", Instant.parse("2000-01-01T00:00:00Z"), "another-instance", Instant.now()))
                .isPresent();
    }
}
