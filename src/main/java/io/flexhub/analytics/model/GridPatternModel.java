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
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (List<CongestionDay> days : histories.values()) {
            for (CongestionDay day : days) {
                first = Math.min(first, day.date().toEpochDay());
                last = Math.max(last, day.date().toEpochDay());
            }
        }
        if (first == Long.MAX_VALUE) {
            first = 0;
            last = -1;
        }
        int slots = features.slotsPerDay();
        CellCounts pool = new CellCounts(slots, parameters.halfLifeDays(), first);
        Map<String, CellCounts> own = new LinkedHashMap<>();
        Map<String, PowerSamples> power = new LinkedHashMap<>();
        for (Map.Entry<String, List<CongestionDay>> e : histories.entrySet()) {
            CellCounts counts = new CellCounts(slots, parameters.halfLifeDays(), first);
            PowerSamples samples = new PowerSamples(slots);
            for (CongestionDay day : e.getValue()) {
                counts.add(day, features);
                pool.add(day, features);
                samples.add(day, features);
            }
            own.put(e.getKey(), counts);
            power.put(e.getKey(), samples);
        }
        Map<String, PointModel> points = new LinkedHashMap<>();
        for (String cp : histories.keySet()) {
            CellCounts counts = own.get(cp);
            long origin = (counts.plainDays > 0 ? counts.lastDay : last) + 1;
            points.put(cp, new PointModel(cp, counts, pool, power.get(cp), features, parameters, origin));
        }
        return new Fitted(points);
    }
}
