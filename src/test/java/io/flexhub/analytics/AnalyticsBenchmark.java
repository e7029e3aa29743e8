package io.flexhub.analytics;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.flexhub.FlexhubApplication;
import io.flexhub.analytics.history.CongestionDay;
import io.flexhub.analytics.model.Backtest;
import io.flexhub.analytics.model.CalendarFeatures;
import io.flexhub.analytics.model.Forecast;
import io.flexhub.analytics.model.GridPatternModel;
import io.flexhub.analytics.model.HolidayCalendar;
import io.flexhub.analytics.model.ModelParameters;
import io.flexhub.analytics.model.PointModel;
import io.flexhub.analytics.model.SyntheticDso;

/**
 * Timing harness of the grid-pattern model (not a test): {@code scripts/bench-analytics.sh [passes] [points] [years]}.
 *
 * <p>Part 1, the model alone: a synthetic DSO of {@code points} congestion points x {@code years} years of history
 * (held in memory, so that only the model is timed), then per pass the fit of all points and the default backtest
 * of every point (leads 1, 2, 7 over the last 365 days), plus the forecast of one point for 7 and 31 days. Pass 1
 * runs in a fresh JVM (JIT included); the figure to compare is the median of the later passes. Also printed: the
 * backtest skill and the forecast's mean absolute error against the synthetic truth, averaged over the points.
 *
 * <p>Part 2, the HTTP answer: the hub started here on its embedded defaults with the same synthetic history (days
 * drawn on demand), {@code GET .../forecast} of random points once fitted, p50 / p99 / max over 500 calls.
 */
public final class AnalyticsBenchmark {

    private static final String PASSWORD = "bench-password";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final CalendarFeatures FEATURES =
            new CalendarFeatures(AMSTERDAM, Duration.ofMinutes(15), HolidayCalendar.netherlands());
    private static final SyntheticDso DSO = new SyntheticDso(FEATURES, 2026);
    static int points = 100;
    static int years = 3;

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        points = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        years = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("load %s, %d processors, max heap %d MB%n", Files.readString(Path.of("/proc/loadavg")).strip(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        model(passes);
        http();
        System.exit(0);
    }

    private static void model(int passes) {
        LocalDate last = LocalDate.now(AMSTERDAM).minusDays(1);
        LocalDate first = last.minusYears(years).plusDays(1);
        Map<String, SyntheticDso.Profile> profiles = DSO.portfolio(points);
        Map<String, List<CongestionDay>> history = new LinkedHashMap<>();
        long generated = System.nanoTime();
        long days = 0;
        for (Map.Entry<String, SyntheticDso.Profile> e : profiles.entrySet()) {
            history.put(e.getKey(), DSO.days(e.getKey(), e.getValue(), first, last));
            days += history.get(e.getKey()).size();
        }
        System.out.printf("history: %d congestion points x %s..%s = %,d days (%,d ISPs), generated in %.1f s%n",
                points, first, last, days, days * 96, (System.nanoTime() - generated) / 1e9);
        GridPatternModel model = new GridPatternModel(FEATURES, ModelParameters.defaults());
        Backtest backtest = new Backtest(model);
        Backtest.Parameters parameters = Backtest.Parameters.defaults();
        double[] fit = new double[passes];
        double[] test = new double[passes];
        double[] forecast7 = new double[passes];
        double[] forecast31 = new double[passes];
        Map<String, Backtest.Result> results = null;
        GridPatternModel.Fitted fitted = null;
        String cp = profiles.keySet().iterator().next();
        System.out.printf("%-5s %10s %12s %12s %14s %15s%n", "pass", "fit s", "backtest s", "total s",
                "forecast 7 d", "forecast 31 d");
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            GridPatternModel.Fitter fitter = model.fitter();
            history.forEach(fitter::add);
            fitted = fitter.fitted();
            long t1 = System.nanoTime();
            results = new LinkedHashMap<>();
            for (Map.Entry<String, List<CongestionDay>> e : history.entrySet()) {
                results.put(e.getKey(), backtest.run(e.getKey(), e.getValue(), fitter.pool(), parameters));
            }
            long t2 = System.nanoTime();
            PointModel point = fitted.point(cp).orElseThrow();
            // the first forecast of a point also takes the quantiles of its requested kW; later ones reuse them
            long t3 = System.nanoTime();
            point.forecast(last.plusDays(1), 7);
            long t4 = System.nanoTime();
            point.forecast(last.plusDays(1), 31);
            long t5 = System.nanoTime();
            fit[pass] = (t1 - t0) / 1e9;
            test[pass] = (t2 - t1) / 1e9;
            forecast7[pass] = (t4 - t3) / 1e6;
            forecast31[pass] = (t5 - t4) / 1e6;
            System.out.printf("%-5d %10.3f %12.3f %12.3f %11.2f ms %12.2f ms%n", pass + 1, fit[pass], test[pass],
                    fit[pass] + test[pass], forecast7[pass], forecast31[pass]);
        }
        if (passes > 1) {
            double[] total = new double[passes];
            for (int i = 0; i < passes; i++) {
                total[i] = fit[i] + test[i];
            }
            System.out.printf("%-5s %10.3f %12.3f %12.3f %11.2f ms %12.2f ms   (median of passes 2..%d)%n", "warm",
                    median(fit, 1), median(test, 1), median(total, 1), median(forecast7, 1), median(forecast31, 1),
                    passes);
        }
        skill(results, fitted, profiles, last.plusDays(1));
    }

