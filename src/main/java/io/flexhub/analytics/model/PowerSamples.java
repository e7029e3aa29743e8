package io.flexhub.analytics.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.flexhub.analytics.history.CongestionDay;

/**
 * The requested kW of every requested ISP of one congestion point, by (day type, month, slot) cell, so that
 * quantiles can be taken in the finest cell that has enough of them and in coarser ones otherwise.
 */
final class PowerSamples {

    private final int slots;
    private final double[][] kw;
    private final int[][] day;
    private final boolean[][] reduce;
    private final int[] size;
    private final Map<Long, RequestedKw> memo = new HashMap<>();

    PowerSamples(int slots) {
        this.slots = slots;
        int cells = 36 * slots;
        this.kw = new double[cells][];
        this.day = new int[cells][];
        this.reduce = new boolean[cells][];
        this.size = new int[cells];
    }

    void add(CongestionDay d, CalendarFeatures features) {
        DayType type = features.dayType(d.date());
        int mc = CalendarFeatures.monthCell(type, d.date());
        for (CongestionDay.Isp isp : d.isps()) {
            if (!isp.requested() || isp.direction() == null) {
                continue;
            }
            double value = isp.requestedKw();
            if (!Double.isFinite(value)) {
                continue;
            }
            int slot = features.slotOf(d.date(), d.ispCount(), isp.isp(), isp.start());
            int cell = mc * slots + slot;
            if (kw[cell] == null) {
                kw[cell] = new double[8];
                day[cell] = new int[8];
                reduce[cell] = new boolean[8];
            } else if (size[cell] == kw[cell].length) {
                int grown = size[cell] * 2;
                kw[cell] = Arrays.copyOf(kw[cell], grown);
                day[cell] = Arrays.copyOf(day[cell], grown);
                reduce[cell] = Arrays.copyOf(reduce[cell], grown);
            }
            kw[cell][size[cell]] = value;
            day[cell][size[cell]] = (int) d.date().toEpochDay();
            reduce[cell][size[cell]] = isp.direction() == CongestionDay.Direction.REDUCE;
            size[cell]++;
        }
    }

    /**
     * Median and P90 of the requested kW in the given direction, from the finest level (month, season, day type,
     * slot, everything) with at least {@code minWeight} decayed samples; the coarsest with any otherwise.
     */
    synchronized RequestedKw quantiles(DayType type, int month, int slot, boolean towardsReduce, long origin,
                                       double halfLife, double minWeight) {
        return quantiles(4, type, month, slot, towardsReduce, origin, halfLife, minWeight);
    }

    /** As above, starting at level {@code finest} (3: the season of {@code month}, its month not looked at). */
    synchronized RequestedKw quantiles(int finest, DayType type, int month, int slot, boolean towardsReduce,
                                       long origin, double halfLife, double minWeight) {
        int dt = type.ordinal();
        int season = Season.of(java.time.Month.of(month)).ordinal();
        long key = (((((long) finest * 3 + dt) * 13 + month) * slots + slot) * 2 + (towardsReduce ? 1 : 0));
        RequestedKw known = memo.get(key);
        if (known != null) {
            return known;
        }
        RequestedKw found = RequestedKw.NONE;
        for (int level = finest; level >= 0; level--) {
            double[][] picked = pick(level, dt, season, month, slot, towardsReduce, origin, halfLife);
            if (picked[0].length == 0) {
                continue;
            }
            double total = 0;
            for (double w : picked[1]) {
                total += w;
            }
            if (total >= minWeight || level == 0) {
                found = new RequestedKw(quantile(picked, total, 0.5), quantile(picked, total, 0.9));
                break;
            }
        }
        memo.put(key, found);
        return found;
    }

    private double[][] pick(int level, int dt, int season, int month, int slot, boolean towardsReduce, long origin,
                            double halfLife) {
        int n = 0;
        double[] values = new double[64];
        double[] weights = new double[64];
        for (int t = 0; t < 3; t++) {
            if (level >= 2 && t != dt) {
                continue;
            }
            for (int m = 1; m <= 12; m++) {
                if (level == 4 && m != month || level == 3 && Season.of(java.time.Month.of(m)).ordinal() != season) {
                    continue;
                }
                for (int s = 0; s < slots; s++) {
                    if (level >= 1 && s != slot) {
                        continue;
                    }
                    int cell = (t * 12 + m - 1) * slots + s;
                    for (int i = 0; i < size[cell]; i++) {
                        if (reduce[cell][i] != towardsReduce) {
                            continue;
                        }
                        if (n == values.length) {
                            values = Arrays.copyOf(values, n * 2);
                            weights = Arrays.copyOf(weights, n * 2);
                        }
                        values[n] = kw[cell][i];
                        weights[n] = Math.pow(2.0, -(origin - day[cell][i]) / halfLife);
                        n++;
                    }
                }
            }
        }
        return new double[][] {Arrays.copyOf(values, n), Arrays.copyOf(weights, n)};
    }

    /** Weighted quantile: the smallest value whose cumulative weight reaches {@code q} of the total. */
    private static double quantile(double[][] picked, double total, double q) {
        int n = picked[0].length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(picked[0][a], picked[0][b]));
        double target = q * total;
        double cumulative = 0;
        for (int i = 0; i < n; i++) {
            cumulative += picked[1][order[i]];
            if (cumulative >= target - 1e-12) {
                return picked[0][order[i]];
            }
        }
        return picked[0][order[n - 1]];
    }
}
