package io.flexhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.HubTestBeans;
import io.flexhub.support.HubTestSupport;

/**
 * The dashboard in a real browser (headless Chromium) against the hub on its embedded demo defaults, the demo DSO
 * on: one FlexRequest from it gives a conversation, an order and DR events to show, the simulated meter two weeks of
 * energy history and one nightly run tomorrow's plan. Each test reads what a page
 * drew back from the ECharts instances and compares it with what the API answers; every visit leaves a screenshot
 * under target/screenshots/ and must leave the browser console free of errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(HubTestBeans.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends HubTestSupport {

    private static final int PORT = freePort();
    private static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();
    private static final String CP = "ean.871685900012636543";
    private static ChromeDriver browser;
    private static boolean seeded;

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("flexhub.security.admin-password", () -> ADMIN_PASSWORD);
        h2(registry);
        registry.add("flexhub.data-dir", () -> tempDir("flexhub-dashboard").toString());
        registry.add("flexhub.probes.directory", PROBES_DIR::toString);
        registry.add("flexhub.selfconsumption.warm-up-buildings", () -> "0");
        registry.add("spring.quartz.scheduler-name", () -> "flexhub-dashboard-" + System.nanoTime());
        // two weeks are enough to page through; the default eight only make the start slower
        registry.add("flexhub.energy.simulator.backfill-days", () -> "14");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start(DOWNLOADS, 1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** One conversation from the demo DSO, ordered and planned as DR events, before the first page. */
    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        HttpResponse<String> started = admin(HttpRequest.newBuilder(URI.create(url("/api/demo/flex-request")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"direction\":\"reduce\",\"from\":\"17:00\",\"to\":\"18:00\",\"kw\":20,\"day\":\"tomorrow\"}")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> apiJson("/api/dr/events?congestionPoint=" + CP).size() > 0);
        // the simulated meter has written everything up to the last completed ISP
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode s = apiJson("/api/energy/sites").get(0);
            return !s.path("to").isNull() && Duration.between(java.time.Instant.parse(s.get("to").asText()),
                    java.time.Instant.now()).toMinutes() < 16;
        });
        // the run keeps headroom where the grid-pattern model expects requests: it needs the point's history
        await().atMost(Duration.ofSeconds(120)).until(() -> admin(HttpRequest.newBuilder(URI.create(
                url("/api/analytics/congestion-points/" + CP + "/forecast"))).GET()).statusCode() == 200);
        HttpResponse<String> run = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs?day="
                + java.time.LocalDate.now().plusDays(1)))).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        seeded = true;
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private JsonNode apiJson(String path) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json").GET());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return read(r.body());
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Opens a page (logging in when sent to the login page), waits until it has drawn, saves a screenshot. */
    private void visit(String path, String screenshot) {
        browser.get(url(path));
        if (browser.getCurrentUrl().contains("/login")) {
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
            await().atMost(Duration.ofSeconds(10)).until(() -> !browser.getCurrentUrl().contains("/login"));
        }
        awaitReady();
        Chromium.screenshot(browser, screenshot);
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "true".equals(js("return document.body.dataset.ready")));
    }

    /** The browser console since the last call, errors only. */
    private List<String> consoleErrors() {
        return Chromium.consoleErrors(browser, m -> false);
    }

    /** Points per series of a chart, as its ECharts instance holds them. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> points(String chartId) {
        return (Map<String, Long>) js("const c = echarts.getInstanceByDom(document.getElementById('chart-' + arguments[0]));"
                + "const out = {}; c.getOption().series.forEach(s => out[s.name] = s.data.length); return out;", chartId);
    }

    /** The y value of a series' point, as the chart holds it (null for a gap). */
    private Double value(String chartId, String series, int index) {
        Object v = js("const c = echarts.getInstanceByDom(document.getElementById('chart-' + arguments[0]));"
                + "const p = c.getOption().series.find(x => x.name === arguments[1]).data[arguments[2]];"
                + "return Array.isArray(p) ? p[1] : p;", chartId, series, index);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** As the page rounds a value for its charts (app.js round(): three decimals). */
    private static Double rounded(JsonNode v) {
        return v == null || v.isNull() ? null : Math.round(v.asDouble() * 1000) / 1000.0;
    }

    private long nonNullPoints(String chartId, String series) {
        return (Long) js("const c = echarts.getInstanceByDom(document.getElementById('chart-' + arguments[0]));"
                + "const s = c.getOption().series.find(x => x.name === arguments[1]);"
                + "return s.data.filter(p => (Array.isArray(p) ? p[1] : p) !== null).length;", chartId, series);
    }

    /** The first site of the energy API, whichever answers it. */
    private String site() {
        return apiJson("/api/energy/sites").get(0).get("siteId").asText();
    }

    // ---- tests ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void a_page_without_a_session_sends_the_browser_to_the_login_page_and_back() {
        browser.manage().deleteAllCookies();
        browser.get(url("/energy.html?site=" + site()));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        Chromium.screenshot(browser, "login");
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("User name");

        visit("/energy.html?site=" + site(), "energy");

        assertThat(browser.getCurrentUrl()).contains("/energy.html");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void the_overview_links_every_page_and_shows_sites_trades_events_and_health() {
        visit("/", "overview");

        for (String page : List.of("/energy.html", "/flexibility.html", "/dr.html", "/configuration.html")) {
            assertThat(browser.findElements(By.cssSelector("nav a[href='" + page + "']"))).as(page).hasSize(1);
        }
        assertThat(browser.findElement(By.cssSelector("nav a[href='/api/docs/']")).getText()).isEqualTo("API");
        assertThat(browser.findElement(By.id("sites")).getText()).contains("UMU Pleiades building (demo)", CP);
        assertThat(browser.findElements(By.cssSelector("#sites a[href^='/energy.html?site=']"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#flex a[href^='/flexibility.html?cp=']"))).isNotEmpty();
        long scheduled = 0;
        for (JsonNode e : apiJson("/api/dr/events?limit=500")) {
            scheduled += "SCHEDULED".equals(e.get("state").asText()) ? 1 : 0;
        }
        WebElement scheduledRow = browser.findElement(By.xpath("//section[@id='dr']//tr[.//a[@href='/dr.html?state=SCHEDULED']]"));
        assertThat(scheduledRow.getText()).endsWith(String.valueOf(scheduled));
        assertThat(browser.findElement(By.id("health")).getText()).contains("Hub: UP", "UFTP outbox: UP",
                "NGSI-LD broker: not configured");
        assertThat(browser.findElements(By.cssSelector("#health .light.ok"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.id("probes")).getText()).contains("T6.2-S1.T1A");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(3)
    void the_building_page_draws_every_series_with_the_points_the_api_answers_and_switches_resolution() {
        visit("/energy.html?site=" + site(), "energy");
        String from = browser.findElement(By.id("from")).getAttribute("value");
        String to = browser.findElement(By.id("to")).getAttribute("value");
        JsonNode day = apiJson("/api/energy/sites/" + site() + "/series?from=" + from + "&to=" + to + "&resolution=day");
        int days = day.get("timestamps").size();

        assertThat(points("energy")).containsOnlyKeys("Load", "PV", "EV charging", "Battery", "Grid")
                .allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(days));
        assertThat(points("forecast")).containsOnlyKeys("Load", "Load forecast", "PV", "PV forecast")
                .allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(days));
        // the charted values are the API's, day by day
        for (int d = 0; d < days; d++) {
            assertThat(value("energy", "Load", d)).as("load " + d).isEqualTo(rounded(day.at("/series/load/" + d)));
            assertThat(value("energy", "PV", d)).as("pv " + d).isEqualTo(rounded(day.at("/series/pv/" + d)));
            assertThat(value("energy", "Grid", d)).as("grid " + d).isEqualTo(rounded(day.at("/series/grid/" + d)));
        }
        assertThat(nonNullPoints("energy", "Load")).as("measured days").isEqualTo(days);
        assertThat(js("return echarts.getInstanceByDom(document.getElementById('chart-energy')).getOption().series[0].step"))
                .as("a value holds from its timestamp to the next").isEqualTo("end");
        JsonNode plan = apiJson("/api/energy/sites/" + site() + "/plan?date="
                + java.time.LocalDate.now().plusDays(1));
        List<String> planned = new ArrayList<>();
        plan.path("evs").forEach(ev -> planned.add(ev.path("name").asText(ev.get("deviceId").asText())));
        if (plan.hasNonNull("battery")) {
            planned.addAll(List.of("Battery kW", "Battery SoC"));
        }
        assertThat(planned).as("the nightly run planned the four chargers").hasSize(4);
        // where the run kept grid headroom the plan is shaded, ISP for ISP as the run reported it
        JsonNode room = plan.path("headroom");
        boolean kept = "KEPT".equals(room.path("status").asText());
        List<String> drawn = new ArrayList<>(planned);
        if (kept) {
            drawn.addAll(List.of("Headroom: likely REDUCE request", "Headroom: likely INCREASE request"));
        }
        assertThat(points("plan")).containsOnlyKeys(drawn).allSatisfy((name, n) -> assertThat(n).as(name)
                .isEqualTo(name.startsWith("Headroom") ? 0 : plan.get("timestamps").size()));
        if (kept) {
            for (String direction : List.of("reduce", "increase")) {
                long flagged = 0;
                for (JsonNode f : room.get(direction)) {
                    flagged += f.asBoolean() ? 1 : 0;
                }
                Object shaded = js("const c = echarts.getInstanceByDom(document.getElementById('chart-plan'));"
                        + "const s = c.getOption().series.find(x => x.name === arguments[0]);"
                        + "return s.markArea.data.reduce((n, b) => n + (Date.parse(b[1].xAxis) - Date.parse(b[0].xAxis))"
                        + " / 900000, 0);", "Headroom: likely " + direction.toUpperCase() + " request");
                assertThat(((Number) shaded).longValue()).as(direction + " ISPs shaded").isEqualTo(flagged);
            }
            assertThat(browser.findElement(By.id("plan-chart")).getText()).contains("headroom kept in");
            js("document.getElementById('plan-chart').scrollIntoView()");
            Chromium.screenshot(browser, "energy-plan-headroom");
        } else {
            assertThat(room.path("status").asText()).isIn("NO_OUTLOOK", "NO_LIKELY_REQUEST");
        }
        JsonNode kpis = apiJson("/api/energy/sites/" + site() + "/kpis?period=day&from=" + from + "&to=" + to);
        assertThat(points("kpis")).allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(kpis.get("periods").size()));
        // rounded for people: money to the cent, energy to at most two decimals, never an exponent
        String kpiTable = browser.findElement(By.id("kpi-table")).getText();
        assertThat(kpiTable).doesNotContainPattern("\\d\\.\\d{3,}").doesNotContainPattern("\\de-?\\d");
        String saving = browser.findElement(By.cssSelector("#kpi-table tbody tr:first-child td:last-child")).getText();
        assertThat(Double.parseDouble(saving.replace(" EUR", "").replace(",", ""))).isEqualTo(
                Math.round(kpis.at("/periods/0/savingEur").asDouble() * 100) / 100.0);

        new Select(browser.findElement(By.id("resolution"))).selectByValue("isp");
        awaitReady();
        JsonNode isp = apiJson("/api/energy/sites/" + site() + "/series?from=" + from + "&to=" + to + "&resolution=isp");
        assertThat(points("energy").get("Load")).isEqualTo(isp.get("timestamps").size())
                .isGreaterThan(days * 90L);
        assertThat(browser.getCurrentUrl()).contains("resolution=isp");
        Chromium.screenshot(browser, "energy-isp");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(4)
    void every_chart_downloads_its_values_as_csv_and_itself_as_png_and_svg() throws IOException {
        visit("/energy.html?site=" + site() + "&resolution=day", "energy");
        String from = browser.findElement(By.id("from")).getAttribute("value");
        String to = browser.findElement(By.id("to")).getAttribute("value");
        JsonNode day = apiJson("/api/energy/sites/" + site() + "/series?from=" + from + "&to=" + to + "&resolution=day");
        try (var old = Files.list(DOWNLOADS)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }

        browser.findElement(By.cssSelector("#energy-chart button[data-download=csv]")).click();
        browser.findElement(By.cssSelector("#energy-chart button[data-download=png]")).click();
        browser.findElement(By.cssSelector("#energy-chart button[data-download=svg]")).click();

        Path csv = DOWNLOADS.resolve("energy.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(csv) && Files.exists(DOWNLOADS.resolve("energy.png"))
                && Files.exists(DOWNLOADS.resolve("energy.svg")));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("x,Load,PV,EV charging,Battery,Grid");
        assertThat(lines).hasSize(1 + day.get("timestamps").size());
        String[] first = lines.get(1).split(",");
        assertThat(first[0]).isEqualTo(day.at("/timestamps/0").asText());
        assertThat(Double.parseDouble(first[1])).isCloseTo(day.at("/series/load/0").asDouble(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(Double.parseDouble(first[2])).isCloseTo(day.at("/series/pv/0").asDouble(), org.assertj.core.data.Offset.offset(0.001));
        byte[] png = Files.readAllBytes(DOWNLOADS.resolve("energy.png"));
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(Files.readString(DOWNLOADS.resolve("energy.svg"))).startsWith("<svg").contains("</svg>");
        // every chart of every page has the three buttons
        assertThat(browser.findElements(By.cssSelector(".chart-card"))).allSatisfy(card ->
                assertThat(card.findElements(By.cssSelector("button[data-download]"))).extracting(WebElement::getText)
                        .containsExactly("CSV", "PNG", "SVG"));
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(5)
    void the_flexibility_page_draws_the_request_bands_the_order_and_each_conversation_as_a_timeline() {
        JsonNode flex = apiJson("/api/dashboard/flexibility?congestionPoint=" + CP);
        visit("/flexibility.html?cp=" + CP, "flexibility");

        int isps = flex.get("timestamps").size();
        assertThat(points("flex")).containsEntry("Requested max", (long) isps).containsEntry("Ordered", (long) isps);
        // the demo DSO asked for 17:00-18:00 tomorrow: four Requested ISPs, one band
        assertThat(nonNullPoints("flex", "Requested max")).isEqualTo(countNonNull(flex.at("/series/requestedMaxKw")))
                .isGreaterThanOrEqualTo(4);
        assertThat(nonNullPoints("flex", "Ordered")).isEqualTo(countNonNull(flex.at("/series/orderedKw"))).isPositive();
        long bands = (Long) js("return echarts.getInstanceByDom(document.getElementById('chart-flex')).getOption()"
                + ".series.find(s => s.name === 'Requested ISPs').markArea.data.length");
        assertThat(bands).isEqualTo(1);
        WebElement timeline = browser.findElement(By.cssSelector("#conversations .timeline"));
        assertThat(timeline.getText()).contains("FlexRequest", "FlexRequestResponse", "FlexOffer", "FlexOrder",
                "FlexOrderResponse", "Accepted");
        assertThat(points("delivery")).isNotEmpty();
        assertThat(consoleErrors()).isEmpty();
    }

    private static long countNonNull(JsonNode array) {
        long n = 0;
        for (JsonNode v : array) {
            n += v.isNull() ? 0 : 1;
        }
        return n;
    }

    @Test
    @Order(6)
    void the_dr_pages_list_events_show_setpoints_against_the_baseline_and_cancel_with_the_csrf_token() {
        JsonNode events = apiJson("/api/dr/events?state=SCHEDULED&congestionPoint=" + CP);
        visit("/dr.html", "dr-list");
        assertThat(browser.findElements(By.cssSelector("#content tbody tr"))).hasSize(apiJson("/api/dr/events?limit=500").size());

        long id = events.get(0).get("id").asLong();
        visit("/dr.html?id=" + id, "dr-detail");
        int isps = events.get(0).get("setpointsKw").size();
        assertThat(points("setpoints")).containsEntry("Setpoint", (long) isps).containsEntry("Baseline", (long) isps);
        assertThat(browser.findElement(By.id("transitions")).getText()).contains("SCHEDULED");

        browser.findElement(By.id("cancel")).click();
        browser.switchTo().alert().accept();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("event-state")).getText()).isEqualTo("CANCELLED"));
        assertThat(apiJson("/api/dr/events/" + id).get("state").asText()).isEqualTo("CANCELLED");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(7)
    void the_configuration_panel_changes_a_device_and_the_api_then_shows_it() {
        visit("/configuration.html", "configuration");
        int row = rowOf("urn:ngsi-ld:FlexConfiguration:pleiades-ev-01");
        WebElement factor = browser.findElement(By.id("c" + row + "-factor"));
        WebElement window = browser.findElement(By.id("c" + row + "-window"));
        assertThat(factor.isEnabled()).as("factor of a shiftable device").isFalse();
        assertThat(window.getAttribute("value")).isEqualTo("20:00-08:00");

        window.clear();
        window.sendKeys("21:30-07:15");
        browser.findElement(By.id("confirm")).click();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("1 configuration(s) saved."));
        JsonNode saved = apiJson("/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:pleiades-ev-01");
        assertThat(saved.at("/operationWindow/value/startTime").asText()).isEqualTo("21:30");
        assertThat(saved.at("/operationWindow/value/endTime").asText()).isEqualTo("07:15");

        // to controllable: the window is disabled, the factor opens
        new Select(browser.findElement(By.id("c" + row + "-type"))).selectByValue("controllable");
        assertThat(window.isEnabled()).isFalse();
        assertThat(factor.isEnabled()).isTrue();
        factor.sendKeys("0.35");
        browser.findElement(By.id("confirm")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(apiJson("/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:pleiades-ev-01")
                        .at("/flexibilityType/value/0").asText()).isEqualTo("controllable"));
        JsonNode controllable = apiJson("/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:pleiades-ev-01");
        assertThat(controllable.at("/controllabilityFactor/value").asDouble()).isEqualTo(0.35);
        assertThat(controllable.has("operationWindow")).isFalse();
        Chromium.screenshot(browser, "configuration-saved");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(8)
    void a_bad_factor_shows_the_apis_message_next_to_the_field() {
        visit("/configuration.html", "configuration");
        int row = rowOf("urn:ngsi-ld:FlexConfiguration:pleiades-hvac-b1-015");
        String before = apiJson("/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:pleiades-hvac-b1-015").toString();
        new Select(browser.findElement(By.id("c" + row + "-type"))).selectByValue("controllable");
        WebElement factor = browser.findElement(By.id("c" + row + "-factor"));
        factor.clear();
        factor.sendKeys("1.5");
        browser.findElement(By.id("confirm")).click();

        WebElement error = browser.findElement(By.id("c" + row + "-factor-error"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(error.getText()).isEqualTo("controllabilityFactor must be from 0 to 1, got 1.5"));
        assertThat(factor.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(factor.getAttribute("aria-describedby")).isEqualTo("c" + row + "-factor-error");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("c" + row + "-factor");
        assertThat(apiJson("/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:pleiades-hvac-b1-015").toString())
                .isEqualTo(before);
        Chromium.screenshot(browser, "configuration-error");
        // a 400 is an answer, not a script error; the failed request's network line is the only console entry
        assertThat(consoleErrors()).allMatch(m -> m.contains("400"));
    }

    @Test
    @Order(9)
    void the_configuration_form_works_with_the_keyboard_alone_and_every_field_is_labelled() {
        visit("/configuration.html", "configuration");
        Object unlabelled = js("return [...document.querySelectorAll('#panel input, #panel select')]"
                + ".filter(i => !document.querySelector(`label[for='${i.id}']`)).map(i => i.name + '#' + i.id)");
        assertThat((List<?>) unlabelled).isEmpty();
        int row = rowOf("urn:ngsi-ld:FlexConfiguration:pleiades-plug-kitchen");

        browser.findElement(By.id("c" + row + "-type")).sendKeys(Keys.HOME);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("c" + row + "-type");
        new Actions(browser).sendKeys(Keys.TAB).sendKeys("0.6").sendKeys(Keys.ENTER).perform();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode c = apiJson("/api/flex/configurations/urn:ngsi-ld:FlexConfiguration:pleiades-plug-kitchen");
            assertThat(c.at("/flexibilityType/value/0").asText()).isEqualTo("controllable");
            assertThat(c.at("/controllabilityFactor/value").asDouble()).isEqualTo(0.6);
        });
        assertThat(consoleErrors()).isEmpty();
    }

    private int rowOf(String configurationId) {
        return ((Long) js("return [...document.querySelectorAll('#rows tbody tr')].findIndex(tr => "
                + "tr.textContent.includes(arguments[0].replace('urn:ngsi-ld:FlexConfiguration:', '')))",
                configurationId)).intValue();
    }

    @Test
    @Order(10)
    void every_page_fits_a_390_px_phone_without_horizontal_scrolling() {
        long id = apiJson("/api/dr/events?limit=1").get(0).get("id").asLong();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            assertThat((Long) js("return window.innerWidth")).isLessThanOrEqualTo(390L);
            for (String[] page : new String[][] {{"/", "overview-phone"}, {"/energy.html", "energy-phone"},
                    {"/flexibility.html", "flexibility-phone"}, {"/dr.html", "dr-list-phone"},
                    {"/dr.html?id=" + id, "dr-detail-phone"}, {"/configuration.html", "configuration-phone"},
                    {"/analytics.html", "analytics-phone"}}) {
                visit(page[0], page[1]);
                assertThat((Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                        .as(page[0]).isLessThanOrEqualTo(0L);
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1400, 1000));
        }
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(11)
    void the_grid_patterns_page_draws_the_forecast_heatmap_backtest_and_rate_plan_of_the_demo_history() throws Exception {
        // the demo's year of archived FlexRequests is imported after start-up
        await().atMost(Duration.ofSeconds(120)).until(() -> admin(HttpRequest.newBuilder(URI.create(
                url("/api/analytics/congestion-points/" + CP + "/forecast"))).GET()).statusCode() == 200);
        LocalDate from = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        JsonNode forecast = apiJson("/api/analytics/congestion-points/" + CP + "/forecast?from=" + from + "&days=7");
        JsonNode patterns = apiJson("/api/analytics/congestion-points/" + CP + "/patterns");
        JsonNode backtest = apiJson("/api/analytics/congestion-points/" + CP + "/backtest");

        visit("/analytics.html?cp=" + CP + "&from=" + from + "&days=7", "analytics");

        long cells = 0;
        for (JsonNode day : forecast.get("days")) {
            cells += day.get("isps").size();
        }
        assertThat(points("forecast")).containsEntry("Probability", cells);
        assertThat((Long) js("return echarts.getInstanceByDom(document.getElementById('chart-forecast')).getOption()"
                + ".yAxis[0].data.length")).isEqualTo(7L);
        long heat = 0;
        for (JsonNode row : patterns.at("/heatmap/frequency")) {
            for (JsonNode v : row) {
                heat += v.isNull() ? 0 : 1;
            }
        }
        assertThat(heat).isPositive();
        assertThat(points("heatmap")).containsEntry("Probability", heat);
        assertThat((Long) js("return echarts.getInstanceByDom(document.getElementById('chart-heatmap')).getOption()"
                + ".yAxis[0].data.length")).isEqualTo((long) patterns.at("/heatmap/rows").size());
        // the backtest table: a row per lead time with the Brier score the API answers
        List<WebElement> leads = browser.findElements(By.cssSelector("#backtest tbody tr"));
        assertThat(leads).hasSize(backtest.get("leads").size());
        assertThat(leads.get(0).findElements(By.tagName("td")).get(0).getText())
                .isEqualTo(backtest.at("/leads/0/leadDays").asText());
        assertThat(leads.get(0).findElements(By.tagName("td")).get(3).getText()).isEqualTo(
                String.format(java.util.Locale.ROOT, "%.4f", backtest.at("/leads/0/model/brier").asDouble())
                        .replaceAll("0+$", "").replaceAll("\\.$", ""));
        assertThat(points("reliability")).containsKey("1 day(s) ahead");
        // windows and the demo building's rate plan
        JsonNode window = patterns.at("/windows/0");
        assertThat(browser.findElement(By.id("windows")).getText()).contains(window.get("from").asText() + "–"
                + window.get("to").asText());
        assertThat(browser.findElement(By.id("rate-plans")).getText()).contains("UMU Pleiades building (demo)");
        // the CSV holds the charted probabilities, one row per day
        browser.findElement(By.cssSelector("#forecast-chart button[data-download='csv']")).click();
        Path csv = DOWNLOADS.resolve("forecast.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(csv) && Files.size(csv) > 0);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).startsWith("day,1,2,3");
        String[] first = lines.get(1).split(",", -1);
        assertThat(first[0]).isEqualTo(from.toString());
        assertThat(Double.parseDouble(first[75])).isCloseTo(forecast.at("/days/0/isps/74/probability").asDouble(),
                org.assertj.core.data.Offset.offset(0.0006));
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    @Order(12)
    void the_grid_patterns_page_imports_an_archived_flex_request_and_shows_the_apis_message_for_a_bad_file()
            throws Exception {
        visit("/analytics.html?cp=" + CP, "analytics-import");
        Path bad = Files.writeString(Files.createTempDirectory("flexhub-import").resolve("not-a-request.xml"),
                "<FlexOffer Version=\"3.0.0\"/>");
        browser.findElement(By.id("import-file")).sendKeys(bad.toString());
        browser.findElement(By.id("import-submit")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElement(By.id("import-error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("import-error")).getText()).contains("not imported");

        Path good = Path.of("src/test/resources/fixtures/usef/payloads/FlexRequest.xml").toAbsolutePath();
        browser.findElement(By.id("import-file")).clear();
        browser.findElement(By.id("import-file")).sendKeys(good.toString());
        browser.findElement(By.id("import-submit")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.id("import-counts")).isEmpty());
        assertThat(browser.findElement(By.id("import-counts")).getText())
                .isEqualTo("FlexRequest.xml: 1 imported, 0 duplicate, 0 rejected.");
        assertThat(browser.findElement(By.id("import-error")).getText()).isEmpty();
        // the page fitted again: the history now starts at the imported request's day
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("status")).getText()
                .contains("history 2024-05-02"));
        // the refused file's 400, which the browser logs, and nothing else
        assertThat(consoleErrors()).singleElement().asString().contains("/api/analytics/flex-requests", "400");
    }
}
