package io.flexhub.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.flexhub.analytics.history.CongestionDay;
import io.flexhub.analytics.history.FlexRequestHistory;
import io.flexhub.analytics.history.FlexRequestsImported;
import io.flexhub.analytics.model.Backtest;
import io.flexhub.analytics.model.CalendarFeatures;
import io.flexhub.analytics.model.GridPatternModel;
import io.flexhub.analytics.model.PointModel;
import io.flexhub.analytics.model.PoolHistory;
import io.flexhub.usef.UsefProperties;

/**
 * The fitted models of every congestion point with history, kept for {@code flexhub.analytics.model.cache-ttl}.
 * All points are fitted together because each one's estimate leans on the pool of all; the history is read one
 * point at a time, so memory holds counts, not days. Default backtests are kept with the fit they belong to.
 */
@Component
public class FittedModels {

    private static final Logger LOG = LoggerFactory.getLogger(FittedModels.class);
    /** FlexRequests arrive up to a few days ahead; a forecast should see the ones already received. */
    private static final int DAYS_AHEAD = 14;

    /** One fit of every point, the pool's history for backtests, and the backtests asked for since. */
    record Snapshot(GridPatternModel.Fitted fitted, PoolHistory pool, LocalDate from, LocalDate to, Instant fittedAt,
                    Map<String, Backtest.Result> backtests) {
    }

    private final ObjectProvider<FlexRequestHistory> history;
    private final AnalyticsModelProperties properties;
    private final Clock clock;
    private final GridPatternModel model;
    private volatile Snapshot snapshot;

    public FittedModels(ObjectProvider<FlexRequestHistory> history, AnalyticsModelProperties properties,
                        UsefProperties usef, Clock clock) {
        this.history = history;
        this.properties = properties;
        this.clock = clock;
        this.model = new GridPatternModel(new CalendarFeatures(usef.market().timeZone(), usef.market().ispDuration(),
                properties.holidays().calendar()), properties.parameters());
    }

    public GridPatternModel model() {
        return model;
    }

    /** The point's model; empty when the history knows no such congestion point. */
    public Optional<PointModel> point(String congestionPoint) {
        Snapshot current = current();
        Optional<PointModel> point = current.fitted().point(congestionPoint);
        if (point.isEmpty() && history().congestionPoints().contains(congestionPoint)) {
            // history of a point arrived after the fit: fit again now rather than answer 404 until it expires
            point = refit(current).fitted().point(congestionPoint);
        }
        return point;
    }

    /** The backtest of a point with the configured parameters (kept) or others (computed for this call). */
    public Backtest.Result backtest(String congestionPoint, Backtest.Parameters parameters) {
        Snapshot current = current();
        if (parameters.equals(properties.backtest())) {
            return current.backtests().computeIfAbsent(congestionPoint, cp -> runBacktest(current, cp, parameters));
        }
        return runBacktest(current, congestionPoint, parameters);
    }

    private Backtest.Result runBacktest(Snapshot current, String congestionPoint, Backtest.Parameters parameters) {
        List<CongestionDay> days = history().days(congestionPoint, current.from(), current.to());
        return new Backtest(model).run(congestionPoint, days, current.pool(), parameters);
    }

    /** The days a fit reads, from and to inclusive. */
    record Range(LocalDate from, LocalDate to) {
    }

    /** The history range of the current fit, for readers of other stores (offers seen). */
    Range range() {
        Snapshot current = current();
        return new Range(current.from(), current.to());
    }

    /** Imported history counts from the next forecast, not after the cache time: an import is a deliberate act. */
    @EventListener
    public synchronized void imported(FlexRequestsImported event) {
        snapshot = null;
        LOG.info("{} imported FlexRequest(s) for {}: the grid-pattern model fits again at its next use",
                event.imported(), event.congestionPoints());
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || !clock.instant().isBefore(current.fittedAt().plus(properties.cacheTtl()))) {
            return refit(current);
        }
        return current;
    }

    /** Fits again unless another caller did since {@code seen} was read (an import clears the fit: null). */
    private synchronized Snapshot refit(Snapshot seen) {
        if (snapshot != null && snapshot != seen) {
            return snapshot;
        }
        long started = System.nanoTime();
        LocalDate today = LocalDate.ofInstant(clock.instant(), model.features().zone());
        LocalDate from = today.minusDays(properties.historyDays());
        LocalDate to = today.plusDays(DAYS_AHEAD);
        FlexRequestHistory source = history();
        GridPatternModel.Fitter fitter = model.fitter();
        int days = 0;
        List<String> points = source.congestionPoints();
        for (String cp : points) {
            List<CongestionDay> history = source.days(cp, from, to);
            days += history.size();
            fitter.add(cp, history);
        }
        Snapshot fitted = new Snapshot(fitter.fitted(), fitter.pool(), from, to, clock.instant(),
                new ConcurrentHashMap<>());
        snapshot = fitted;
        LOG.info("Grid-pattern model fitted on {} congestion points, {} days of history, in {} ms", points.size(), days,
                (System.nanoTime() - started) / 1_000_000);
        return fitted;
    }

    private FlexRequestHistory history() {
        // until a history store is configured there is simply no history to learn from
        return history.getIfAvailable(() -> EMPTY);
    }

    private static final FlexRequestHistory EMPTY = new FlexRequestHistory() {
        @Override
        public List<String> congestionPoints() {
            return List.of();
        }

        @Override
        public List<CongestionDay> days(String congestionPoint, LocalDate from, LocalDate to) {
            return List.of();
        }
    };
}
