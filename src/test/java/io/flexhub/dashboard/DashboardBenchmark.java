package io.flexhub.dashboard;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.flexhub.FlexhubApplication;

/**
 * How long each dashboard page takes from navigation to drawn (its charts set, {@code body[data-ready]}), in
 * headless Chromium against a hub started here on its embedded demo defaults with one demo conversation. Cold is
 * the first visit of a fresh browser profile (nothing cached), warm the median of the following visits.
 * Not a test: {@code scripts/bench-dashboard.sh [visits]}.
 */
public final class DashboardBenchmark {

    private static final String PASSWORD = "bench-password";
    private static final String SITE = "urn:ngsi-ld:Building:umu-pleiades";

    public static void main(String[] args) throws Exception {
        int visits = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("flexhub-dashboard-bench");
        // system properties: they outrank application.yaml, builder defaults do not
        System.setProperty("server.port", String.valueOf(port));
        System.setProperty("flexhub.security.admin-password", PASSWORD);
        System.setProperty("flexhub.data-dir", data.toString());
        System.setProperty("flexhub.selfconsumption.warm-up-buildings", "0");
        System.setProperty("logging.level.root", "WARN");
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(FlexhubApplication.class)
                .run();
        String base = "http://localhost:" + port;
        ChromeDriver browser = Chromium.start(data.resolve("downloads"), 1400, 1000);
        try {
            backfilled(base);
            seed(base);
            browser.get(base + "/login");
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
            waitUntil(() -> !browser.getCurrentUrl().contains("/login"));
            System.out.printf("%-32s %8s %8s %8s  (%d visits, load %s)%n", "page", "cold ms", "warm p50", "warm max",
                    visits, Files.readString(Path.of("/proc/loadavg")).strip());
            boolean first = true;
            for (String page : List.of("/", "/energy.html?site=" + SITE + "&resolution=day",
                    "/energy.html?site=" + SITE + "&resolution=isp", "/flexibility.html",
                    "/dr.html", "/configuration.html", "/analytics.html")) {
                List<Long> times = new ArrayList<>();
                for (int i = 0; i <= visits; i++) {
                    times.add(visit(browser, base + page));
                }
                long cold = times.remove(0);
                times.sort(Long::compare);
                System.out.printf("%-32s %8d %8d %8d%s%n", page.length() > 32 ? page.substring(0, 32) : page, cold,
                        times.get(times.size() / 2), times.get(times.size() - 1), first ? "  (cold: first page, ECharts not cached)" : "");
                first = false;
            }
        } finally {
            browser.quit();
            hub.close();
        }
    }

    private static long visit(ChromeDriver browser, String url) {
        browser.get(url);
        waitUntil(() -> "true".equals(((JavascriptExecutor) browser).executeScript("return document.body.dataset.ready")));
        return Long.parseLong((String) ((JavascriptExecutor) browser).executeScript("return document.body.dataset.readyMs"));
    }

    private static void seed(String base) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/demo/flex-request"))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"direction\":\"reduce\",\"from\":\"17:00\",\"to\":\"18:00\",\"kw\":20,\"day\":\"tomorrow\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("demo FlexRequest: " + r.statusCode() + " " + r.body());
        }
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            HttpResponse<String> events = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/dr/events"))
                    .header("Authorization", "Basic " + auth).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (events.body().contains("\"id\"")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no DR event 60 s after the demo FlexRequest");
    }

    /** The demo meter's backfill runs after start-up; pages timed before it ends would chart a partial history. */
    private static void backfilled(String base) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Instant started = Instant.now();
        Instant until = started.plusSeconds(300);
        Pattern to = Pattern.compile("\"to\":\"([^\"]+)\"");
        while (Instant.now().isBefore(until)) {
            String sites = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/energy/sites"))
                    .header("Authorization", "Basic " + auth).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = to.matcher(sites);
            if (m.find() && Duration.between(Instant.parse(m.group(1)), Instant.now()).toMinutes() < 16) {
                System.out.printf("demo meter backfill complete %d s after start-up%n",
                        Duration.between(started, Instant.now()).toSeconds());
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the demo meter's backfill did not finish within 300 s");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("page not ready after 30 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
