package io.flexhub.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.flexhub.analytics.history.CongestionDay;
import io.flexhub.analytics.history.FlexRequestHistory;
import io.flexhub.analytics.model.SyntheticDso;

/**
 * A {@link FlexRequestHistory} whose congestion points follow the synthetic DSO's known patterns, each from its
 * first to its last day; days are drawn when asked for (the same every time), so years of history cost no memory.
 */
public final class SyntheticFlexRequestHistory implements FlexRequestHistory {

    /** One congestion point's pattern and observed range. */
    public record Point(SyntheticDso.Profile profile, LocalDate first, LocalDate last) {
    }

    private final SyntheticDso dso;
    private final Map<String, Point> points = new ConcurrentHashMap<>();

    public SyntheticFlexRequestHistory(SyntheticDso dso) {
        this.dso = dso;
    }

    public SyntheticDso dso() {
        return dso;
    }

    /** Adds or replaces a point's history. */
    public void put(String congestionPoint, Point point) {
        points.put(congestionPoint, point);
    }

    public void remove(String congestionPoint) {
        points.remove(congestionPoint);
    }

    public Point point(String congestionPoint) {
        return points.get(congestionPoint);
    }

    @Override
    public List<String> congestionPoints() {
        return points.keySet().stream().sorted().toList();
    }

    @Override
    public List<CongestionDay> days(String congestionPoint, LocalDate from, LocalDate to) {
        Point point = points.get(congestionPoint);
        if (point == null) {
            return List.of();
        }
        LocalDate first = from.isAfter(point.first()) ? from : point.first();
        LocalDate last = to.isBefore(point.last()) ? to : point.last();
        if (last.isBefore(first)) {
            return new ArrayList<>();
        }
        return dso.days(congestionPoint, point.profile(), first, last);
    }
}
