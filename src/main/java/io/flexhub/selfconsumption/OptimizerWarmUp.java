package io.flexhub.selfconsumption;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.flexhub.forecast.ForecastRequest;
import io.flexhub.forecast.HistoryForecastSource;
import io.flexhub.forecast.SiteForecast;
import io.flexhub.selfconsumption.optimizer.BuildingResult;
import io.flexhub.selfconsumption.optimizer.Objective;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionOptimizer;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionOptions;
import io.flexhub.selfconsumption.plan.DeviceSchedules;
import io.flexhub.selfconsumption.plan.SitePlan;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Site;

/**
 * Solves variants of the sites' plans once, in the background, after start-up. The nightly batch is a burst of a few
 * seconds at 21:00; in a JVM that has not run the LP code yet, the JIT roughly triples it (BENCHMARKS.md), so a hub
 * restarted during the day would miss its time budget on the first night. Nothing is stored or published.
 */
@Component
public class OptimizerWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(OptimizerWarmUp.class);

    private final ContextStore context;
    private final HistoryForecastSource history;
    private final SiteAssetsRepository assets;
    private final SelfConsumptionProperties properties;
    private final Clock clock;
    private volatile int solved = -1;

    public OptimizerWarmUp(ContextStore context, HistoryForecastSource history, SiteAssetsRepository assets,
                           SelfConsumptionProperties properties, Clock clock) {
        this.context = context;
        this.history = history;
        this.assets = assets;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (properties.warmUpBuildings() <= 0) {
            return;
        }
        Thread thread = new Thread(this::run, "selfconsumption-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Buildings solved by the last warm-up, -1 before it ended. */
    public int solved() {
        return solved;
    }

    public void run() {
        long start = System.nanoTime();
        try {
            List<SitePlan> plans = new ArrayList<>();
            LocalDate day = LocalDate.now(clock).plusDays(1);
            for (Site site : context.sites()) {
                ForecastRequest request = ForecastRequest.of(site, day, properties.isp());
                Optional<SiteForecast> forecast = history.fetch(request, new StringBuilder());
                forecast.ifPresent(f -> plans.add(SitePlan.of(site, day, f.start(), f.isp(), f.pvKw(), f.loadKw(),
                        assets.forSite(site.id()), properties.tariff())));
            }
            if (plans.isEmpty()) {
                solved = 0;
                return;
            }
            SelfConsumptionOptimizer optimizer = new SelfConsumptionOptimizer();
            int count = 0;
            for (int i = 0; i < properties.warmUpBuildings(); i++) {
                SitePlan base = plans.get(i % plans.size());
                // scaled variants take other paths through the LP (export, curtailment, unmet EV energy)
                double pvScale = 0.3 + 0.25 * (i % 7);
                double loadScale = 0.5 + 0.2 * (i % 5);
                SitePlan plan = SitePlan.of(base.site(), day, base.start(), base.isp(), scale(base.building().pvKw(), pvScale),
                        scale(base.building().loadKw(), loadScale), assets.forSite(base.site().id()), properties.tariff());
                Objective objective = i % 2 == 0 ? Objective.COST : Objective.SELF_CONSUMPTION;
                BuildingResult result = optimizer.optimize(plan.building(), properties.isp().toMinutes() / 60.0,
                        new SelfConsumptionOptions(objective, true));
                DeviceSchedules.of(plan, result);
                count++;
            }
            solved = count;
            LOG.info("self-consumption optimizer warmed up: {} building variants in {} ms", count,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // a warm-up that fails costs only speed; the nightly run reports real problems
            solved = 0;
            LOG.warn("self-consumption warm-up stopped: {}", e.toString());
        }
    }

    private static double[] scale(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = values[t] * factor;
        }
        return out;
    }
}
