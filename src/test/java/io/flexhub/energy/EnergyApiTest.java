package io.flexhub.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.energy.model.MeterSimulator;
import io.flexhub.energy.model.SiteIsp;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Site;
import io.flexhub.support.HubTestBeans;
import io.flexhub.support.HubTestSupport;

/**
 * The energy API over real HTTP against the hub's embedded demo site with its simulated meter (nine days backfilled
 * at start): series and KPIs agree with the simulator's own numbers, tomorrow's plan comes from a nightly run, and
 * every bad parameter is a 4xx naming it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(HubTestBeans.class)
class EnergyApiTest extends HubTestSupport {

    static final String SITE = "urn:ngsi-ld:Building:umu-pleiades";
    static final ZoneId MARKET = ZoneId.of("Europe/Amsterdam");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hubProperties(registry);
        h2(registry);
        registry.add("flexhub.probes.directory", PROBES_DIR::toString);
        registry.add("flexhub.energy.simulator.enabled", () -> "true");
        registry.add("flexhub.energy.simulator.backfill-days", () -> "9");
    }

    @Autowired
    DemoMeter meter;
    @Autowired
    ContextStore context;

    @BeforeEach
    void backfilled() {
        await().atMost(Duration.ofSeconds(120)).until(() -> !sites().get(0).path("to").isNull() && Duration.between(
                Instant.parse(sites().get(0).get("to").asText()), Instant.now()).compareTo(Duration.ofMinutes(16)) < 0);
    }

    private JsonNode sites() {
        return get("/api/energy/sites", 200);
    }

    private JsonNode get(String path, int status) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url(path))).GET());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return read(r.body());
    }

    private static String site() {
        return URLEncoder.encode(SITE, StandardCharsets.UTF_8);
    }

    @Test
    void should_list_the_demo_site_with_the_backfilled_range() {
        JsonNode s = sites().get(0);
        assertThat(s.get("siteId").asText()).isEqualTo(SITE);
        assertThat(s.get("name").asText()).isEqualTo("UMU Pleiades building (demo)");
        Instant from = Instant.parse(s.get("from").asText());
        Instant to = Instant.parse(s.get("to").asText());
        assertThat(Duration.between(from, Instant.now())).isBetween(Duration.ofDays(9), Duration.ofDays(9).plusMinutes(16));
        assertThat(Duration.between(to, Instant.now())).isBetween(Duration.ZERO, Duration.ofMinutes(16));
    }

    @Test
    void should_answer_each_day_with_the_energy_the_simulated_meter_wrote() {
        LocalDate yesterday = LocalDate.now(MARKET).minusDays(1);
        LocalDate first = yesterday.minusDays(6);
        JsonNode day = get("/api/energy/sites/" + site() + "/series?from=" + first + "&to=" + yesterday + "&resolution=day", 200);

        assertThat(day.get("unit").asText()).isEqualTo("kWh");
        assertThat(day.get("timestamps")).hasSize(7);
        assertThat(day.at("/timestamps/0").asText()).isEqualTo(first.atStartOfDay(MARKET).toInstant().toString());
        Site site = context.sites().get(0);
        MeterSimulator simulator = meter.simulator(site, context.devices(site.congestionPoint()));
        for (int d = 0; d < 7; d++) {
            LocalDate local = first.plusDays(d);
            List<SiteIsp> rows = simulator.simulate(local).site();
            double load = rows.stream().mapToDouble(SiteIsp::loadKw).sum() * 0.25;
            double pv = rows.stream().mapToDouble(SiteIsp::pvKw).sum() * 0.25;
            double grid = rows.stream().mapToDouble(SiteIsp::gridKw).sum() * 0.25;
            assertThat(day.at("/series/load/" + d).asDouble()).as("load " + local).isCloseTo(load, offset(0.01));
            assertThat(day.at("/series/pv/" + d).asDouble()).as("pv " + local).isCloseTo(pv, offset(0.01));
            assertThat(day.at("/series/grid/" + d).asDouble()).as("grid " + local).isCloseTo(grid, offset(0.01));
        }
        // a plausible office building: more used than generated, PV on every day
        assertThat(day.at("/series/load/0").asDouble()).isBetween(200.0, 1200.0);
        assertThat(day.at("/series/pv/0").asDouble()).isPositive();
        // no forecast was planned for those days
        assertThat(day.at("/series/loadForecast/0").isNull()).isTrue();

        JsonNode isp = get("/api/energy/sites/" + site() + "/series?from=" + yesterday + "&to=" + yesterday + "&resolution=isp", 200);
        assertThat(isp.get("unit").asText()).isEqualTo("kW");
        int isps = isp.get("timestamps").size();
        assertThat(isps).isIn(92, 96, 100);
        List<SiteIsp> rows = simulator.simulate(yesterday).site();
        for (int t = 0; t < isps; t++) {
            assertThat(isp.at("/series/ev/" + t).asDouble()).isCloseTo(rows.get(t).evKw(), offset(0.001));
        }
        double mean = 0;
        for (int t = 0; t < isps; t++) {
            mean += isp.at("/series/load/" + t).asDouble() / isps;
        }
        assertThat(mean * isps * 0.25).isCloseTo(day.at("/series/load/6").asDouble(), offset(0.05));
        JsonNode hour = get("/api/energy/sites/" + site() + "/series?from=" + yesterday + "&to=" + yesterday + "&resolution=hour", 200);
        assertThat(hour.get("timestamps")).hasSize(isps / 4);
    }

    @Test
    void should_report_kpis_whose_energies_add_up_and_whose_saving_is_baseline_minus_cost() {
        LocalDate yesterday = LocalDate.now(MARKET).minusDays(1);
        JsonNode kpis = get("/api/energy/sites/" + site() + "/kpis?period=day&from=" + yesterday.minusDays(6) + "&to=" + yesterday, 200);
        JsonNode series = get("/api/energy/sites/" + site() + "/series?from=" + yesterday.minusDays(6) + "&to=" + yesterday
                + "&resolution=day", 200);
        assertThat(kpis.get("periods")).hasSize(7);
        for (int d = 0; d < 7; d++) {
            JsonNode p = kpis.get("periods").get(d);
            assertThat(p.get("start").asText()).isEqualTo(yesterday.minusDays(6 - d).toString());
            assertThat(p.get("importKwh").asDouble() - p.get("exportKwh").asDouble())
                    .isCloseTo(series.at("/series/grid/" + d).asDouble(), offset(0.01));
            assertThat(p.get("pvKwh").asDouble()).isCloseTo(series.at("/series/pv/" + d).asDouble(), offset(0.01));
            assertThat(p.get("selfConsumptionRatio").asDouble()).isBetween(0.0, 1.0);
            assertThat(p.get("selfSufficiency").asDouble()).isBetween(0.0, 1.0);
            assertThat(p.get("gridCostEur").asDouble()).isPositive();
            assertThat(p.get("savingEur").asDouble()).isCloseTo(
                    p.get("baselineCostEur").asDouble() - p.get("gridCostEur").asDouble(), offset(0.0051));
        }
        JsonNode week = get("/api/energy/sites/" + site() + "/kpis?period=week&from=" + yesterday + "&to=" + yesterday, 200);
        assertThat(week.get("periods")).hasSize(1);
        assertThat(LocalDate.parse(week.at("/periods/0/start").asText()).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
    }

    @Test
    void should_show_tomorrows_plan_and_forecast_once_a_nightly_run_planned_it() {
        LocalDate tomorrow = LocalDate.now(MARKET).plusDays(1);
        JsonNode none = get("/api/energy/sites/" + site() + "/plan?date=" + tomorrow.plusDays(5), 200);
        assertThat(none.get("reason").asText()).contains("No nightly self-consumption run has planned");
        assertThat(none.get("evs")).isEmpty();

        HttpResponse<String> run = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs?day=" + tomorrow)))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        long runId = read(run.body()).get("id").asLong();

        JsonNode plan = get("/api/energy/sites/" + site() + "/plan?date=" + tomorrow, 200);
        assertThat(plan.get("runId").asLong()).isEqualTo(runId);
        int isps = plan.get("timestamps").size();
        assertThat(isps).isIn(92, 96, 100);
        assertThat(plan.at("/timestamps/0").asText()).isEqualTo(tomorrow.atStartOfDay(ZoneId.of("Europe/Madrid")).toInstant().toString());
        assertThat(plan.get("evs")).hasSize(4).allSatisfy(ev -> {
            assertThat(ev.get("deviceId").asText()).startsWith("urn:ngsi-ld:Device:pleiades-ev-");
            assertThat(ev.get("name").asText()).isNotBlank();
            assertThat(ev.get("kw")).hasSize(isps);
        });
        double charged = 0;
        for (JsonNode ev : plan.get("evs")) {
            for (JsonNode kw : ev.get("kw")) {
                charged += kw.asDouble() * 0.25;
            }
        }
        assertThat(charged).as("the morning parts of the four sessions need energy").isPositive();
        assertThat(plan.get("battery").isNull()).as("the demo building has no battery").isTrue();

        JsonNode forecast = get("/api/energy/sites/" + site() + "/series?from=" + tomorrow + "&to=" + tomorrow + "&resolution=day", 200);
        assertThat(forecast.at("/series/loadForecast/0").asDouble()).isPositive();
        assertThat(forecast.at("/series/pvForecast/0").asDouble()).isPositive();
        assertThat(forecast.at("/series/load/0").isNull()).as("tomorrow is not measured yet").isTrue();
    }

    @Test
    void should_refuse_bad_parameters_with_a_400_naming_them_and_an_unknown_site_with_404() {
        String base = "/api/energy/sites/" + site();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(base + "/series?resolution=minute", "resolution must be isp, hour, day, week or month, got 'minute'");
        cases.put(base + "/series?from=2026-13-01&to=2026-12-01", "from must be a date YYYY-MM-DD, got '2026-13-01'");
        cases.put(base + "/series?from=2026-12-01&to=yesterday", "to must be a date YYYY-MM-DD, got 'yesterday'");
        cases.put(base + "/series?from=2026-12-08&to=2026-12-01", "from must not be after to");
        cases.put(base + "/series?from=2025-01-01&to=2026-12-01&resolution=isp", "from..to may span at most 366 days at resolution isp");
        cases.put(base + "/kpis?period=hour", "period must be day, week or month, got 'hour'");
        cases.put(base + "/kpis?period=day&from=2020-01-01&to=2026-12-01", "from..to may span at most 731 days for KPIs");
        cases.put(base + "/plan?date=tomorrow", "date must be a date YYYY-MM-DD, got 'tomorrow'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            JsonNode problem = get(c.getKey(), 400);
            assertThat(problem.get("detail").asText()).as(c.getKey()).contains(c.getValue());
        }
        JsonNode unknown = get("/api/energy/sites/urn%3Angsi-ld%3ABuilding%3Anowhere/series", 404);
        assertThat(unknown.get("detail").asText()).isEqualTo("No site urn:ngsi-ld:Building:nowhere");
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url("/api/energy/sites"))).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
