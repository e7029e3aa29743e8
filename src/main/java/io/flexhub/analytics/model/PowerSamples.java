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
        RequestedKw found = null;
        for (int level = finest; level >= 1 && found == null; level--) {
            double[][] picked = pick(level, dt, season, month, slot, towardsReduce, origin, halfLife);
            if (sum(picked[1]) >= minWeight) {
                found = quantiles(picked);
            }
        }
        if (found == null) {
            // the same for every cell: all of the point's requests in this direction, or none at all
            long all = -1 - (towardsReduce ? 1 : 0);
            found = memo.get(all);
            if (found == null) {
                double[][] picked = pick(0, dt, season, month, slot, towardsReduce, origin, halfLife);
                found = picked[0].length == 0 ? RequestedKw.NONE : quantiles(picked);
                memo.put(all, found);
            }
        }
        memo.put(key, found);
        return found;
    }

    private static double sum(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        return total;
    }

    private static RequestedKw quantiles(double[][] picked) {
        sort(picked[0], picked[1], 0, picked[0].length - 1);
        double total = sum(picked[1]);
        return new RequestedKw(quantile(picked, total, 0.5), quantile(picked, total, 0.9));
    }

    private double[][] pick(int level, int dt, int season, int month, int slot, boolean towardsReduce, long origin,
                            double halfLife) {
        int n = 0;
        double[] values = new double[64];
        double[] weights = new double[64];
        for (int cell : cells(level, dt, season, month, slot)) {
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
        return new double[][] {Arrays.copyOf(values, n), Arrays.copyOf(weights, n)};
    }

    /** The finest cells (day type x month x slot) a level's cell is made of. */
    private int[] cells(int level, int dt, int season, int month, int slot) {
        return switch (level) {
            case 4 -> new int[] {(dt * 12 + month - 1) * slots + slot};
            case 3 -> {
                int[] cells = new int[3];
                int i = 0;
                for (int m = 1; m <= 12; m++) {
                    if (Season.of(java.time.Month.of(m)).ordinal() == season) {
                        cells[i++] = (dt * 12 + m - 1) * slots + slot;
                    }
                }
                yield cells;
            }
            case 2 -> {
                int[] cells = new int[12];
                for (int m = 0; m < 12; m++) {
                    cells[m] = (dt * 12 + m) * slots + slot;
                }
                yield cells;
            }
            case 1 -> {
                int[] cells = new int[36];
                for (int c = 0; c < 36; c++) {
                    cells[c] = c * slots + slot;
                }
                yield cells;
            }
            default -> {
                int[] cells = new int[36 * slots];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = c;
                }
                yield cells;
            }
        };
    }

    /** Weighted quantile of values sorted ascending: the first whose cumulative weight reaches {@code q}. */
    private static double quantile(double[][] picked, double total, double q) {
        double target = q * total;
        double cumulative = 0;
        for (int i = 0; i < picked[0].length; i++) {
            cumulative += picked[1][i];
            if (cumulative >= target - 1e-12) {
                return picked[0][i];
            }
        }
        return picked[0][picked[0].length - 1];
    }

    /** Sorts values ascending, weights along (quicksort on both arrays; no boxing of thousands of samples). */
    private static void sort(double[] values, double[] weights, int lo, int hi) {
        while (lo < hi) {
            double pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double v = values[i];
                    values[i] = values[j];
                    values[j] = v;
                    double w = weights[i];
                    weights[i] = weights[j];
                    weights[j] = w;
                    i++;
                    j--;
                }
            }
            // recurse into the smaller side so that the stack stays shallow
            if (j - lo < hi - i) {
                sort(values, weights, lo, j);
                lo = i;
            } else {
                sort(values, weights, i, hi);
                hi = j;
            }
        }
    }
}