    private static void skill(Map<String, Backtest.Result> results, GridPatternModel.Fitted fitted,
                              Map<String, SyntheticDso.Profile> profiles, LocalDate next) {
        int leads = results.values().iterator().next().leads().size();
        System.out.printf("%nbacktest, mean over %d points (threshold %.2f, last 365 days):%n", results.size(),
                results.values().iterator().next().threshold());
        System.out.printf("%-5s %9s %9s %9s %11s %11s %9s %9s %9s %9s%n", "lead", "Brier", "last wk", "long run",
                "skill(wk)", "skill(lr)", "prec", "recall", "prec wk", "rec wk");
        for (int l = 0; l < leads; l++) {
            double[] sums = new double[9];
            int lead = 0;
            for (Backtest.Result r : results.values()) {
                Backtest.Lead x = r.leads().get(l);
                lead = x.leadDays();
                sums[0] += x.model().brier();
                sums[1] += x.lastWeek().brier();
                sums[2] += x.longRun().brier();
                sums[3] += x.skillVsLastWeek();
                sums[4] += x.skillVsLongRun();
                sums[5] += x.model().precision() == null ? 0 : x.model().precision();
                sums[6] += x.model().recall() == null ? 0 : x.model().recall();
                sums[7] += x.lastWeek().precision() == null ? 0 : x.lastWeek().precision();
                sums[8] += x.lastWeek().recall() == null ? 0 : x.lastWeek().recall();
            }
            int n = results.size();
            System.out.printf(Locale.ROOT, "%-5d %9.4f %9.4f %9.4f %11.3f %11.3f %9.3f %9.3f %9.3f %9.3f%n", lead,
                    sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n, sums[5] / n, sums[6] / n,
                    sums[7] / n, sums[8] / n);
        }
        double error = 0;
        for (Map.Entry<String, SyntheticDso.Profile> e : profiles.entrySet()) {
            Forecast f = fitted.point(e.getKey()).orElseThrow().forecast(next, 365);
            double sum = 0;
            int n = 0;
            for (Forecast.Day day : f.days()) {
                double[] truth = DSO.truth(e.getValue(), day.date());
                for (Forecast.Isp isp : day.isps()) {
                    sum += Math.abs(isp.probability() - truth[isp.isp() - 1]);
                    n++;
                }
            }
            error += sum / n;
        }
        System.out.printf(Locale.ROOT, "forecast of the next 365 days against the synthetic truth: mean absolute error %.4f%n",
                error / profiles.size());
    }

