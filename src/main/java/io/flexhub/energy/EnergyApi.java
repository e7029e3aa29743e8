package io.flexhub.energy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.ApiException;
import io.flexhub.common.JsonReplies;
import io.flexhub.energy.model.EnergyKpis;
import io.flexhub.energy.model.EnergySeries;
import io.flexhub.energy.model.IspGrid;
import io.flexhub.energy.model.Resolution;
import io.flexhub.forecast.ForecastStore;
import io.flexhub.forecast.SiteForecast;
import io.flexhub.selfconsumption.RunStore;
import io.flexhub.selfconsumption.SelfConsumptionProperties;
import io.flexhub.selfconsumption.SiteAssetsRepository;
import io.flexhub.selfconsumption.optimizer.Battery;
import io.flexhub.selfconsumption.plan.SiteAssets;
import io.flexhub.selfconsumption.plan.Tariff;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Device;
import io.flexhub.site.DeviceKind;
import io.flexhub.site.Site;
import io.flexhub.usef.UsefProperties;

/**
 * The building page's JSON ({@code energy-api.camel.yaml}): the sites with history, a site's series per
 * resolution, its KPIs per day, week or month, and tomorrow's plan from the nightly run. Buckets are days, weeks and
 * months of the market time zone; prices follow the site's tariff in its own time zone, as the optimizer's do.
 */
@Component("energyApi")
public class EnergyApi {

    /** Widest {@code from..to} per resolution: a year of ISPs is 35,136 points per series at most. */
    static final Map<Resolution, Integer> MAX_DAYS = Map.of(Resolution.ISP, 366, Resolution.HOUR, 366,
            Resolution.DAY, 1830, Resolution.WEEK, 1830, Resolution.MONTH, 1830);
    static final int MAX_KPI_DAYS = 731;

    private final EnergyStore store;
    private final ContextStore context;
    private final ForecastStore forecasts;
    private final RunStore runs;
    private final SiteAssetsRepository assets;
    private final SelfConsumptionProperties selfConsumption;
    private final ZoneId zone;
    private final Duration isp;
    private final ObjectMapper json;
    private final Clock clock;
    private final EnergyKpis kpis = new EnergyKpis();

    public EnergyApi(EnergyStore store, ContextStore context, ForecastStore forecasts, RunStore runs,
            SiteAssetsRepository assets, SelfConsumptionProperties selfConsumption, UsefProperties usef,
            ObjectMapper json, Clock clock) {
        this.store = store;
        this.context = context;
        this.forecasts = forecasts;
        this.runs = runs;
        this.assets = assets;
        this.selfConsumption = selfConsumption;
        this.zone = usef.market().timeZone();
        this.isp = usef.market().ispDuration();
        this.json = json;
        this.clock = clock;
    }

    public List<Map<String, Object>> sites() {
        List<Map<String, Object>> body = new ArrayList<>();
        for (Site s : context.sites()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("siteId", s.id());
            m.put("name", s.name());
            m.put("timeZone", zone.getId());
            Instant[] range = store.range(s.id()).orElse(null);
            m.put("from", range == null ? null : range[0].toString());
            m.put("to", range == null ? null : range[1].plus(isp).toString());
            body.add(m);
        }
        return body;
    }

    public Map<String, Object> series(@Header("siteId") String siteId, @Header("from") String from,
            @Header("to") String to, @Header("resolution") String resolution) {
        Site site = site(siteId);
        Resolution r = Resolution.parse("resolution", resolution == null ? "day" : resolution);
        LocalDate[] range = range(from, to, MAX_DAYS.get(r), "at resolution " + r.wire());
        List<Instant> starts = r.starts(range[0], range[1], zone, isp);
        IspGrid grid = new IspGrid(starts.get(0), r.next(starts.get(starts.size() - 1), zone, isp), isp);
        EnergyStore.SiteSeries s = store.siteSeries(site.id(), grid);
        Map<String, double[]> measured = new LinkedHashMap<>();
        measured.put("load", s.loadKw());
        measured.put("pv", s.pvKw());
        measured.put("ev", s.evKw());
        measured.put("battery", s.batteryKw());
        measured.put("grid", s.gridKw());
        double[] loadForecast = grid.empty();
        double[] pvForecast = grid.empty();
        LocalDate firstDay = grid.start().atZone(zone).toLocalDate().minusDays(1);
        LocalDate lastDay = grid.at(grid.size()).atZone(zone).toLocalDate();
        for (SiteForecast f : forecasts.latestBetween(site.id(), firstDay, lastDay)) {
            for (int t = 0; t < f.pvKw().length; t++) {
                Instant at = f.start().plus(f.isp().multipliedBy(t));
                if (!f.isp().equals(isp)) {
                    break;
                }
                int i = grid.index(at);
                if (i >= 0) {
                    loadForecast[i] = f.loadKw()[t];
                    pvForecast[i] = f.pvKw()[t];
                }
            }
        }
        EnergySeries.View view = EnergySeries.bucket(grid, measured,
                Map.of("loadForecast", loadForecast, "pvForecast", pvForecast), starts, r, zone);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteId", site.id());
        body.put("resolution", r.wire());
        body.put("unit", r.unit());
        body.put("timeZone", zone.getId());
        body.put("timestamps", EnergySeries.isoTimestamps(view.timestamps()));
        body.put("series", view.series());
        return body;
    }

