package io.flexhub.analytics.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flexhub.analytics.history.CongestionDay;

/**
 * Learns when a DSO asks for flexibility: per congestion point and ISP the probability that a FlexRequest covers
 * it, its likelier direction and the requested kW, from calendar features alone (day type, month and season,
 * clock slot in the market zone), by hierarchical Beta shrinkage with exponential decay and pooling across
 * congestion points ({@link Shrinkage}). Plain Java; the history comes in as {@link CongestionDay}s.
 */
public final class GridPatternModel {

    /** Name of the method in API answers, versioned so that stored answers say which model made them. */
    public static final String METHOD = "calendar-beta-shrinkage/1";

    private final CalendarFeatures features;
    private final ModelParameters parameters;

    public GridPatternModel(CalendarFeatures features, ModelParameters parameters) {
        this.features = features;
        this.parameters = parameters;
    }

    public CalendarFeatures features() {
        return features;
    }

    public ModelParameters parameters() {
        return parameters;
    }

    /** The fitted models of a set of congestion points, which share one pool. */
    public record Fitted(Map<String, PointModel> points) {

        public Fitted {
            points = Map.copyOf(points);
        }

        public Optional<PointModel> point(String congestionPoint) {
            return Optional.ofNullable(points.get(congestionPoint));
        }
    }

    /**
     * Fits every congestion point of {@code histories} (days in any order, gaps allowed). Each point's origin is
     * the day after its own last day; a point without days gets the pool's estimate as of the pool's last day.
     */
    public Fitted fit(Map<String, List<CongestionDay>> histories) {
        Fitter fitter = fitter();
        histories.forEach(fitter::add);
        return fitter.fitted();
    }

    /** A fit fed one congestion point at a time, so that only one point's days need to be in memory. */
    public Fitter fitter() {
        return new Fitter();
    }

    public final class Fitter {

        private final PoolHistory pool = new PoolHistory(features);
        private final Map<String, CellCounts> own = new LinkedHashMap<>();
        private final Map<String, PowerSamples> power = new LinkedHashMap<>();

        private Fitter() {
        }

        /** Adds a point's history; a point added twice keeps the second. */
        public void add(String congestionPoint, List<CongestionDay> days) {
            long first = days.stream().mapToLong(d -> d.date().toEpochDay()).min().orElse(0);
            CellCounts counts = new CellCounts(features.slotsPerDay(), parameters.halfLifeDays(), first);
            PowerSamples samples = new PowerSamples(features.slotsPerDay());
            for (CongestionDay day : days) {
                counts.add(day, features);
                samples.add(day, features);
                pool.add(day);
            }
            own.put(congestionPoint, counts);
            power.put(congestionPoint, samples);
        }

        /** The summed history of every point added so far, for backtests that replay the pool. */
        public PoolHistory pool() {
            return pool;
        }

        public Fitted fitted() {
            CellCounts pooled = pool.counts(parameters.halfLifeDays(), Long.MAX_VALUE);
            long poolOrigin = pool.isEmpty() ? 0 : pool.last() + 1;
            Map<String, PointModel> points = new LinkedHashMap<>();
            for (Map.Entry<String, CellCounts> e : own.entrySet()) {
                CellCounts counts = e.getValue();
                long origin = counts.plainDays > 0 ? counts.lastDay + 1 : poolOrigin;
                points.put(e.getKey(), new PointModel(e.getKey(), counts, pooled, power.get(e.getKey()), features,
                        parameters, origin));
            }
            return new Fitted(points);
        }
    }
}
