package io.flexhub.selfconsumption.optimizer;

import java.util.List;

/**
 * One building's day: forecasts and prices per ISP, grid limits, EV sessions, optional battery, and the
 * grid headroom to keep where the DSO is likely to ask for flexibility (null: none). Arrays are used as
 * given (not copied) because portfolios hold a thousand of them; treat them as read-only.
 */
public record Building(
        String id,
        double[] pvKw,
        double[] loadKw,
        double[] importPrice,
        double[] exportPrice,
        GridLimits grid,
        List<EvSession> evs,
        Battery battery,
        GridHeadroom headroom) {

    public Building(String id, double[] pvKw, double[] loadKw, double[] importPrice, double[] exportPrice,
            GridLimits grid, List<EvSession> evs, Battery battery) {
        this(id, pvKw, loadKw, importPrice, exportPrice, grid, evs, battery, null);
    }

    public Building {
        grid = grid == null ? GridLimits.NONE : grid;
        evs = evs == null ? List.of() : List.copyOf(evs);
        int isps = requireSeries(id, "pv_kw", pvKw, pvKw == null ? 0 : pvKw.length);
        requireSeries(id, "load_kw", loadKw, isps);
        requireSeries(id, "import_price", importPrice, isps);
        requireSeries(id, "export_price", exportPrice, isps);
        if (grid.importMaxKw() != null) {
            requireSeries(id, "import_max_kw", grid.importMaxKw(), isps);
        }
        if (grid.exportMaxKw() != null) {
            requireSeries(id, "export_max_kw", grid.exportMaxKw(), isps);
        }
        if (headroom != null && headroom.isps() != isps) {
            throw new IllegalArgumentException("building " + id + " headroom: expected " + isps + " ISPs");
        }
    }

    /** The same day with this headroom (null: none). */
    public Building withHeadroom(GridHeadroom room) {
        return new Building(id, pvKw, loadKw, importPrice, exportPrice, grid, evs, battery, room);
    }

    /** Arrays of the wrong length or with NaN/infinite values are input errors, not physical states. */
    private static int requireSeries(String id, String key, double[] values, int isps) {
        if (values == null || values.length != isps || isps == 0) {
            throw new IllegalArgumentException("building " + id + " " + key + ": expected " + isps + " numbers");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("building " + id + " " + key + ": not a finite number: " + v);
            }
        }
        return isps;
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