    public Map<String, Object> kpis(@Header("siteId") String siteId, @Header("period") String period,
            @Header("from") String from, @Header("to") String to) {
        Site site = site(siteId);
        Resolution p = Resolution.parse("period", period == null ? "day" : period);
        if (p.power()) {
            throw ApiException.badRequest("period must be day, week or month, got '" + period + "'");
        }
        LocalDate[] range = range(from, to, MAX_KPI_DAYS, "for KPIs");
        List<Instant> starts = p.starts(range[0], range[1], zone, isp);
        IspGrid grid = new IspGrid(starts.get(0), p.next(starts.get(starts.size() - 1), zone, isp), isp);
        EnergyStore.SiteSeries s = store.siteSeries(site.id(), grid);
        Map<String, EnergyKpis.Charger> chargers = new LinkedHashMap<>();
        List<String> chargerIds = context.devices(site.congestionPoint()).stream()
                .filter(d -> d.siteId().equals(site.id()) && d.kind() == DeviceKind.EV_CHARGER).map(Device::id).toList();
        Map<String, double[]> evs = store.deviceSeries(chargerIds, grid);
        evs.forEach((id, kw) -> chargers.put(id, new EnergyKpis.Charger(kw,
                context.device(id).map(Device::ratedPowerKw).orElse(0.0))));
        SiteAssets a = assets.forSite(site.id());
        Tariff tariff = a.tariff() != null ? a.tariff() : selfConsumption.tariff();
        EnergyKpis.Input in = new EnergyKpis.Input(site.id(), grid, s.loadKw(), s.pvKw(), s.evKw(), s.batteryKw(),
                s.gridKw(), chargers, tariff.importPrices(grid.start(), isp, grid.size(), site.timeZone()),
                tariff.exportPrices(grid.size()), site.exportLimitKw(), battery(a));
        List<Map<String, Object>> periods = new ArrayList<>();
        for (EnergyKpis.Period k : kpis.periods(in, starts, p, zone)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", k.start().toString());
            m.put("measuredIsps", k.measuredIsps());
            m.put("pvKwh", EnergySeries.round(k.pvKwh()));
            m.put("loadKwh", EnergySeries.round(k.loadKwh()));
            m.put("evKwh", EnergySeries.round(k.evKwh()));
            m.put("batteryKwh", EnergySeries.round(k.batteryKwh()));
            m.put("importKwh", EnergySeries.round(k.importKwh()));
            m.put("exportKwh", EnergySeries.round(k.exportKwh()));
            m.put("selfConsumptionRatio", ratio(k.selfConsumptionRatio()));
            m.put("selfSufficiency", ratio(k.selfSufficiency()));
            m.put("gridCostEur", cents(k.gridCostEur()));
            m.put("baselineCostEur", cents(k.baselineCostEur()));
            m.put("savingEur", cents(cents(k.baselineCostEur()) - cents(k.gridCostEur())));
            periods.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteId", site.id());
        body.put("period", p.wire());
        body.put("timeZone", zone.getId());
        body.put("baseline", "rule-based: EVs charge at full power from their first draw, battery greedy, "
                + "same measured PV and load");
        body.put("periods", periods);
        return body;
    }

    public Map<String, Object> plan(@Header("siteId") String siteId, @Header("date") String date) {
        Site site = site(siteId);
        LocalDate day = JsonReplies.date("date", date, LocalDate.ofInstant(clock.instant(), zone).plusDays(1));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteId", site.id());
        body.put("date", day.toString());
        Map<String, Object> result = runs.latestSiteResult(day, site.id()).orElse(null);
        if (result == null) {
            body.put("runId", null);
            body.put("reason", "No nightly self-consumption run has planned " + day + " yet");
            body.put("timestamps", List.of());
            body.put("evs", List.of());
            body.put("battery", null);
            return body;
        }
        JsonNode schedule;
        try {
            schedule = json.readTree((String) result.get("schedule_json"));
        } catch (Exception e) {
            throw new IllegalStateException("stored schedule of run " + result.get("run_id") + " is not JSON", e);
        }
        Instant start = Instant.parse(schedule.path("start").asText());
        Duration step = Duration.parse(schedule.path("ispDuration").asText(isp.toString()));
        List<Map<String, Object>> evs = new ArrayList<>();
        Map<String, Object> battery = null;
        int count = 0;
        for (var e : schedule.path("devicesKw").properties()) {
            List<Double> kw = new ArrayList<>();
            e.getValue().forEach(v -> kw.add(EnergySeries.round(v.asDouble())));
            count = Math.max(count, kw.size());
            Device device = context.device(e.getKey()).orElse(null);
            if (device != null && device.kind() == DeviceKind.BATTERY) {
                battery = new LinkedHashMap<>();
                battery.put("deviceId", device.id());
                battery.put("kw", kw);
                List<Double> soc = new ArrayList<>();
                schedule.path("batteryEnergyKwh").forEach(v -> soc.add(EnergySeries.round(v.asDouble())));
                battery.put("socKwh", soc);
            } else {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("deviceId", e.getKey());
                ev.put("name", device == null ? null : device.name());
                ev.put("kw", kw);
                evs.add(ev);
            }
        }
        List<String> timestamps = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            timestamps.add(start.plus(step.multipliedBy(t)).toString());
        }
        body.put("runId", ((Number) result.get("run_id")).longValue());
        body.put("timestamps", timestamps);
        body.put("evs", evs);
        body.put("battery", battery);
        body.put("headroom", headroom((String) result.get("headroom_json")));
        return body;
    }

