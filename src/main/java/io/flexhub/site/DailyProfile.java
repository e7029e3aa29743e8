package io.flexhub.site;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A device's expected power over a site-local day, as 96 quarter-hour averages in kW (positive = consumption), one
 * day shape for weekdays and one for weekends.
 *
 * <p>Mapping onto market ISPs goes through site-local time minute by minute, so that a 23- or 25-hour day (DST)
 * skips or repeats the right quarter-hours and any ISP length works, not only 15 minutes.
 */
public record DailyProfile(double[] weekdayKw, double[] weekendKw) {

    public static final int SLOTS = 96;
    private static final int SLOT_MINUTES = 15;

    public DailyProfile {
        if (weekdayKw == null || weekdayKw.length != SLOTS) {
            throw new IllegalArgumentException("a profile needs " + SLOTS + " quarter-hour values");
        }
        weekendKw = weekendKw == null ? weekdayKw : weekendKw;
        if (weekendKw.length != SLOTS) {
            throw new IllegalArgumentException("a weekend profile needs " + SLOTS + " quarter-hour values");
        }
        weekdayKw = weekdayKw.clone();
        weekendKw = weekendKw.clone();
    }

    public static DailyProfile flat(double kw) {
        double[] v = new double[SLOTS];
        Arrays.fill(v, kw);
        return new DailyProfile(v, v);
    }

    /** Average power per ISP of {@code isp} length, {@code count} of them from {@code from}. */
    public double[] averageKw(ZoneId zone, Instant from, Duration isp, int count) {
        if (isp.isZero() || isp.isNegative() || count < 0) {
            throw new IllegalArgumentException("ISP length must be positive and the count not negative");
        }
        long step = isp.getSeconds() % 60 == 0 && isp.getNano() == 0 ? 60 : 1;
        long samples = Math.max(1, isp.getSeconds() / step);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            Instant start = from.plus(isp.multipliedBy(i));
            double sum = 0;
            for (long s = 0; s < samples; s++) {
                sum += at(start.plusSeconds(s * step).atZone(zone));
            }
            out[i] = sum / samples;
        }
        return out;
    }

    /** The value of the quarter-hour containing this local time. */
    public double at(ZonedDateTime local) {
        double[] day = weekend(local.getDayOfWeek()) ? weekendKw : weekdayKw;
        return day[(local.getHour() * 60 + local.getMinute()) / SLOT_MINUTES];
    }

    public double[] weekday() {
        return weekdayKw.clone();
    }

    public double[] weekend() {
        return weekendKw.clone();
    }

    private static boolean weekend(DayOfWeek d) {
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /**
     * The deterministic generator behind the site file: a base load, plus plateaus with linear ramps at both ends,
     * plus a solar half-sine between sunrise and sunset. Values are sampled at the middle of each quarter-hour.
     */
    public static double[] generate(double baseKw, List<Block> blocks, SolarBell bell) {
        double[] v = new double[SLOTS];
        for (int slot = 0; slot < SLOTS; slot++) {
            double minute = slot * SLOT_MINUTES + SLOT_MINUTES / 2.0;
            double kw = baseKw;
            for (Block b : blocks) {
                kw += b.kwAt(minute);
            }
            if (bell != null) {
                kw += bell.kwAt(minute);
            }
            v[slot] = Math.round(kw * 1000.0) / 1000.0;
        }
        return v;
    }

    /** A plateau of {@code kw} above the base from {@code from} to {@code to} (may cross midnight). */
    public record Block(LocalTime from, LocalTime to, double kw, int rampMinutes) {

        public Block {
            if (from == null || to == null || rampMinutes < 0) {
                throw new IllegalArgumentException("a profile block needs from, to and a ramp >= 0");
            }
        }

        double kwAt(double minute) {
            double start = from.toSecondOfDay() / 60.0;
            double end = to.toSecondOfDay() / 60.0;
            double length = end > start ? end - start : end + 1440 - start;
            double into = minute >= start ? minute - start : minute + 1440 - start;
            if (into >= length) {
                return 0;
            }
            double ramp = Math.min(rampMinutes, length / 2);
            if (ramp > 0 && into < ramp) {
                return kw * into / ramp;
            }
            if (ramp > 0 && length - into < ramp) {
                return kw * (length - into) / ramp;
            }
            return kw;
        }
    }

    /** PV production as a half-sine from sunrise to sunset peaking at {@code peakKw} (negative: generation). */
    public record SolarBell(LocalTime sunrise, LocalTime sunset, double peakKw) {

        public SolarBell {
            if (sunrise == null || sunset == null || !sunset.isAfter(sunrise)) {
                throw new IllegalArgumentException("a solar profile needs a sunrise before its sunset");
            }
        }

        double kwAt(double minute) {
            double rise = sunrise.toSecondOfDay() / 60.0;
            double set = sunset.toSecondOfDay() / 60.0;
            if (minute <= rise || minute >= set) {
                return 0;
            }
            return peakKw * Math.sin(Math.PI * (minute - rise) / (set - rise));
        }
    }
}
