package io.flexhub.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProbeLoaderTest {

    private static final String GOOD = """
            id: WP6-demo
            workPackage: "6"
            service: demo service
            description: checks the demo service
            schedule:
              cron: "0 */5 * * * *"
              timeZone: Europe/Madrid
            stages:
              - description: ask
                request:
                  method: post
                  url: http://example.test/ask
                  payload: {values: [1, 2.5], name: x, flag: true}
                  timeout: 500ms
                expect:
                  status: [200, 202]
                  attributes:
                    status: Accepted
                onValid:
                  then: stop
            """;

    private final ProbeLoader loader = new ProbeLoader();

    @Test
    void should_read_the_shipped_seed_probe() throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/probes/T6.2-S1.T1A.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProbeDefinition d = loader.load("T6.2-S1.T1A.yaml", yaml);

        assertThat(d.id()).isEqualTo("T6.2-S1.T1A");
        assertThat(d.workPackage()).isEqualTo("6");
        assertThat(d.routeId()).isEqualTo("probe-T6.2-S1.T1A");
        assertThat(d.schedule().times()).containsExactly(LocalTime.of(9, 0), LocalTime.of(16, 0));
        assertThat(d.schedule().zone().getId()).isEqualTo("Europe/Madrid");
        // 26 November: Madrid is UTC+1
        assertThat(d.schedule().nextFire(Instant.parse("2026-11-26T08:30:00Z")))
                .contains(Instant.parse("2026-11-26T15:00:00Z"));
        assertThat(d.stages()).hasSize(1);
        ProbeStage stage = d.stages().get(0);
        assertThat(stage.request().method()).isEqualTo("POST");
        assertThat(stage.request().url()).isEqualTo("${hub}/services/demand-response/request");
        assertThat(stage.request().payload()).isEqualTo("[0,0,0.5,-1.3,0,0,0,0]");
        assertThat(stage.request().user()).isEqualTo("${flexhub.security.admin-user}");
        assertThat(stage.rule().attributes()).containsEntry("status", List.of("Accepted", "Denied", "Engine Busy"));
        assertThat(stage.onValid().actions()).hasSize(2);
        assertThat(((ProbeAction.Email) stage.onValid().actions().get(0)).subject())
                .isEqualTo("Demand/Request / request status $status - $TIME");
        assertThat(((ProbeAction.Post) stage.onValid().actions().get(1)).url())
                .isEqualTo("${hub}/services/demand-response/log");
        assertThat(((ProbeAction.Email) stage.onError().actions().get(0)).body()).isEqualTo("Error: $statusCode");
        assertThat(stage.onError().stop()).isTrue();
    }

    @Test
    void should_keep_payload_types_and_defaults() {
        ProbeDefinition d = loader.load("good.yaml", GOOD);

        ProbeStage stage = d.stages().get(0);
        assertThat(stage.request().method()).isEqualTo("POST");
        assertThat(stage.request().timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(stage.request().payload()).isEqualTo("{\"values\":[1,2.5],\"name\":\"x\",\"flag\":true}");
        assertThat(stage.rule().statuses()).containsExactlyInAnyOrder(200, 202);
        assertThat(stage.onValid().stop()).isTrue();
        assertThat(stage.onError().stop()).isTrue();
        assertThat(stage.onTimeout().actions()).isEmpty();
        assertThat(d.schedule().describe()).isEqualTo("cron 0 */5 * * * * Europe/Madrid");
    }

    @Test
    void should_name_file_line_and_field_of_a_bad_timeout() {
        String bad = GOOD.replace("timeout: 500ms", "timeout: soon");

        assertThat(problems(bad)).containsExactly(
                new ProbeProblem("bad.yaml", 14, "stages[0].request.timeout",
                        "'soon' is not a duration (use e.g. 500ms, 10s, 2m or PT10S)"));
    }

    @Test
    void should_report_every_problem_of_a_file() {
        String bad = GOOD.replace("id: WP6-demo", "id: has spaces")
                .replace("timeZone: Europe/Madrid", "timeZone: Mars/Olympus")
                .replace("method: post", "method: FETCH")
                .replace("status: [200, 202]", "status: [200, 999]")
                .replace("then: stop", "then: later");

        List<ProbeProblem> problems = problems(bad);

        assertThat(problems).extracting(ProbeProblem::line, ProbeProblem::field).containsExactly(
                tuple(1, "id"),
                tuple(7, "schedule.timeZone"),
                tuple(11, "stages[0].request.method"),
                tuple(16, "stages[0].expect.status"),
                tuple(20, "stages[0].onValid.then"));
        assertThat(problems.get(1).message()).contains("Mars/Olympus").contains("time zone");
        assertThat(problems.get(3).message()).isEqualTo("'999' is not an HTTP status code");
    }

    @Test
    void should_reject_unknown_and_missing_fields() {
        String bad = GOOD.replace("service: demo service\n", "")
                .replace("    expect:", "    expects:");

        List<ProbeProblem> problems = problems(bad);

        assertThat(problems).extracting(ProbeProblem::toString).containsExactly(
                "bad.yaml:1: service: is required",
                "bad.yaml:14: stages[0].expects: unknown field (expected one of description, request, expect, "
                        + "onValid, onError, onTimeout)");
    }

    @Test
    void should_reject_a_bad_cron_and_a_schedule_with_both_forms() {
        assertThat(problems(GOOD.replace("0 */5 * * * *", "0 */5 25 * * *")))
                .extracting(ProbeProblem::line, ProbeProblem::field, ProbeProblem::message)
                .containsExactly(tuple(6, "schedule.cron",
                        "'0 */5 25 * * *' is not a cron expression: Hour values must be between 0 and 23"));
        assertThat(problems(GOOD.replace("  timeZone: Europe/Madrid", "  times: [\"09:00\"]")))
                .extracting(ProbeProblem::line, ProbeProblem::field)
                .containsExactly(tuple(6, "schedule"));
        assertThat(problems(GOOD.replace("  cron: \"0 */5 * * * *\"", "  times: [\"09:00\", \"25:61\"]")))
                .extracting(ProbeProblem::toString)
                .containsExactly("bad.yaml:6: schedule.times: '25:61' is not a time of day (use HH:mm or HH:mm:ss)");
    }

    @Test
    void should_locate_yaml_syntax_errors_and_bad_actions() {
        assertThat(problems(GOOD.replace("service: demo service", "service: [demo")))
                .singleElement().satisfies(p -> {
                    assertThat(p.line()).isBetween(3, 4);
                    assertThat(p.message()).startsWith("not valid YAML");
                });
        String badAction = GOOD.replace("      then: stop", """
                      actions:
                        - sms: {to: "+34"}
                        - email: {to: [not-an-address], body: x}
                """);
        assertThat(problems(badAction)).extracting(ProbeProblem::toString).containsExactly(
                "bad.yaml:21: stages[0].onValid.actions[0].sms: unknown action (use email or post)",
                "bad.yaml:22: stages[0].onValid.actions[1].email.to: 'not-an-address' is not an email address",
                "bad.yaml:22: stages[0].onValid.actions[1].email.subject: is required");
    }

    @Test
    void should_reject_placeholders_that_cannot_be_resolved() {
        ProbeLoader checking = new ProbeLoader(text -> {
            if (text.contains("${missing}")) {
                throw new IllegalArgumentException("Could not resolve placeholder 'missing'");
            }
            return text.replace("${hub}", "http://localhost:1");
        });
        String bad = GOOD.replace("url: http://example.test/ask", "url: ${hub}/ask\n      headers: {X-Key: \"${missing}\"}");

        assertThat(checking.load("ok.yaml", GOOD.replace("http://example.test", "${hub}")).stages().get(0)
                .request().url()).isEqualTo("${hub}/ask");
        assertThatThrownBy(() -> checking.load("bad.yaml", bad))
                .isInstanceOf(ProbeDefinitionException.class)
                .hasMessage("bad.yaml:13: stages[0].request.headers.X-Key: Could not resolve placeholder 'missing'");
    }

    @Test
    void should_reject_a_document_that_is_not_a_mapping_and_an_empty_stage_list() {
        assertThat(problems("- just\n- a list\n")).extracting(ProbeProblem::toString)
                .containsExactly("bad.yaml:1: a probe definition is a YAML mapping (id, service, schedule, stages...)");
        assertThat(problems(GOOD.substring(0, GOOD.indexOf("stages:")) + "stages: []\n"))
                .extracting(ProbeProblem::toString).containsExactly("bad.yaml:8: stages: must be a list of at least one stage");
        assertThat(problems(GOOD.replace("method: post", "method: [post]")))
                .extracting(ProbeProblem::message).containsExactly("must be a single value, not a list");
    }

    private List<ProbeProblem> problems(String yaml) {
        try {
            loader.load("bad.yaml", yaml);
        } catch (ProbeDefinitionException e) {
            return e.problems();
        }
        throw new AssertionError("expected the definition to be rejected");
    }
}
