package io.flexhub.energy.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the building page buckets time. ISP and hour buckets are averages in kW; day, week (from Monday) and month
 * buckets are energies in kWh. Days, weeks and months start at local midnight of the market time zone, so a
 * daylight-saving day holds 92 or 100 ISPs and its hour buckets are 23 or 25.
 */
public enum Resolution {
    ISP, HOUR, DAY, WEEK, MONTH;

    /** The query parameter's value; anything else is a 400 naming the parameter. */
    public static Resolution parse(String name, String raw) {
        if (raw != null) {
            for (Resolution r : values()) {
                if (r.wire().equals(raw.trim().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException(name + " must be isp, hour, day, week or month, got '" + raw + "'");
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** kW for ISP and hour (mean power), kWh for the others (energy). */
    public boolean power() {
        return this == ISP || this == HOUR;
    }

    public String unit() {
        return power() ? "kW" : "kWh";
    }

    /**
     * Bucket starts covering the local days {@code from..to} (both included): weeks from the Monday on or before
     * {@code from}, months from its first day.
     */
    public List<Instant> starts(LocalDate from, LocalDate to, ZoneId zone, Duration isp) {
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Instant t = switch (this) {
            case WEEK -> from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
            case MONTH -> from.withDayOfMonth(1).atStartOfDay(zone).toInstant();
            default -> from.atStartOfDay(zone).toInstant();
        };
        List<Instant> out = new ArrayList<>();
        while (t.isBefore(end)) {
            out.add(t);
            t = next(t, zone, isp);
        }
        return out;
    }

    /** Where the bucket starting at {@code t} ends. */
    public Instant next(Instant t, ZoneId zone, Duration isp) {
        return switch (this) {
            case ISP -> t.plus(isp);
            // whole hours of UTC are whole hours of every zone with an hourly offset, DST days included
            case HOUR -> t.plus(Duration.ofHours(1));
            case DAY -> t.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case WEEK -> t.atZone(zone).toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
            case MONTH -> t.atZone(zone).toLocalDate().plusMonths(1).atStartOfDay(zone).toInstant();
        };
    }
}