    /**
     * Where the run kept grid headroom, per ISP of the plan (REDUCE: import priced up, INCREASE: export priced up), and
     * what it cost; null for a run made before the hub kept headroom.
     */
    private Map<String, Object> headroom(String stored) {
        if (stored == null) {
            return null;
        }
        JsonNode h;
        try {
            h = json.readTree(stored);
        } catch (Exception e) {
            throw new IllegalStateException("stored headroom is not JSON", e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", h.path("status").asText());
        out.put("detail", h.path("detail").isNull() ? null : h.path("detail").asText(null));
        List<Boolean> reduce = new ArrayList<>();
        h.path("importEurPerKwh").forEach(v -> reduce.add(v.asDouble() > 0.0));
        List<Boolean> increase = new ArrayList<>();
        h.path("exportEurPerKwh").forEach(v -> increase.add(v.asDouble() > 0.0));
        out.put("reduce", reduce);
        out.put("increase", increase);
        out.put("costEur", h.path("costEur").isNumber() ? h.get("costEur").asDouble() : null);
        return out;
    }

    /** The site of the path; the page sends the id percent-encoded (its colons), curl users mostly do not. */
    private Site site(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("siteId is required");
        }
        String siteId = raw.contains("%") ? java.net.URLDecoder.decode(raw.replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8).trim() : raw.trim();
        return context.sites().stream().filter(s -> s.id().equals(siteId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("No site " + siteId));
    }

    /** {@code from..to} as local days; defaults: the week up to today. */
    private LocalDate[] range(String from, String to, int maxDays, String what) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate last = JsonReplies.date("to", to, today);
        LocalDate first = JsonReplies.date("from", from, last.minusDays(6));
        if (first.isAfter(last)) {
            throw ApiException.badRequest("from must not be after to, got from " + first + " to " + last);
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > maxDays) {
            throw ApiException.badRequest("from..to may span at most " + maxDays + " days " + what + ", got " + days
                    + " (" + first + ".." + last + ")");
        }
        return new LocalDate[] {first, last};
    }

    private static Battery battery(SiteAssets a) {
        if (a.battery() == null) {
            return null;
        }
        SiteAssets.BatteryAsset b = a.battery();
        double eff = Math.sqrt(b.roundTripEfficiency());
        return new Battery(b.capacityKwh(), b.soc(), b.socMin(), b.socMax(), b.maxChargeKw(), b.maxDischargeKw(), eff,
                eff, null, null);
    }

    private static Double ratio(Double v) {
        return v == null ? null : Math.round(v * 10000.0) / 10000.0;
    }

    private static double cents(double eur) {
        return Math.round(eur * 100.0) / 100.0;
    }
}