    /**
     * The benchmark's history for the hub: the same synthetic DSO, drawn on demand. A test configuration, so that
     * component scanning in the test contexts leaves it out; the harness names it as a source.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class BenchHistory {

        @Bean
        @Primary
        SyntheticFlexRequestHistory benchFlexRequestHistory() {
            SyntheticFlexRequestHistory history = new SyntheticFlexRequestHistory(DSO);
            LocalDate last = LocalDate.now(AMSTERDAM).minusDays(1);
            DSO.portfolio(points).forEach((cp, profile) -> history.put(cp,
                    new SyntheticFlexRequestHistory.Point(profile, last.minusYears(years).plusDays(1), last)));
            return history;
        }
    }

    private static void http() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("flexhub-analytics-bench");
        System.setProperty("server.port", String.valueOf(port));
        System.setProperty("flexhub.security.admin-password", PASSWORD);
        System.setProperty("flexhub.data-dir", data.toString());
        System.setProperty("flexhub.selfconsumption.warm-up-buildings", "0");
        System.setProperty("logging.level.root", "WARN");
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(FlexhubApplication.class, BenchHistory.class)
                .run();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            List<String> cps = new ArrayList<>(DSO.portfolio(points).keySet());
            String base = "http://localhost:" + port + "/api/analytics/congestion-points/";
            LocalDate tomorrow = LocalDate.now(AMSTERDAM).plusDays(1);
            long t0 = System.nanoTime();
            HttpResponse<String> first = get(client, auth, base + cps.get(0) + "/forecast?from=" + tomorrow + "&days=7");
            double cold = (System.nanoTime() - t0) / 1e6;
            if (first.statusCode() != 200) {
                throw new IllegalStateException(first.statusCode() + " " + first.body());
            }
            System.out.printf("%nHTTP, hub on embedded defaults, %d points x %d years of synthetic history%n", points,
                    years);
            System.out.printf("first forecast (fit of every point included, history drawn on demand): %.0f ms%n", cold);
            SplittableRandom random = new SplittableRandom(1);
            for (int days : new int[] {7, 31}) {
                for (int i = 0; i < 100; i++) {
                    get(client, auth, base + cps.get(random.nextInt(cps.size())) + "/forecast?from=" + tomorrow
                            + "&days=" + days);
                }
                double[] ms = new double[500];
                long bytes = 0;
                for (int i = 0; i < ms.length; i++) {
                    String url = base + cps.get(random.nextInt(cps.size())) + "/forecast?from=" + tomorrow + "&days="
                            + days;
                    long s = System.nanoTime();
                    HttpResponse<String> r = get(client, auth, url);
                    ms[i] = (System.nanoTime() - s) / 1e6;
                    bytes += r.body().length();
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(r.statusCode() + " " + r.body());
                    }
                }
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "GET forecast days=%-2d  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d calls, %.0f kB each)%n",
                        days, ms[ms.length / 2], ms[(int) (ms.length * 0.99)], ms[ms.length - 1], ms.length,
                        bytes / 1024.0 / ms.length);
            }
            long s = System.nanoTime();
            HttpResponse<String> bt = get(client, auth, base + cps.get(1) + "/backtest");
            double backtestMs = (System.nanoTime() - s) / 1e6;
            s = System.nanoTime();
            HttpResponse<String> pt = get(client, auth, base + cps.get(1) + "/patterns");
            double patternsMs = (System.nanoTime() - s) / 1e6;
            System.out.printf("GET backtest (first, computed: one point's days drawn and replayed with the pool) %.0f ms (%d)%n",
                    backtestMs, bt.statusCode());
            System.out.printf("GET patterns %.0f ms (%d)%n", patternsMs, pt.statusCode());
        } finally {
            hub.close();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String auth, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double median(double[] values, int from) {
        double[] v = Arrays.copyOfRange(values, from, values.length);
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
