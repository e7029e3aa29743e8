package io.flexhub.selfconsumption;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.flex.LocalFlexRequest;
import io.flexhub.flex.LocalFlexResult;
import io.flexhub.flex.LocalFlexibility;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.forecast.ForecastRequest;
import io.flexhub.forecast.SiteForecast;
import io.flexhub.notify.Notification;
import io.flexhub.notify.Notifications;
import io.flexhub.selfconsumption.optimizer.BuildingResult;
import io.flexhub.selfconsumption.optimizer.EnergyBalance;
import io.flexhub.selfconsumption.optimizer.GridHeadroom;
import io.flexhub.selfconsumption.optimizer.Objective;
import io.flexhub.selfconsumption.optimizer.Portfolio;
import io.flexhub.selfconsumption.optimizer.PvSurplus;
import io.flexhub.selfconsumption.optimizer.ScheduleChecks;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionOptimizer;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionOptions;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionResult;
import io.flexhub.selfconsumption.plan.DeviceSchedules;
import io.flexhub.selfconsumption.plan.SitePlan;
import io.flexhub.site.Actuation;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Site;

/**
 * The steps of the nightly self-consumption run ({@code selfconsumption-nightly.camel.yaml}): open a run for a day,
 * take each site's forecast (from the {@code forecast-pull} route), optimise all sites per building in parallel,
 * keeping grid headroom where the congestion point is likely to get a FlexRequest ({@link RequestOutlook}), store KPIs
 * and schedules, publish the schedules and plan their setpoints, offer the PV surplus to the flexibility engine and
 * mail each site's summary. Per-site trouble (broker down, engine busy) is recorded in the site's result
 * and does not stop the other sites.
 */
