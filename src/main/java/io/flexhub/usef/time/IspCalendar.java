package io.flexhub.usef.time;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * ISP arithmetic of one market (time zone + ISP duration).
 *
 * <p>ISPs are numbered from 1 per Period and laid out on the UTC timeline from the start of that day in the
 * market zone, so a DST day simply has fewer or more ISPs (92 or 100 at PT15M in Europe) and ISP n always starts
 * at start-of-day + (n - 1) x ISP duration, also after the clock change. This is what shapeshifter-library-java
 * does in {@code DateTimeCalculation}.
 */
public final class IspCalendar {

    private final ZoneId zone;
    private final Duration ispDuration;

    public IspCalendar(ZoneId zone, Duration ispDuration) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.ispDuration = Objects.requireNonNull(ispDuration, "ispDuration");
        if (ispDuration.isZero() || ispDuration.isNegative()) {
            throw new IllegalArgumentException("ISP duration must be positive: " + ispDuration);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public Duration ispDuration() {
        return ispDuration;
    }

    public Instant startOfPeriod(LocalDate period) {
        return period.atStartOfDay(zone).toInstant();
    }

    /** A trailing remainder shorter than one ISP (only with durations that do not divide the day) is no ISP. */
    public int ispCount(LocalDate period) {
        Duration day = Duration.between(startOfPeriod(period), startOfPeriod(period.plusDays(1)));
        return Math.toIntExact(day.dividedBy(ispDuration));
    }

    public Instant ispStart(LocalDate period, long isp) {
        requireIsp(period, isp);
        return startOfPeriod(period).plus(ispDuration.multipliedBy(isp - 1));
    }

    public Instant ispEnd(LocalDate period, long isp) {
        requireIsp(period, isp);
        return startOfPeriod(period).plus(ispDuration.multipliedBy(isp));
    }

    /**
     * The first ISP of the Period that starts after {@code earliest} (one starting at that instant has begun): 1 when
     * the Period lies ahead, {@code ispCount + 1} when every ISP has begun by then.
     */
    public int firstIspAfter(LocalDate period, Instant earliest) {
        Instant start = startOfPeriod(period);
        if (earliest.isBefore(start)) {
            return 1;
        }
        long elapsed = Duration.between(start, earliest).toNanos() / ispDuration.toNanos();
        return (int) Math.min(ispCount(period) + 1L, elapsed + 2);
    }

    /** The Period (day in the market zone) and ISP number that contain the instant. */
    public IspSlot ispAt(Instant instant) {
        LocalDate period = LocalDate.ofInstant(instant, zone);
        long elapsed = Duration.between(startOfPeriod(period), instant).dividedBy(ispDuration);
        int isp = Math.toIntExact(elapsed + 1);
        if (isp > ispCount(period)) {
            throw new DateTimeException(instant + " falls in the incomplete last ISP of " + period);
        }
        return new IspSlot(period, isp);
    }

    /**
     * The ISP numbers covered by ISP elements of one Period. Bounds are checked first so that a hostile
     * {@code Duration} cannot make the set huge.
     */
    public SortedSet<Integer> expand(LocalDate period, Collection<IspRange> ranges) {
        int count = ispCount(period);
        SortedSet<Integer> numbers = new TreeSet<>();
        for (IspRange range : ranges) {
            if (!range.isWithin(count)) {
                throw new IllegalArgumentException(range + " is outside ISPs 1-" + count + " of " + period);
            }
            for (long isp = range.start(); isp <= range.last(); isp++) {
                numbers.add((int) isp);
            }
        }
        return numbers;
    }

    private void requireIsp(LocalDate period, long isp) {
        int count = ispCount(period);
        if (isp < 1 || isp > count) {
            throw new IllegalArgumentException("ISP " + isp + " is outside 1-" + count + " on " + period);
        }
    }

    @Override
    public String toString() {
        return "IspCalendar[" + zone + ", " + ispDuration + "]";
    }
}
