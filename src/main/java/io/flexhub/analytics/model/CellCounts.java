package io.flexhub.analytics.model;

import io.flexhub.analytics.history.CongestionDay;

/**
 * Decayed counts of observed, requested and reduce-requested ISPs in every cell of the hierarchy, coarse to fine:
 * all ISPs; clock slot; day type x slot; day type x season x slot; day type x month x slot. Beside them, plain
 * (undecayed) counts per weekday (holidays as an eighth row) x slot for the heatmap and the long-run baseline.
 *
 * <p>Decay is kept lazily: a day is added with weight {@code 2^((day - anchor) / halfLife)}, growing with time,
 * and a reader multiplies by {@code 2^(-(origin - anchor) / halfLife)}, so that adding a day never touches the
 * other cells and a rolling backtest can ask at every origin. The anchor moves before the weights could overflow.
 */
final class CellCounts {

    static final int LEVELS = 5;
    static final int HEATMAP_ROWS = 8;
    /** Rebase before weights pass 2^400: far below overflow, so sums of many days stay finite. */
    private static final double REBASE_EXPONENT = 400;

    final int slots;
    private final double halfLife;
    private final int[] offsets;
    final double[] observed;
    final double[] requested;
    final double[] reduce;
    /** Decayed number of days, the measure of how much own history a congestion point has. */
    double days;
    private long anchor;
    /** Undecayed: [row * slots + slot], rows Monday..Sunday then holidays. */
    final int[] plainObserved;
    final int[] plainRequested;
    int plainDays;
    long firstDay = Long.MAX_VALUE;
    long lastDay = Long.MIN_VALUE;

    /** @param anchor epoch day of the earliest day that will be added (weights then start at 1) */
    CellCounts(int slots, double halfLife, long anchor) {
        this.slots = slots;
        this.halfLife = halfLife;
        this.anchor = anchor;
        this.offsets = new int[] {0, 1, 1 + slots, 1 + 4 * slots, 1 + 16 * slots};
        int size = 1 + 52 * slots;
        this.observed = new double[size];
        this.requested = new double[size];
        this.reduce = new double[size];
        this.plainObserved = new int[HEATMAP_ROWS * slots];
        this.plainRequested = new int[HEATMAP_ROWS * slots];
    }

    /** Index of level 1..4 for a slot of a day with these cells (level 0 is index 0). */
    int index(int level, int dayType, int seasonCell, int monthCell, int slot) {
        return switch (level) {
            case 1 -> offsets[1] + slot;
            case 2 -> offsets[2] + dayType * slots + slot;
            case 3 -> offsets[3] + seasonCell * slots + slot;
            case 4 -> offsets[4] + monthCell * slots + slot;
            default -> 0;
        };
    }

    /** Multiplier that turns the stored sums into weights as seen from {@code originDay} (epoch day). */
    double scale(long originDay) {
        return Math.pow(2.0, -(originDay - anchor) / halfLife);
    }

    /** Adds one day of the point, each ISP to the clock slot it covered (see {@link CalendarFeatures}). */
    void add(CongestionDay day, CalendarFeatures features) {
        long epochDay = day.date().toEpochDay();
        double exponent = (epochDay - anchor) / halfLife;
        if (exponent > REBASE_EXPONENT) {
            rebase(epochDay);
            exponent = 0;
        }
        double w = Math.pow(2.0, exponent);
        DayType type = features.dayType(day.date());
        int dt = type.ordinal();
        int sc = CalendarFeatures.seasonCell(type, day.date());
        int mc = CalendarFeatures.monthCell(type, day.date());
        int row = type == DayType.SUNDAY_OR_HOLIDAY && features.holidays().isHoliday(day.date())
                ? 7 : day.date().getDayOfWeek().ordinal();
        int o2 = offsets[2] + dt * slots;
        int o3 = offsets[3] + sc * slots;
        int o4 = offsets[4] + mc * slots;
        days += w;
        plainDays++;
        firstDay = Math.min(firstDay, epochDay);
        lastDay = Math.max(lastDay, epochDay);
        for (CongestionDay.Isp isp : day.isps()) {
            int slot = features.slotOf(day.date(), day.ispCount(), isp.isp(), isp.start());
            boolean req = isp.requested();
            boolean red = req && isp.direction() == CongestionDay.Direction.REDUCE;
            bump(0, w, req, red);
            bump(offsets[1] + slot, w, req, red);
            bump(o2 + slot, w, req, red);
            bump(o3 + slot, w, req, red);
            bump(o4 + slot, w, req, red);
            plainObserved[row * slots + slot]++;
            if (req) {
                plainRequested[row * slots + slot]++;
            }
        }
    }

    /** Adds a day of the pool: per clock slot the summed observed, requested and reduce ISPs of all points. */
    void addSums(java.time.LocalDate date, int[] sums, CalendarFeatures features) {
        long epochDay = date.toEpochDay();
        double exponent = (epochDay - anchor) / halfLife;
        if (exponent > REBASE_EXPONENT) {
            rebase(epochDay);
            exponent = 0;
        }
        double w = Math.pow(2.0, exponent);
        DayType type = features.dayType(date);
        int o2 = offsets[2] + type.ordinal() * slots;
        int o3 = offsets[3] + CalendarFeatures.seasonCell(type, date) * slots;
        int o4 = offsets[4] + CalendarFeatures.monthCell(type, date) * slots;
        for (int s = 0; s < slots; s++) {
            double n = sums[s] * w;
            if (n == 0) {
                continue;
            }
            double r = sums[slots + s] * w;
            double d = sums[2 * slots + s] * w;
            add(0, n, r, d);
            add(offsets[1] + s, n, r, d);
            add(o2 + s, n, r, d);
            add(o3 + s, n, r, d);
            add(o4 + s, n, r, d);
        }
    }

    private void add(int i, double n, double r, double d) {
        observed[i] += n;
        requested[i] += r;
        reduce[i] += d;
    }

    private void bump(int i, double w, boolean req, boolean red) {
        observed[i] += w;
        if (req) {
            requested[i] += w;
            if (red) {
                reduce[i] += w;
            }
        }
    }

    private void rebase(long newAnchor) {
        double factor = Math.pow(2.0, -(newAnchor - anchor) / halfLife);
        for (int i = 0; i < observed.length; i++) {
            observed[i] *= factor;
            requested[i] *= factor;
            reduce[i] *= factor;
        }
        days *= factor;
        anchor = newAnchor;
    }

    /** Share of observed ISPs of a clock slot that were requested, over all days without decay; NaN if none. */
    double plainFrequency(int slot) {
        int n = 0;
        int r = 0;
        for (int row = 0; row < HEATMAP_ROWS; row++) {
            n += plainObserved[row * slots + slot];
            r += plainRequested[row * slots + slot];
        }
        return n == 0 ? Double.NaN : (double) r / n;
    }
}
