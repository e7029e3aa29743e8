package io.flexhub.analytics.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.flexhub.analytics.history.CongestionDay;

/**
 * The history of all congestion points together, as the pool needs it: per day, and per clock slot, how many ISPs
 * were observed, requested and requested to reduce. A day's calendar cells are the same for every point, so these
 * sums carry everything the pool's counts are made of, in a few kB per day however many points there are; a
 * backtest can then replay the pool for one point without holding every point's days.
 */
public final class PoolHistory {

    private final CalendarFeatures features;
    private final int slots;
    private final Map<Long, int[]> days = new HashMap<>();
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    public PoolHistory(CalendarFeatures features) {
        this.features = features;
        this.slots = features.slotsPerDay();
    }

    public void add(CongestionDay day) {
        long epochDay = day.date().toEpochDay();
        int[] sums = days.computeIfAbsent(epochDay, d -> new int[3 * slots]);
        for (CongestionDay.Isp isp : day.isps()) {
            int slot = features.slotOf(day.date(), day.ispCount(), isp.isp(), isp.start());
            sums[slot]++;
            if (isp.requested()) {
                sums[slots + slot]++;
                if (isp.direction() == CongestionDay.Direction.REDUCE) {
                    sums[2 * slots + slot]++;
                }
            }
        }
        first = Math.min(first, epochDay);
        last = Math.max(last, epochDay);
    }

    public void addAll(List<CongestionDay> history) {
        history.forEach(this::add);
    }

    boolean isEmpty() {
        return days.isEmpty();
    }

    long first() {
        return first;
    }

    long last() {
        return last;
    }

    /** {@code [0, slots)} observed, {@code [slots, 2 slots)} requested, then reduce; null for a day nobody had. */
    int[] day(long epochDay) {
        return days.get(epochDay);
    }

    /** The pool's decayed counts of every day up to and including {@code through}. */
    CellCounts counts(double halfLife, long through) {
        CellCounts counts = new CellCounts(slots, halfLife, isEmpty() ? 0 : first);
        for (long d = first; d <= Math.min(last, through); d++) {
            int[] sums = days.get(d);
            if (sums != null) {
                counts.addSums(java.time.LocalDate.ofEpochDay(d), sums, features);
            }
        }
        return counts;
    }
}
