package io.flexhub.analytics.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import io.flexhub.analytics.history.CongestionDay;
import io.flexhub.analytics.history.CongestionDay.Direction;

/**
 * A DSO whose congestion pattern is known exactly: blocks of ISPs (a winter morning peak, the evening peak, a
 * summer midday PV surplus) that occur on a day with a probability set per season and day type (scaled a little
 * per month), each with its start and end jittered by up to {@value #JITTER} ISPs. {@link #truth} is the exact
 * probability that an ISP is requested, against which the model's forecast is measured.
 */
public final class SyntheticDso {

    public static final int JITTER = 2;
    /** Within a season the months differ a little, so that the month level has something to find. */
    private static final Map<Month, Double> MONTH_FACTOR = new EnumMap<>(Map.ofEntries(
            Map.entry(Month.JANUARY, 1.15), Map.entry(Month.FEBRUARY, 0.9), Map.entry(Month.MARCH, 1.1),
            Map.entry(Month.MAY, 0.85), Map.entry(Month.JULY, 1.1), Map.entry(Month.AUGUST, 0.9),
            Map.entry(Month.SEPTEMBER, 0.85), Map.entry(Month.NOVEMBER, 1.1)));

    /**
     * @param firstSlot first clock slot of the nominal block (15-minute slots of the local day)
     * @param lastSlot  last clock slot, inclusive
     * @param chance    [day type][season] probability that the block occurs on a day
     */
    public record Block(String name, int firstSlot, int lastSlot, Direction direction, double medianKw, double[][] chance) {
    }

    /** A congestion point's pattern: blocks shifted by some slots, their chances and sizes scaled. */
    public record Profile(List<Block> blocks, int shift, double chanceFactor, double kwFactor) {

        public Profile shifted(int slots, double chance, double kw) {
            return new Profile(blocks, shift + slots, chanceFactor * chance, kwFactor * kw);
        }
    }

    public static Profile standard() {
        // seasons in Season order: winter, spring, summer, autumn; day types: working day, Saturday, Sunday/holiday
        Block morning = new Block("morning", 28, 35, Direction.REDUCE, 90, new double[][] {
                {0.45, 0.10, 0.0, 0.25}, {0.05, 0.0, 0.0, 0.02}, {0.03, 0.0, 0.0, 0.0}});
        Block midday = new Block("midday", 44, 59, Direction.INCREASE, 80, new double[][] {
                {0.0, 0.12, 0.30, 0.03}, {0.0, 0.20, 0.45, 0.05}, {0.0, 0.30, 0.60, 0.08}});
        Block evening = new Block("evening", 68, 79, Direction.REDUCE, 150, new double[][] {
                {0.75, 0.35, 0.10, 0.55}, {0.35, 0.15, 0.05, 0.25}, {0.20, 0.08, 0.03, 0.12}});
        return new Profile(List.of(morning, midday, evening), 0, 1.0, 1.0);
    }

    private final CalendarFeatures features;
    private final long seed;

    public SyntheticDso(CalendarFeatures features, long seed) {
        this.features = features;
        this.seed = seed;
    }

    /** Chance that the block occurs on the date for this profile. */
    public double dayChance(Profile profile, Block block, LocalDate date) {
        DayType type = features.dayType(date);
        double base = block.chance()[type.ordinal()][Season.of(date.getMonth()).ordinal()];
        return Math.min(0.95, base * profile.chanceFactor() * MONTH_FACTOR.getOrDefault(date.getMonth(), 1.0));
    }

    /** Exact probability that the clock slot is requested on the date. */
    public double truth(Profile profile, LocalDate date, int slot) {
        double none = 1.0;
        for (Block block : profile.blocks()) {
            double p = dayChance(profile, block, date) * cover(block.firstSlot() + profile.shift(),
                    block.lastSlot() + profile.shift(), slot);
            none *= 1 - p;
        }
        return 1 - none;
    }

