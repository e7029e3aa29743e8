package io.flexhub.dashboard;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The energy history API's contract ({@code /api/energy/**}) answered from formulas, for the page tests and the
 * timing harness while the hub has no such API of its own: a demo site whose 15-minute values are a daily load and PV curve, aggregated
 * per resolution as the contract says (kW per ISP and hour, kWh per day, week and month).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(FakeEnergyApi.Endpoints.class)
class FakeEnergyApi {

    static final String SITE = "umu-pleiades";
    static final ZoneId ZONE = ZoneId.of("Europe/Madrid");

    // gives way to the hub's own energy API once it has one
    @RestController
    @ConditionalOnMissingClass("io.flexhub.energy.EnergyApi")
    static class Endpoints {

        @GetMapping("/api/energy/sites")
        List<Map<String, Object>> sites() {
            LocalDate today = LocalDate.now(ZONE);
            return List.of(Map.of("siteId", SITE, "name", "UMU Pleiades building (demo)",
                    "from", today.minusDays(27).atStartOfDay(ZONE).toInstant().toString(),
                    "to", today.atStartOfDay(ZONE).toInstant().toString()));
        }

        @GetMapping("/api/energy/sites/{siteId}/series")
        Map<String, Object> series(@PathVariable String siteId, @RequestParam String from, @RequestParam String to,
                                   @RequestParam String resolution) {
            List<Instant> starts = buckets(LocalDate.parse(from), LocalDate.parse(to), resolution);
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (String name : List.of("load", "pv", "ev", "battery", "grid", "loadForecast", "pvForecast")) {
                List<Double> values = new ArrayList<>();
                for (int i = 0; i < starts.size(); i++) {
                    Instant end = i + 1 < starts.size() ? starts.get(i + 1) : next(starts.get(i), resolution);
                    values.add(aggregate(name, starts.get(i), end, resolution));
                }
                series.put(name, values);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("siteId", siteId);
            body.put("resolution", resolution);
            body.put("unit", resolution.equals("isp") || resolution.equals("hour") ? "kW" : "kWh");
            body.put("timestamps", starts.stream().map(Instant::toString).toList());
            body.put("series", series);
            return body;
        }

        @GetMapping("/api/energy/sites/{siteId}/kpis")
        Map<String, Object> kpis(@PathVariable String siteId, @RequestParam String period, @RequestParam String from,
                                 @RequestParam String to) {
            List<Instant> starts = buckets(LocalDate.parse(from), LocalDate.parse(to), period);
            List<Map<String, Object>> periods = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                Instant start = starts.get(i);
                Instant end = i + 1 < starts.size() ? starts.get(i + 1) : next(start, period);
                double pv = aggregate("pv", start, end, "day");
                double load = aggregate("load", start, end, "day");
                double imported = Math.max(0, load - pv * 0.9);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("start", LocalDate.ofInstant(start, ZONE).toString());
                p.put("pvKwh", pv);
                p.put("loadKwh", load);
                p.put("importKwh", imported);
                p.put("exportKwh", pv * 0.1);
                p.put("selfConsumptionRatio", 0.9);
                p.put("selfSufficiency", (load - imported) / load);
                p.put("gridCostEur", imported * 0.157);
                p.put("baselineCostEur", imported * 0.157 + 12.345678);
                p.put("savingEur", 12.345678);
                periods.add(p);
            }
            return Map.of("siteId", siteId, "period", period, "periods", periods);
        }

        @GetMapping("/api/energy/sites/{siteId}/plan")
        Map<String, Object> plan(@PathVariable String siteId, @RequestParam String date) {
            List<Instant> starts = buckets(LocalDate.parse(date), LocalDate.parse(date), "isp");
            List<Double> ev1 = new ArrayList<>();
            List<Double> ev2 = new ArrayList<>();
            List<Double> soc = new ArrayList<>();
            List<Double> kw = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                ev1.add(i < 28 ? 7.4 : 0.0);
                ev2.add(i >= 4 && i < 20 ? 11.0 : 0.0);
                kw.add(i >= 40 && i < 60 ? -5.0 : i >= 72 && i < 84 ? 6.0 : 0.0);
                soc.add(20.0 + Math.min(20, i / 4.0));
            }
            return Map.of("date", date, "runId", 1, "timestamps", starts.stream().map(Instant::toString).toList(),
                    "evs", List.of(Map.of("deviceId", "urn:ngsi-ld:Device:pleiades-ev-01", "name", "EV charger 1", "kw", ev1),
                            Map.of("deviceId", "urn:ngsi-ld:Device:pleiades-ev-02", "name", "EV charger 2", "kw", ev2)),
                    "battery", Map.of("socKwh", soc, "kw", kw));
        }
    }

    static List<Instant> buckets(LocalDate from, LocalDate to, String resolution) {
        List<Instant> starts = new ArrayList<>();
        Instant end = to.plusDays(1).atStartOfDay(ZONE).toInstant();
        Instant t = switch (resolution) {
            case "week" -> from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZONE).toInstant();
            case "month" -> from.withDayOfMonth(1).atStartOfDay(ZONE).toInstant();
            default -> from.atStartOfDay(ZONE).toInstant();
        };
        while (t.isBefore(end)) {
            starts.add(t);
            t = next(t, resolution);
        }
        return starts;
    }

    static Instant next(Instant t, String resolution) {
        return switch (resolution) {
            case "isp" -> t.plus(Duration.ofMinutes(15));
            case "hour" -> t.plus(Duration.ofHours(1));
            case "day" -> t.atZone(ZONE).plusDays(1).toInstant();
            case "week" -> t.atZone(ZONE).plusWeeks(1).toInstant();
            case "month" -> t.atZone(ZONE).plusMonths(1).toInstant();
            default -> throw new IllegalArgumentException("resolution must be isp, hour, day, week or month");
        };
    }

    /** Mean kW over [start, end) for kW resolutions, kWh for the others. */
    static double aggregate(String series, Instant start, Instant end, String resolution) {
        double sum = 0;
        int n = 0;
        for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(15))) {
            sum += kw(series, t);
            n++;
        }
        boolean power = resolution.equals("isp") || resolution.equals("hour");
        return power ? sum / Math.max(1, n) : sum * 0.25;
    }

    static double kw(String series, Instant t) {
        double hour = t.atZone(ZONE).getHour() + t.atZone(ZONE).getMinute() / 60.0;
        // weather-like days: some sunny, some overcast; weekdays busier than weekends
        int day = t.atZone(ZONE).getDayOfYear();
        double sun = Math.max(0, Math.sin((hour - 7) / 12 * Math.PI)) * (0.35 + 0.65 * Math.abs(Math.sin(day * 1.7)));
        double busy = t.atZone(ZONE).getDayOfWeek().getValue() >= 6 ? 0.6 : 1.0;
        double load = busy * (60 + 40 * Math.max(0, Math.sin((hour - 6) / 14 * Math.PI)));
        double ev = hour >= 20 || hour < 6 ? 14.8 : 0;
        return switch (series) {
            case "load", "loadForecast" -> load * (series.equals("load") ? 1 : 1.04);
            case "pv", "pvForecast" -> 70 * sun * (series.equals("pv") ? 1 : 0.93);
            case "ev" -> ev;
            case "battery" -> hour >= 11 && hour < 15 ? -10 : hour >= 18 && hour < 21 ? 8 : 0;
            case "grid" -> load + ev - 70 * sun;
            default -> throw new IllegalArgumentException(series);
        };
    }
}
