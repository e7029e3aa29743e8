package io.flexhub.selfconsumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2RouteTest;
import io.flexhub.support.RecordingNotifications;

/**
 * The self-consumption run route's error path: its optimisation step ({@code optimize-buildings}) fails, and the run
 * must be closed FAILED with the cause, by either trigger, without an exception escaping to the trigger (the Quartz
 * job, the admin request) and without planning or mailing anything.
 */
class NightlyRunRouteTest extends H2RouteTest {

    /** Thrown by the optimisation step when set. */
    private static final AtomicReference<RuntimeException> OPTIMIZER_FAILURE = new AtomicReference<>();

    @Autowired
    ProducerTemplate producer;
    @Autowired
    RunStore runs;
    @Autowired
    CommandStore commands;
    @Autowired
    RecordingNotifications notifications;

    @BeforeEach
    void advise() throws Exception {
        OPTIMIZER_FAILURE.set(null);
        adviseOnce("selfconsumption-run", route -> route.weaveById("optimize-buildings").before().process(e -> {
            RuntimeException failure = OPTIMIZER_FAILURE.get();
            if (failure != null) {
                throw failure;
            }
        }));
    }

    @AfterEach
    void optimizerWorks() {
        OPTIMIZER_FAILURE.set(null);
    }

    @Test
    void should_close_a_cron_run_whose_optimisation_failed_as_failed_with_its_cause() {
        OPTIMIZER_FAILURE.set(new IllegalStateException("solver crashed (test)"));
        LocalDate day = LocalDate.of(2027, 6, 13);
        int mailsBefore = notifications.sent().size();

        // what the Quartz route sends
        Exchange done = producer.request("direct:selfconsumption-run", e -> {
            e.getMessage().setHeader("trigger", "CRON");
            e.getMessage().setHeader("day", day);
        });

        assertThat(done.getException()).isNull();
        long runId = done.getMessage().getBody(Long.class);
        RunStore.Run run = runs.find(runId).orElseThrow();
        assertThat(run.trigger()).isEqualTo("CRON");
        assertThat(run.day()).isEqualTo(day);
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("java.lang.IllegalStateException: solver crashed (test)");
        assertThat(run.finishedAt()).isNotNull();
        assertThat(commands.forRun(runId)).isEmpty();
        assertThat(notifications.sent().subList(mailsBefore, notifications.sent().size()))
                .noneMatch(n -> n.subject().contains(day.toString()));
    }

    @Test
    void should_answer_the_admin_trigger_with_the_failed_run() {
        OPTIMIZER_FAILURE.set(new IllegalStateException("out of memory in the LP (test)"));

        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs?day=2027-06-14")))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode run = read(r.body());
        assertThat(Map.of("status", run.get("status").asText(), "trigger", run.get("trigger").asText(),
                "day", run.get("day").asText(), "error", run.get("error").asText())).isEqualTo(Map.of(
                "status", "FAILED", "trigger", "ADMIN", "day", "2027-06-14",
                "error", "java.lang.IllegalStateException: out of memory in the LP (test)"));
        assertThat(run.get("commands")).isEmpty();
    }
}