@Component("selfConsumptionNightly")
public class NightlyRun implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(NightlyRun.class);
    /** kW: simultaneous import/export or charge/discharge above this makes a schedule not executable. */
    static final double SIMULTANEITY_TOL_KW = 1e-6;

    private final ContextStore context;
    private final SiteAssetsRepository assets;
    private final RunStore runs;
    private final CommandStore commands;
    private final SelfConsumptionProperties properties;
    private final ObjectProvider<LocalFlexibility> flexibility;
    private final ObjectProvider<Notifications> notifications;
    private final ObjectProvider<RequestOutlook> outlook;
    private final Clock clock;
    private final ObjectMapper json;
    private final SelfConsumptionOptimizer optimizer = new SelfConsumptionOptimizer();
    private final ExecutorService pool;

    public NightlyRun(ContextStore context, SiteAssetsRepository assets, RunStore runs, CommandStore commands,
            SelfConsumptionProperties properties, ObjectProvider<LocalFlexibility> flexibility,
            ObjectProvider<Notifications> notifications, ObjectProvider<RequestOutlook> outlook, Clock clock,
            ObjectMapper json) {
        this.context = context;
        this.assets = assets;
        this.runs = runs;
        this.commands = commands;
        this.properties = properties;
        this.flexibility = flexibility;
        this.notifications = notifications;
        this.outlook = outlook;
        this.clock = clock;
        this.json = json;
        this.pool = Executors.newFixedThreadPool(properties.effectiveThreads(), r -> {
            Thread t = new Thread(r, "selfconsumption-optimizer");
            t.setDaemon(true);
            return t;
        });
    }

    /** One site in a run; filled step by step. */
    public static final class SiteWork {
        private final Site site;
        private SiteForecast forecast;
        private SitePlan plan;
        private BuildingResult result;
        private List<DeviceSchedules.DeviceSchedule> schedules = List.of();
        /** What the run did about grid headroom here (the {@code headroom} of the site's report). */
        private final Map<String, Object> headroom = new LinkedHashMap<>();
        private GridHeadroom room;

        SiteWork(Site site) {
            this.site = site;
        }

        public Site site() {
            return site;
        }

        public SiteForecast forecast() {
            return forecast;
        }

        public BuildingResult result() {
            return result;
        }
    }

    /** A run in progress; the route carries it as the body and in the {@code run} exchange property. */
    public static final class RunContext {
        private final long runId;
        private final LocalDate day;
        private final List<SiteWork> sites;

        RunContext(long runId, LocalDate day, List<SiteWork> sites) {
            this.runId = runId;
            this.day = day;
            this.sites = sites;
        }

        public long runId() {
            return runId;
        }

        public LocalDate day() {
            return day;
        }

        public List<SiteWork> sites() {
            return sites;
        }
    }

    /**
     * @param day     the day to plan; null: tomorrow in the cron's time zone (the run happens the evening before)
     * @param trigger CRON or ADMIN
     */
    public RunContext open(@Header("day") LocalDate day, @Header("trigger") String trigger) {
        LocalDate planned = day != null ? day
                : LocalDate.ofInstant(clock.instant(), ZoneId.of(properties.cronTimeZone())).plusDays(1);
        String source = trigger == null ? "CRON" : trigger;
        long id = runs.open(planned, source, objective().wireName(), clock.instant());
        List<SiteWork> sites = context.sites().stream().map(SiteWork::new).toList();
        LOG.info("self-consumption run {} for {} ({}): {} site(s)", id, planned, source, sites.size());
        return new RunContext(id, planned, sites);
    }

    public ForecastRequest forecastRequest(@ExchangeProperty("run") RunContext run, SiteWork work) {
        return ForecastRequest.of(work.site, run.day, properties.isp());
    }

    /** The body is not a forecast when forecast-pull failed (logged there): the site is left out. */
    public void forecastPulled(@ExchangeProperty("work") SiteWork work, Object body) {
        if (body instanceof SiteForecast forecast) {
            work.forecast = forecast;
        }
    }

    /** Builds every site's model and optimises them per building in parallel, then stores the KPIs. */
    public void optimize(RunContext run) {
        long start = System.nanoTime();
        List<SiteWork> ready = run.sites.stream().filter(w -> w.forecast != null).toList();
        for (SiteWork w : ready) {
            w.plan = SitePlan.of(w.site, run.day, w.forecast.start(), w.forecast.isp(), w.forecast.pvKw(),
                    w.forecast.loadKw(), assets.forSite(w.site.id()), properties.tariff());
            keepHeadroom(w);
        }
        Portfolio portfolio = new Portfolio("run-" + run.runId, ready.isEmpty() ? 0 : ready.get(0).plan.building().isps(),
                properties.isp().toMinutes(), null, ready.stream().map(w -> w.plan.building()).toList());
        SelfConsumptionOptions options = new SelfConsumptionOptions(objective(), true);
        // each site may have its own ISP count (time zones with different DST days), so solve building by building
        SelfConsumptionResult result = optimizer.optimize(portfolio, options, pool);
        for (int i = 0; i < ready.size(); i++) {
            ready.get(i).result = result.buildings().get(i);
        }
        compareWithoutHeadroom(run, ready, options);
        long millis = (System.nanoTime() - start) / 1_000_000;
        runs.optimized(run.runId, millis);
        for (SiteWork w : ready) {
            w.schedules = DeviceSchedules.of(w.plan, w.result);
            runs.saveSite(run.runId, kpis(w));
        }
        LOG.info("self-consumption run {}: {} building(s) optimised in {} ms ({})", run.runId, ready.size(), millis,
                result.status());
    }

    /**
     * Prices the grid exchange where the site's congestion point is likely to get a FlexRequest, and notes why when it
     * does not. The outlook failing leaves the plain plan: headroom is a preference, not a reason to plan nothing.
     */
    private void keepHeadroom(SiteWork w) {
        SelfConsumptionProperties.Headroom settings = properties.headroom();
        w.headroom.put("weightEurPerKwh", settings.weightEurPerKwh());
        w.headroom.put("minProbability", settings.minProbability());
        RequestOutlook source = outlook.getIfAvailable();
        if (!settings.enabled()) {
            headroomStatus(w, "OFF", "flexhub.selfconsumption.headroom.weight-eur-per-kwh is 0");
            return;
        }
        if (source == null || w.site.congestionPoint() == null) {
            headroomStatus(w, "NO_OUTLOOK", source == null ? "no request outlook in this hub"
                    : "the site has no congestion point");
            return;
        }
        int isps = w.plan.building().isps();
        Optional<RequestOutlook.Outlook> seen;
        try {
            seen = source.outlook(w.site.congestionPoint(), w.plan.start(), w.plan.isp(), isps);
        } catch (RuntimeException e) {
            LOG.warn("no request outlook for {}: planned without headroom", w.site.id(), e);
            headroomStatus(w, "FAILED", String.valueOf(e.getMessage()));
            return;
        }
        if (seen.isEmpty()) {
            headroomStatus(w, "NO_OUTLOOK", "no FlexRequest history for " + w.site.congestionPoint());
            return;
        }
        w.headroom.put("method", seen.get().method());
        w.room = GridHeadroom.of(seen.get().reduceProbability(), seen.get().increaseProbability(),
                settings.weightEurPerKwh(), settings.minProbability());
        if (w.room == null) {
            headroomStatus(w, "NO_LIKELY_REQUEST", "no ISP with a request probability of "
                    + settings.minProbability() + " or more");
            return;
        }
        w.plan = w.plan.withHeadroom(w.room);
        headroomStatus(w, "KEPT", null);
        w.headroom.put("reduceIsps", w.room.reduceIsps());
        w.headroom.put("increaseIsps", w.room.increaseIsps());
        // per ISP, for the building page's plan chart
        w.headroom.put("importEurPerKwh", rounded(w.room.importEurPerKwh()));
        w.headroom.put("exportEurPerKwh", rounded(w.room.exportEurPerKwh()));
    }

    private static double[] rounded(double[] eurPerKwh) {
        double[] out = new double[eurPerKwh.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = Math.round(eurPerKwh[t] * 1e5) / 1e5;
        }
        return out;
    }

    private static void headroomStatus(SiteWork w, String status, String detail) {
        w.headroom.put("status", status);
        w.headroom.put("detail", detail);
    }

    /**
     * Solves the sites that kept headroom once more without it, so that the report can say what the headroom moved
     * and what it costs at the tariff: the plain plan is the yardstick, as the rule-based plan is for the saving.
     */
    private void compareWithoutHeadroom(RunContext run, List<SiteWork> ready, SelfConsumptionOptions options) {
        List<SiteWork> kept = ready.stream().filter(w -> w.room != null).toList();
        if (kept.isEmpty()) {
            return;
        }
        Portfolio plain = new Portfolio("run-" + run.runId + "-without-headroom", kept.get(0).plan.building().isps(),
                properties.isp().toMinutes(), null, kept.stream().map(w -> w.plan.building().withHeadroom(null)).toList());
        SelfConsumptionResult without = optimizer.optimize(plain, options.withoutBaseline(), pool);
        for (int i = 0; i < kept.size(); i++) {
            SiteWork w = kept.get(i);
            BuildingResult other = without.buildings().get(i);
            double hours = w.plan.isp().toMinutes() / 60.0;
            GridHeadroom.Exposure with = w.room.exposure(w.result.schedule(), hours);
            GridHeadroom.Exposure plainExposure = w.room.exposure(other.schedule(), hours);
            w.headroom.put("importKwhInReduceIsps", with.importKwh());
            w.headroom.put("exportKwhInIncreaseIsps", with.exportKwh());
            w.headroom.put("headroomPriceEur", with.priceEur());
            Map<String, Object> plainPlan = new LinkedHashMap<>();
            plainPlan.put("importKwhInReduceIsps", plainExposure.importKwh());
            plainPlan.put("exportKwhInIncreaseIsps", plainExposure.exportKwh());
            plainPlan.put("headroomPriceEur", plainExposure.priceEur());
            plainPlan.put("netCostEur", other.energy().netCostEur());
            w.headroom.put("withoutHeadroom", plainPlan);
            // what keeping the room costs the site at its tariff (>= 0 up to solver tolerance)
            w.headroom.put("costEur", w.result.energy().netCostEur() - other.energy().netCostEur());
        }
    }

    /** Publishes each site's device schedules and plans their setpoints (unless the schedule is not executable). */
    public void publish(RunContext run) {
        for (SiteWork w : optimised(run)) {
            List<Map<String, Object>> entities = DeviceSchedules.entities(w.plan, w.schedules, run.runId, clock.instant());
            try {
                if (!entities.isEmpty()) {
                    context.publish(entities);
                }
                runs.updateSite(run.runId, w.site.id(), "published_entities", entities.size());
            } catch (RuntimeException e) {
                LOG.warn("schedules of {} not published: {}", w.site.id(), e.getMessage());
                runs.updateSite(run.runId, w.site.id(), "published_entities", 0);
            }
            if (executable(w.result.checks())) {
                List<Actuation> planned = DeviceSchedules.commands(w.plan, w.schedules, run.runId);
                commands.replace(run.runId, w.site.id(), w.plan.start(), planned);
            } else {
                LOG.warn("schedule of {} imports and exports or charges and discharges at once; not actuated: {}",
                        w.site.id(), w.result.checks());
            }
        }
    }

    /** Offers the PV the schedule cannot use to the flexibility engine as an internal INCREASE request. */
    public void requestSurplus(RunContext run) {
        LocalFlexibility engine = flexibility.getIfAvailable();
        for (SiteWork w : optimised(run)) {
            PvSurplus surplus = w.result.pvSurplus();
            double[] kw = new double[surplus.kw().length];
            surplus.requestedIsps(properties.surplusThresholdKw()).forEach(r -> kw[r.isp()] = r.maxKw());
            // elsewhere the building imports: flexible loads may move consumption away from there into the surplus,
            // up to the connection's import limit (without room the engine could only add consumption, not shift it)
            boolean anySurplus = java.util.Arrays.stream(kw).anyMatch(v -> v > 0.0);
            for (int t = 0; anySurplus && t < kw.length; t++) {
                if (kw[t] == 0.0) {
                    kw[t] = -w.site.importLimitKw();
                }
            }
            String status;
            String detail;
            String plan = "pv-surplus/" + w.site.id() + "/" + run.day;
            if (!anySurplus && engine != null) {
                // an earlier run of the day may have asked for a surplus this run no longer sees
                engine.withdraw(plan);
            }
            if (!anySurplus) {
                status = "NONE";
                detail = "no ISP with more than " + properties.surplusThresholdKw() + " kW of PV surplus";
            } else if (engine == null) {
                status = "UNAVAILABLE";
                detail = "no flexibility engine in this hub";
            } else {
                try {
                    LocalFlexResult r = engine.request(new LocalFlexRequest(w.site.congestionPoint(), Direction.INCREASE,
                            w.plan.start(), w.plan.isp(), kw, "pv-surplus", plan));
                    status = r.status().value();
                    detail = (r.detail() == null ? "" : r.detail() + "; ") + "events " + r.eventIds() + ", delivered "
                            + String.format(Locale.ROOT, "%.2f", java.util.Arrays.stream(r.deliveredKw()).sum()
                                    * w.plan.isp().toMinutes() / 60.0) + " kWh";
                } catch (RuntimeException e) {
                    status = "FAILED";
                    detail = e.getMessage();
                    LOG.warn("PV surplus request for {} failed", w.site.id(), e);
                }
            }
            runs.updateSite(run.runId, w.site.id(), "surplus_status", status);
            runs.updateSite(run.runId, w.site.id(), "surplus_detail", detail);
        }
    }

    /** Queues each site's summary mail (the notification outbox delivers it). */
    public void notifySites(RunContext run) {
        Notifications mail = notifications.getIfAvailable();
        if (mail == null) {
            LOG.warn("no notification service: self-consumption summaries of run {} not mailed", run.runId);
            return;
        }
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        runs.sites(run.runId).forEach(r -> rows.put((String) r.get("site_id"), r));
        for (SiteWork w : optimised(run)) {
            Map<String, Object> row = rows.get(w.site.id());
            long id = mail.send(new Notification("selfconsumption", w.site.recipients(),
                    "Self-consumption plan for " + (w.site.name() == null ? w.site.id() : w.site.name()) + " on "
                            + run.day, SummaryMail.body(w.site, run.day, run.runId, w.forecast, w.result, row,
                            w.headroom),
                    "selfconsumption-run-" + run.runId));
            runs.updateSite(run.runId, w.site.id(), "notification_id", id);
        }
    }

    public long close(RunContext run) {
        List<String> missing = run.sites.stream().filter(w -> w.result == null).map(w -> w.site.id()).toList();
        runs.close(run.runId, "DONE", missing.isEmpty() ? null : "no forecast for " + missing, clock.instant());
        return run.runId;
    }

    public void failed(@ExchangeProperty("run") RunContext run, @ExchangeProperty("CamelExceptionCaught") Exception e) {
        LOG.error("self-consumption run {} failed", run == null ? null : run.runId, e);
        if (run != null) {
            runs.close(run.runId, "FAILED", e == null ? "unknown" : e.toString(), clock.instant());
        }
    }

    private static List<SiteWork> optimised(RunContext run) {
        return run.sites.stream().filter(w -> w.result != null).toList();
    }

    private Objective objective() {
        return Objective.fromWireName(properties.objective());
    }

    static boolean executable(ScheduleChecks c) {
        return c.maxSimultaneousImportExportKw() <= SIMULTANEITY_TOL_KW
                && c.maxSimultaneousChargeDischargeKw() <= SIMULTANEITY_TOL_KW;
    }

    private Map<String, Object> kpis(SiteWork w) {
        BuildingResult r = w.result;
        EnergyBalance e = r.energy();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("site_id", w.site.id());
        row.put("status", r.status().wireName());
        row.put("forecast_provenance", w.forecast.provenance().name());
        row.put("forecast_detail", w.forecast.detail());
        row.put("self_consumption_ratio", e.selfConsumptionRatio().isPresent() ? e.selfConsumptionRatio().getAsDouble() : null);
        row.put("self_sufficiency_ratio", e.selfSufficiencyRatio().isPresent() ? e.selfSufficiencyRatio().getAsDouble() : null);
        row.put("grid_cost_eur", e.gridCostEur());
        row.put("net_cost_eur", e.netCostEur());
        row.put("baseline_net_cost_eur", r.baseline() == null ? null : r.baseline().netCostEur());
        row.put("saving_eur", r.baseline() == null ? null : r.baseline().netCostEur() - e.netCostEur());
        row.put("pv_kwh", e.pvKwh());
        row.put("load_kwh", e.loadKwh());
        row.put("import_kwh", e.importKwh());
        row.put("export_kwh", e.exportKwh());
        row.put("curtailed_kwh", e.curtailedKwh());
        row.put("ev_charged_kwh", e.evChargedKwh());
        row.put("ev_unmet_kwh", e.evUnmetKwh());
        row.put("max_import_export_kw", r.checks().maxSimultaneousImportExportKw());
        row.put("max_charge_discharge_kw", r.checks().maxSimultaneousChargeDischargeKw());
        row.put("surplus_kwh", r.pvSurplus().totalKwh(w.plan.isp().toMinutes() / 60.0));
        row.put("published_entities", 0);
        row.put("shortfalls_json", write(r.shortfalls().stream().map(s -> Map.of("kind", s.kind().wireName(),
                "subject", s.subject(), "kwh", s.kwh())).toList()));
        row.put("notes_json", write(r.notes()));
        row.put("headroom_json", write(w.headroom));
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("start", w.plan.start().toString());
        schedule.put("ispDuration", w.plan.isp().toString());
        schedule.put("gridImportKw", r.schedule().gridImportKw());
        schedule.put("gridExportKw", r.schedule().gridExportKw());
        schedule.put("curtailedKw", r.schedule().curtailedKw());
        schedule.put("pvSurplusKw", r.pvSurplus().kw());
        Map<String, Object> devices = new LinkedHashMap<>();
        w.schedules.forEach(d -> devices.put(d.deviceId(), d.powerKw()));
        schedule.put("devicesKw", devices);
        if (r.schedule().battery() != null) {
            // the battery's state of charge over the day, for the building page's plan chart
            schedule.put("batteryEnergyKwh", r.schedule().battery().energyKwh());
        }
        row.put("schedule_json", write(schedule));
        return row;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
