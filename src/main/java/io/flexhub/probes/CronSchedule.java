package io.flexhub.probes;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A cron expression: five fields (minute hour day-of-month month day-of-week) or six with seconds first, each a
 * list of values, ranges and steps ({@code *}, {@code ?}, {@code 1-5}, {@code *}{@code /15}, {@code MON-FRI},
 * {@code JAN}). When both day fields are restricted a day matching either one fires, as in classic cron.
 */
public final class CronSchedule {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String expression;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String expression, String[] f) {
        this.expression = expression;
        this.seconds = parse(f[0], 0, 59, null, "seconds");
        this.minutes = parse(f[1], 0, 59, null, "minutes");
        this.hours = parse(f[2], 0, 23, null, "hours");
        this.daysOfMonth = parse(f[3], 1, 31, null, "day of month");
        this.months = parse(f[4], 1, 12, MONTHS, "month");
        BitSet dow = parse(f[5], 0, 7, DAYS, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        this.daysOfWeek = dow;
        this.anyDayOfMonth = isAny(f[3]);
        this.anyDayOfWeek = isAny(f[5]);
    }

    /** @throws IllegalArgumentException naming the field that does not parse */
    public static CronSchedule parse(String expression) {
        String[] parts = expression.trim().split("\\s+");
        if (parts.length == 5) {
            return new CronSchedule(expression, new String[] {"0", parts[0], parts[1], parts[2], parts[3], parts[4]});
        }
        if (parts.length == 6) {
            return new CronSchedule(expression, parts);
        }
        throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day month weekday) or 6 "
                + "(with seconds first), found " + parts.length + " in '" + expression + "'");
    }

    /** The first time strictly after {@code after} that matches, in the zone of {@code after}; null within 5 years. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        ZonedDateTime limit = after.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return t;
            }
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        if (anyDayOfMonth && anyDayOfWeek) {
            return true;
        }
        if (anyDayOfMonth) {
            return dow;
        }
        if (anyDayOfWeek) {
            return dom;
        }
        return dom || dow;
    }

    private static boolean isAny(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static BitSet parse(String field, int min, int max, List<String> names, String what) {
        BitSet bits = new BitSet(max + 1);
        for (String part : field.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), null, what, part);
                if (step < 1) {
                    throw new IllegalArgumentException(what + ": step must be at least 1 in '" + part + "'");
                }
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], names, what, part);
                to = number(ends[1], names, what, part);
            } else {
                from = number(range, names, what, part);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException(what + ": '" + part + "' is outside " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String text, List<String> names, String what, String part) {
        if (names != null) {
            int index = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return names == MONTHS ? index + 1 : index;
            }
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + part + "' is not a number, range or step");
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
