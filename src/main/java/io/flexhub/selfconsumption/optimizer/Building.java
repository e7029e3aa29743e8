package io.flexhub.selfconsumption.optimizer;

import java.util.List;

/**
 * One building's day: forecasts and prices per ISP, grid limits, EV sessions, optional battery.
 * Arrays are used as given (not copied) because portfolios hold a thousand of them; treat them
 * as read-only.
 */
public record Building(
        String id,
        double[] pvKw,
        double[] loadKw,
        double[] importPrice,
        double[] exportPrice,
        GridLimits grid,
        List<EvSession> evs,
        Battery battery) {

    public Building {
        grid = grid == null ? GridLimits.NONE : grid;
        evs = evs == null ? List.of() : List.copyOf(evs);
    }

    public int isps() {
        return pvKw.length;
    }

    public double cheapestImportPrice() {
        double min = Double.POSITIVE_INFINITY;
        for (double p : importPrice) {
            min = Math.min(min, p);
        }
        return min;
    }

    public double dearestImportPrice() {
        double max = Double.NEGATIVE_INFINITY;
        for (double p : importPrice) {
            max = Math.max(max, p);
        }
        return max;
    }
}
