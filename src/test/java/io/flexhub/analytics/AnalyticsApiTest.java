package io.flexhub.analytics;

import static io.flexhub.analytics.SyntheticHistoryConfiguration.DEMO_CP;
import static io.flexhub.analytics.SyntheticHistoryConfiguration.OTHER_CP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.analytics.model.SyntheticDso;
import io.flexhub.support.H2HubTest;
import io.flexhub.support.MovableClock;

/**
 * The analytics API over real HTTP with the admin login, on three years of synthetic history of the demo site's
 * congestion point and two others ({@link SyntheticHistoryConfiguration}).
 */
@ImportAutoConfiguration(SyntheticHistoryConfiguration.class)
class AnalyticsApiTest extends H2HubTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final String BASE = "/api/analytics/congestion-points/";

    @Autowired
    StoredSyntheticHistory history;

    @Autowired
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private HttpResponse<String> get(String path) {
        return admin(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        return read(response.body());
    }

    /** A working Monday of next winter, in the synthetic pattern's strongest season. */
    private static LocalDate winterMonday() {
        LocalDate today = LocalDate.now(AMSTERDAM);
        return LocalDate.of(today.getYear() + 1, Month.JANUARY, 8).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    @Test
    void should_forecast_each_isp_of_the_days_asked_for_close_to_the_known_pattern() {
        LocalDate monday = winterMonday();

        JsonNode body = ok(BASE + DEMO_CP + "/forecast?from=" + monday + "&days=3");

        assertThat(body.get("congestionPoint").asText()).isEqualTo(DEMO_CP);
        assertThat(body.get("method").asText()).isEqualTo("calendar-beta-shrinkage/1");
        assertThat(body.get("parameters").get("halfLifeDays").asDouble()).isEqualTo(365);
        assertThat(body.get("history").get("last").asText()).isEqualTo(LocalDate.now(AMSTERDAM).minusDays(1).toString());
        assertThat(body.get("days")).hasSize(3);
        JsonNode day = body.get("days").get(0);
        assertThat(day.get("date").asText()).isEqualTo(monday.toString());
        assertThat(day.get("isps")).hasSize(96);
        JsonNode first = day.get("isps").get(0);
        assertThat(first.get("isp").asInt()).isEqualTo(1);
        assertThat(Instant.parse(first.get("start").asText())).isEqualTo(monday.atStartOfDay(AMSTERDAM).toInstant());
        SyntheticDso dso = history.dso();
        SyntheticDso.Profile truth = history.point(DEMO_CP).profile();
        double error = 0;
        for (JsonNode isp : day.get("isps")) {
            double p = isp.get("probability").asDouble();
            assertThat(p).isBetween(0.0, 1.0);
            error += Math.abs(p - dso.truth(truth, monday, isp.get("isp").asInt() - 1));
        }
        assertThat(error / 96).isLessThan(0.04);
        // 18:30, the winter evening peak
        JsonNode evening = day.get("isps").get(74);
        assertThat(Instant.parse(evening.get("start").asText()))
                .isEqualTo(ZonedDateTime.of(monday, LocalTime.of(18, 30), AMSTERDAM).toInstant());
        assertThat(evening.get("probability").asDouble()).isCloseTo(dso.truth(truth, monday, 74), within(0.1));
        assertThat(evening.get("direction").asText()).isEqualTo("reduce");
        assertThat(evening.get("requestedKw").get("median").asDouble()).isCloseTo(150.0, within(20.0));
        assertThat(evening.get("requestedKw").get("p90").asDouble())
                .isGreaterThan(evening.get("requestedKw").get("median").asDouble());
        JsonNode night = day.get("isps").get(10);
        assertThat(night.get("direction").isNull()).isTrue();
        assertThat(night.get("requestedKw").get("median").isNull()).isTrue();
    }

    @Test
    void should_give_dst_days_their_92_and_100_isps() {
        int year = LocalDate.now(AMSTERDAM).getYear() + 1;
        LocalDate spring = LocalDate.of(year, Month.MARCH, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        LocalDate autumn = LocalDate.of(year, Month.OCTOBER, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));

        JsonNode march = ok(BASE + DEMO_CP + "/forecast?from=" + spring.minusDays(1) + "&days=3");
        JsonNode october = ok(BASE + DEMO_CP + "/forecast?from=" + autumn.minusDays(1) + "&days=3");

        assertThat(march.get("days")).extracting(d -> d.get("isps").size()).containsExactly(96, 92, 96);
        assertThat(october.get("days")).extracting(d -> d.get("isps").size()).containsExactly(96, 100, 96);
        JsonNode longDay = october.get("days").get(1).get("isps");
        assertThat(longDay.get(99).get("isp").asInt()).isEqualTo(100);
        assertThat(Instant.parse(longDay.get(12).get("start").asText()))
                .isEqualTo(Instant.parse(longDay.get(8).get("start").asText()).plus(Duration.ofHours(1)));
        assertThat(longDay.get(12).get("probability").asDouble()).isEqualTo(longDay.get(8).get("probability").asDouble());
        JsonNode shortDay = march.get("days").get(1).get("isps");
        assertThat(Instant.parse(shortDay.get(8).get("start").asText()))
                .isEqualTo(ZonedDateTime.of(spring, LocalTime.of(3, 0), AMSTERDAM).toInstant());
    }

    @Test
    void should_backtest_by_lead_time_with_skill_over_both_references() {
        JsonNode body = ok(BASE + DEMO_CP + "/backtest");

        assertThat(body.get("threshold").asDouble()).isEqualTo(0.3);
        assertThat(body.get("evaluationDays").asInt()).isEqualTo(365);
        assertThat(body.get("lastTarget").asText()).isEqualTo(LocalDate.now(AMSTERDAM).minusDays(1).toString());
        assertThat(body.get("leads")).extracting(l -> l.get("leadDays").asInt()).containsExactly(1, 2, 7);
        for (JsonNode lead : body.get("leads")) {
            assertThat(lead.get("days").asInt()).isBetween(360, 365);
            assertThat(lead.get("skillVsLastWeek").asDouble()).isGreaterThan(0.4);
            assertThat(lead.get("skillVsLongRun").asDouble()).isGreaterThan(0.1);
            assertThat(lead.get("model").get("brier").asDouble()).isLessThan(lead.get("lastWeek").get("brier").asDouble());
            assertThat(lead.get("model").get("precision").asDouble()).isBetween(0.2, 1.0);
            assertThat(lead.get("reliability")).hasSize(10);
        }

        JsonNode custom = ok(BASE + DEMO_CP + "/backtest?leads=1,14&threshold=0.5");

        assertThat(custom.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(custom.get("leads")).extracting(l -> l.get("leadDays").asInt()).containsExactly(1, 14);
    }

    @Test
    void should_name_the_windows_and_propose_a_rate_plan_for_the_demo_building() {
        JsonNode body = ok(BASE + DEMO_CP + "/patterns");

        assertThat(body.get("congestionPoint").asText()).isEqualTo(DEMO_CP);
        JsonNode winterEvening = null;
        for (JsonNode w : body.get("windows")) {
            if (w.get("season").asText().equals("winter") && w.get("dayType").asText().equals("working-day")
                    && w.get("firstIsp").asInt() > 60) {
                winterEvening = w;
            }
        }
        assertThat(winterEvening).isNotNull();
        assertThat(winterEvening.get("from").asText()).isIn("16:45", "17:00", "17:15");
        assertThat(winterEvening.get("direction").asText()).isEqualTo("reduce");
        assertThat(body.get("heatmap").get("rows")).hasSize(8);
        assertThat(body.get("ratePlans")).hasSize(1);
        JsonNode plan = body.get("ratePlans").get(0);
        assertThat(plan.get("site").asText()).isEqualTo("urn:ngsi-ld:Building:umu-pleiades");
        assertThat(plan.get("name").asText()).isEqualTo("UMU Pleiades building (demo)");
        // (8 + 4) EUR for (40 + 20) kWh ordered, 60 % of it to the occupants
        assertThat(plan.get("incentiveEurPerKwh").asDouble()).isEqualTo(0.12);
        assertThat(plan.get("basis").get("source").asText()).isEqualTo("site");
        assertThat(plan.get("windows").get(0).get("window").get("season").asText()).isEqualTo("winter");
        // another point has no site behind it here: windows, no rate plan
        assertThat(ok(BASE + OTHER_CP + "/patterns").get("ratePlans")).isEmpty();
        assertThat(ok(BASE + OTHER_CP + "/patterns?threshold=0.9").get("windows")).isEmpty();
    }

    @Test
    void should_refuse_bad_parameters_with_a_400_naming_them() {
        String forecast = BASE + DEMO_CP + "/forecast";
        assertProblem(forecast + "?days=0", 400, "days must be a whole number from 1 to 31, got '0'");
        assertProblem(forecast + "?days=32", 400, "days must be a whole number from 1 to 31");
        assertProblem(forecast + "?days=seven", 400, "days must be");
        assertProblem(forecast + "?from=2026-13-01", 400, "from must be a date YYYY-MM-DD, got '2026-13-01'");
        assertProblem(forecast + "?from=tomorrow", 400, "from must be a date");
        assertProblem(forecast + "?from=1900-01-01", 400, "from must lie within 10 years of today");
        String backtest = BASE + DEMO_CP + "/backtest";
        assertProblem(backtest + "?leads=0", 400, "leads must be distinct whole days from 1 to 28");
        assertProblem(backtest + "?leads=1,1", 400, "leads must be distinct");
        assertProblem(backtest + "?leads=1,,2", 400, "leads must be");
        assertProblem(backtest + "?threshold=1", 400, "threshold must be a number between 0 and 1");
        assertProblem(backtest + "?threshold=NaN", 400, "threshold must be");
        assertProblem(BASE + DEMO_CP + "/patterns?threshold=-0.2", 400, "threshold must be");
    }

    @Test
    void should_answer_404_for_a_congestion_point_without_history_and_401_without_login() {
        assertProblem(BASE + "ean.000000000000000000/forecast", 404,
                "No FlexRequest history for congestion point ean.000000000000000000");
        assertProblem(BASE + "ean.000000000000000000/backtest", 404, "ean.000000000000000000");
        assertProblem(BASE + "ean.000000000000000000/patterns", 404, "ean.000000000000000000");

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url(BASE + DEMO_CP + "/forecast")))
                .GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void should_keep_a_fit_for_the_cache_ttl_and_fit_a_new_point_at_once() {
        LocalDate monday = winterMonday();
        String path = BASE + OTHER_CP + "/forecast?from=" + monday + "&days=1";
        double before = ok(path).get("days").get(0).get("isps").get(74).get("probability").asDouble();
        StoredSyntheticHistory.Point old = history.point(OTHER_CP);
        try {
            // the DSO revises every day: its evening peak two hours later, not seen until the fit expires
            history.write(OTHER_CP, old.profile().shifted(8, 1.0, 1.0), old.first(), old.last());
            assertThat(ok(path).get("days").get(0).get("isps").get(74).get("probability").asDouble()).isEqualTo(before);
            // a point the fit does not know yet is fitted at its first request
            history.write("ean.871685900000000999", SyntheticDso.standard(), old.last().minusDays(60), old.last());
            assertThat(ok(BASE + "ean.871685900000000999/forecast").get("history").get("days").asInt()).isEqualTo(61);

            clock.setTo(Instant.now().plus(Duration.ofMinutes(11)));

            assertThat(ok(path).get("days").get(0).get("isps").get(74).get("probability").asDouble())
                    .isLessThan(before - 0.3);
        } finally {
            history.write(OTHER_CP, old.profile(), old.first(), old.last());
            history.delete("ean.871685900000000999");
        }
    }

    private void assertProblem(String path, int status, String detail) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        JsonNode problem = read(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).as(path).contains(detail);
    }
}
