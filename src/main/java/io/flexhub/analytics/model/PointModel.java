package io.flexhub.analytics.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.flexhub.usef.time.IspCalendar;

/**
 * The fitted model of one congestion point: its own decayed counts, the pooled counts of all points, and its
 * requested-power samples, read as of {@link #origin()} (the day after its last day of history).
 */
public final class PointModel {

    private final String congestionPoint;
    private final CellCounts own;
    private final CellCounts pool;
    private final PowerSamples power;
    private final CalendarFeatures features;
    private final ModelParameters parameters;
    private final long origin;
    private final double ownScale;
    private final double poolScale;
    private final double lambda;

    PointModel(String congestionPoint, CellCounts own, CellCounts pool, PowerSamples power, CalendarFeatures features,
               ModelParameters parameters, long origin) {
        this.congestionPoint = congestionPoint;
        this.own = own;
        this.pool = pool;
        this.power = power;
        this.features = features;
        this.parameters = parameters;
        this.origin = origin;
        this.ownScale = own.scale(origin);
        this.poolScale = pool.scale(origin);
        this.lambda = Shrinkage.lambda(own, ownScale, parameters.poolStrengthDays());
    }

    public String congestionPoint() {
        return congestionPoint;
    }

    /** The day the model looks from: the one after the last day of history. */
    public LocalDate origin() {
        return LocalDate.ofEpochDay(origin);
    }

    public CalendarFeatures features() {
        return features;
    }

    public ModelParameters parameters() {
        return parameters;
    }

    public Forecast.HistoryRange history() {
        if (own.plainDays == 0) {
            return new Forecast.HistoryRange(null, null, 0);
        }
        return new Forecast.HistoryRange(LocalDate.ofEpochDay(own.firstDay), LocalDate.ofEpochDay(own.lastDay),
                own.plainDays);
    }

    /** Weight of the point's own coarser cells against the pool's as parents (1: no pooling needed). */
    public double ownWeight() {
        return lambda;
    }

    /** Request probability and reduce share per clock slot for a calendar cell: {@code [slot][0..1]}. */
    double[][] slotEstimates(DayType type, int month) {
        int dt = type.ordinal();
        int sc = dt * 4 + Season.of(java.time.Month.of(month)).ordinal();
        return estimates(dt, sc, dt * 12 + month - 1, 4);
    }

    /** The point's estimate at the season level (day type x season x slot), as the patterns read it. */
    double[][] seasonEstimates(DayType type, Season season) {
        int dt = type.ordinal();
        int sc = dt * 4 + season.ordinal();
        // the month cell is not read below level 4; any month will do
        return estimates(dt, sc, dt * 12, 3);
    }

    private double[][] estimates(int dt, int sc, int mc, int top) {
        int slots = features.slotsPerDay();
        double[][] gp = new double[CellCounts.LEVELS][slots];
        double[][] gq = new double[CellCounts.LEVELS][slots];
        Shrinkage.pool(pool, poolScale, dt, sc, mc, parameters.cellStrength(), gp, gq);
        double[][] estimates = new double[slots][2];
        double[] out = new double[3];
        for (int s = 0; s < slots; s++) {
            Shrinkage.point(own, ownScale, lambda, dt, sc, mc, s, parameters.cellStrength(), top, gp, gq, out);
            estimates[s][0] = out[0];
            estimates[s][1] = out[1];
        }
        return estimates;
    }

    /** Requested-kW quantiles at the season level, for the patterns. */
    RequestedKw seasonRequestedKw(DayType type, Season season, int slot, boolean reduce) {
        int month = switch (season) {
            case WINTER -> 1;
            case SPRING -> 4;
            case SUMMER -> 7;
            case AUTUMN -> 10;
        };
        return rounded(power.quantiles(3, type, month, slot, reduce, origin, parameters.halfLifeDays(),
                parameters.minPowerSamples()));
    }

    RequestedKw requestedKw(DayType type, int month, int slot, boolean reduce) {
        return power.quantiles(type, month, slot, reduce, origin, parameters.halfLifeDays(),
                parameters.minPowerSamples());
    }

    /** Undecayed heatmap counts, rows Monday..Sunday then holidays: {@code [row][slot]} requested share or NaN. */
    double[][] heatmap() {
        int slots = features.slotsPerDay();
        double[][] rows = new double[CellCounts.HEATMAP_ROWS][slots];
        for (int row = 0; row < CellCounts.HEATMAP_ROWS; row++) {
            for (int s = 0; s < slots; s++) {
                int n = own.plainObserved[row * slots + s];
                rows[row][s] = n == 0 ? Double.NaN : (double) own.plainRequested[row * slots + s] / n;
            }
        }
        return rows;
    }

    /** Per-ISP forecast of {@code days} days from {@code from}, each day with its own ISP count. */
    public Forecast forecast(LocalDate from, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        IspCalendar calendar = features.calendar();
        List<Forecast.Day> out = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            LocalDate date = from.plusDays(i);
            DayType type = features.dayType(date);
            double[][] estimates = slotEstimates(type, date.getMonthValue());
            int[] slots = features.slots(date);
            List<Forecast.Isp> isps = new ArrayList<>(slots.length);
            for (int isp = 1; isp <= slots.length; isp++) {
                int slot = slots[isp - 1];
                double p = estimates[slot][0];
                String direction = null;
                RequestedKw kw = RequestedKw.NONE;
                if (p >= parameters.directionMinProbability()) {
                    boolean reduce = estimates[slot][1] >= 0.5;
                    direction = reduce ? "reduce" : "increase";
                    kw = rounded(requestedKw(type, date.getMonthValue(), slot, reduce));
                }
                isps.add(new Forecast.Isp(isp, calendar.ispStart(date, isp), round(p, 4), direction, kw));
            }
            out.add(new Forecast.Day(date, type.label(), isps));
        }
        return new Forecast(congestionPoint, GridPatternModel.METHOD, history(), out);
    }

    private static RequestedKw rounded(RequestedKw kw) {
        return new RequestedKw(kw.median() == null ? null : round(kw.median(), 1),
                kw.p90() == null ? null : round(kw.p90(), 1));
    }

    static double round(double value, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PointModel[%s, origin %s, own weight %.2f]", congestionPoint, origin(),
                lambda);
    }
}
