package io.flexhub.energy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.flexhub.FlexhubApplication;
import io.flexhub.energy.model.MeterSimulator;
import io.flexhub.energy.model.SiteIsp;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Device;
import io.flexhub.site.DeviceKind;
import io.flexhub.site.Site;
import io.flexhub.support.EmbeddedPostgres;

/**
 * Chart-endpoint timings over HTTP: a hub started here (embedded demo site, simulator off) holding a year of 15-minute
 * history of the demo building (35,040 ISPs per series, the four chargers' device rows for the KPI baseline), written
 * with the simulator. Each request is timed from send to the last byte; warm = after {@code warm-up} requests of the
 * same URL. Not a test: {@code scripts/bench-energy.sh [h2|postgres] [requests] [warm-up]}.
 */
public final class EnergyBenchmark {

    private static final String PASSWORD = "bench-password";
    private static final String SITE = "urn:ngsi-ld:Building:umu-pleiades";

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("flexhub-energy-bench");
        System.setProperty("server.port", String.valueOf(port));
        System.setProperty("flexhub.security.admin-password", PASSWORD);
        System.setProperty("flexhub.data-dir", data.toString());
        System.setProperty("flexhub.selfconsumption.warm-up-buildings", "0");
        System.setProperty("flexhub.energy.simulator.enabled", "false");
        System.setProperty("flexhub.demo.enabled", "false");
        System.setProperty("logging.level.root", "WARN");
        SpringApplicationBuilder builder = new SpringApplicationBuilder(FlexhubApplication.class);
        if (db.equals("postgres")) {
            System.setProperty("spring.datasource.url", EmbeddedPostgres.newDatabase());
            System.setProperty("spring.datasource.username", "postgres");
            System.setProperty("spring.datasource.password", "");
            builder.profiles("postgres");
        }
        ConfigurableApplicationContext hub = builder.run();
        try {
            ZoneId zone = ZoneId.of("Europe/Amsterdam");
            LocalDate last = LocalDate.now(zone).minusDays(1);
            LocalDate first = last.minusDays(364);
            long t0 = System.nanoTime();
            int isps = fill(hub, first, last);
            System.out.printf("db %s: %d ISPs per series from %s to %s written in %.1f s (load %s)%n", db, isps, first,
                    last, (System.nanoTime() - t0) / 1e9, Files.readString(Path.of("/proc/loadavg")).strip());
            String base = "http://localhost:" + port + "/api/energy/sites/" + URLEncoder.encode(SITE, StandardCharsets.UTF_8);
            String range = "from=" + first + "&to=" + last;
            Map<String, String> urls = new java.util.LinkedHashMap<>();
            urls.put("series year, resolution isp (35,040 points x 7)", base + "/series?" + range + "&resolution=isp");
            urls.put("series year, resolution hour", base + "/series?" + range + "&resolution=hour");
            urls.put("series year, resolution day", base + "/series?" + range + "&resolution=day");
            urls.put("series year, resolution week", base + "/series?" + range + "&resolution=week");
            urls.put("series year, resolution month", base + "/series?" + range + "&resolution=month");
            urls.put("series last 7 days, resolution isp", base + "/series?from=" + last.minusDays(6) + "&to=" + last
                    + "&resolution=isp");
            urls.put("kpis year, period day (365 baselines)", base + "/kpis?period=day&" + range);
            urls.put("kpis year, period month", base + "/kpis?period=month&" + range);
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            System.out.printf("%-48s %9s %9s %9s %9s%n", "request", "bytes", "p50 ms", "p99 ms", "max ms");
            for (Map.Entry<String, String> u : urls.entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(u.getValue())).header("Authorization", auth).GET().build();
                long bytes = 0;
                for (int i = 0; i < warmUp; i++) {
                    bytes = get(http, request).length;
                }
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    long s = System.nanoTime();
                    get(http, request);
                    ms.add((System.nanoTime() - s) / 1e6);
                }
                ms.sort(Double::compare);
                System.out.printf("%-48s %9d %9.1f %9.1f %9.1f%n", u.getKey(), bytes, ms.get(ms.size() / 2),
                        ms.get((int) Math.ceil(ms.size() * 0.99) - 1), ms.get(ms.size() - 1));
            }
            System.out.printf("load after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        } finally {
            hub.close();
        }
    }

    private static byte[] get(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    /** A year of the demo building from the simulator: site rows and the chargers' device rows. */
    private static int fill(ConfigurableApplicationContext hub, LocalDate first, LocalDate last) {
        EnergyStore store = hub.getBean(EnergyStore.class);
        ContextStore context = hub.getBean(ContextStore.class);
        DemoMeter meter = hub.getBean(DemoMeter.class);
        Site site = context.sites().get(0);
        List<Device> devices = context.devices(site.congestionPoint());
        MeterSimulator simulator = meter.simulator(site, devices);
        int isps = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            MeterSimulator.Day day = simulator.simulate(d);
            List<EnergyStore.DeviceIsp> rows = new ArrayList<>();
            for (Device dev : devices) {
                if (dev.kind() == DeviceKind.EV_CHARGER) {
                    double[] kw = day.deviceKw().get(dev.id());
                    for (int t = 0; t < kw.length; t++) {
                        rows.add(new EnergyStore.DeviceIsp(dev.id(), site.id(), dev.kind(), day.site().get(t).start(), kw[t], 0));
                    }
                }
            }
            List<SiteIsp> sites = day.site();
            store.append(site.id(), rows, sites, EnergyStore.Source.SIMULATED);
            isps += sites.size();
        }
        return isps;
    }

    private EnergyBenchmark() {
    }
}