    /** P(start <= slot <= end) with start and end each uniform over +-JITTER around the nominal, independent. */
    private static double cover(int first, int last, int slot) {
        int n = 2 * JITTER + 1;
        double startBefore = 0;
        double endAfter = 0;
        for (int j = -JITTER; j <= JITTER; j++) {
            if (first + j <= slot) {
                startBefore += 1.0 / n;
            }
            if (last + j >= slot) {
                endAfter += 1.0 / n;
            }
        }
        return startBefore * endAfter;
    }

    /** Truth for every ISP of the date, index 0 = ISP 1. */
    public double[] truth(Profile profile, LocalDate date) {
        int[] slots = features.slots(date);
        double[] t = new double[slots.length];
        for (int i = 0; i < slots.length; i++) {
            t[i] = truth(profile, date, slots[i]);
        }
        return t;
    }

    /** Median requested kW of the block covering the slot (the one whose nominal range holds it). */
    public double medianKw(Profile profile, int slot) {
        for (Block block : profile.blocks()) {
            if (slot >= block.firstSlot() + profile.shift() && slot <= block.lastSlot() + profile.shift()) {
                return block.medianKw() * profile.kwFactor();
            }
        }
        return Double.NaN;
    }

    /** The history of one congestion point, every day from {@code from} to {@code to} that {@code keep} lets through. */
    public List<CongestionDay> days(String cp, Profile profile, LocalDate from, LocalDate to, Predicate<LocalDate> keep) {
        List<CongestionDay> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            CongestionDay day = day(cp, profile, d);
            if (keep.test(d)) {
                days.add(day);
            }
        }
        return days;
    }

    public List<CongestionDay> days(String cp, Profile profile, LocalDate from, LocalDate to) {
        return days(cp, profile, from, to, d -> true);
    }

    /** One day: the same congestion point and date always give the same day (a seeded draw per day). */
    public CongestionDay day(String cp, Profile profile, LocalDate date) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + cp.hashCode() * 31L + date.toEpochDay());
        int slots = features.slotsPerDay();
        double[] kw = new double[slots];
        Direction[] direction = new Direction[slots];
        for (Block block : profile.blocks()) {
            if (random.nextDouble() >= dayChance(profile, block, date)) {
                continue;
            }
            int first = block.firstSlot() + profile.shift() + random.nextInt(-JITTER, JITTER + 1);
            int last = block.lastSlot() + profile.shift() + random.nextInt(-JITTER, JITTER + 1);
            double size = block.medianKw() * profile.kwFactor() * Math.exp(0.25 * gaussian(random));
            for (int s = Math.max(0, first); s <= Math.min(slots - 1, last); s++) {
                kw[s] = size;
                direction[s] = block.direction();
            }
        }
        Instant dayStart = features.calendar().startOfPeriod(date);
        Instant sent = dayStart.minus(Duration.ofHours(10));
        int[] slotOf = features.slots(date);
        int count = slotOf.length;
        List<CongestionDay.Isp> isps = new ArrayList<>(count);
        for (int isp = 1; isp <= count; isp++) {
            Instant start = dayStart.plus(features.calendar().ispDuration().multipliedBy(isp - 1));
            int slot = slotOf[isp - 1];
            if (direction[slot] == null) {
                isps.add(new CongestionDay.Isp(isp, start, false, null, null, null, null));
            } else if (direction[slot] == Direction.REDUCE) {
                isps.add(new CongestionDay.Isp(isp, start, true, Direction.REDUCE, -kw[slot] - 500, -kw[slot],
                        Duration.between(sent, start)));
            } else {
                isps.add(new CongestionDay.Isp(isp, start, true, Direction.INCREASE, kw[slot], kw[slot] + 500,
                        Duration.between(sent, start)));
            }
        }
        return new CongestionDay(cp, date, count, isps);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** A DSO with {@code count} congestion points whose patterns vary around the standard one. */
    public Map<String, Profile> portfolio(int count) {
        Map<String, Profile> points = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            points.put(String.format("ean.8716859000%08d", i), standard().shifted(random.nextInt(-2, 3),
                    0.8 + 0.4 * random.nextDouble(), 0.5 + random.nextDouble() * 2));
        }
        return points;
    }
}
