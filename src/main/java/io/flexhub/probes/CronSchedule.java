package io.flexhub.probes;

import java.text.ParseException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

/**
 * A probe's cron expression, evaluated by Quartz's {@link CronExpression}. Probe files keep the classic dialect:
 * five fields (minute hour day-of-month month day-of-week) or six with seconds first, day-of-week 0-7 with 0 and 7
 * for Sunday ({@code MON-FRI}, {@code JAN} as names), and when both day fields are restricted a day matching either
 * one fires. Quartz counts Sunday as 1 and takes only one restricted day field per expression, so the day of week
 * is written with names and "either day field" becomes two Quartz expressions of which the earlier fire counts.
 */
public final class CronSchedule {

    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern ZERO_STEP = Pattern.compile("/0+(,|$)");

    private final String expression;
    private final List<String> quartz;

    private CronSchedule(String expression, List<String> quartz) {
        this.expression = expression;
        this.quartz = quartz;
    }

    /** @throws IllegalArgumentException naming the field that does not parse */
    public static CronSchedule parse(String expression) {
        String[] parts = expression.trim().split("\\s+");
        String[] f;
        if (parts.length == 5) {
            f = new String[] {"0", parts[0], parts[1], parts[2], parts[3], parts[4]};
        } else if (parts.length == 6) {
            f = parts;
        } else {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day month weekday) or 6 "
                    + "(with seconds first), found " + parts.length + " in '" + expression + "'");
        }
        String[] names = {"seconds", "minutes", "hours", "day of month", "month", "day of week"};
        for (int i = 0; i < f.length; i++) {
            // Quartz reads a step of 0 as no step at all; classic cron refuses it
            if (ZERO_STEP.matcher(f[i]).find()) {
                throw new IllegalArgumentException(names[i] + ": step must be at least 1 in '" + f[i] + "'");
            }
            if (i < 3 || i == 4) {
                f[i] = f[i].replace('?', '*');
            }
        }
        String time = f[0] + " " + f[1] + " " + f[2] + " ";
        boolean anyDayOfMonth = any(f[3]);
        boolean anyDayOfWeek = any(f[5]);
        String dayOfWeek = anyDayOfWeek ? "?" : dayNames(f[5]);
        List<String> quartz = new ArrayList<>();
        if (anyDayOfMonth && anyDayOfWeek) {
            quartz.add(time + "* " + f[4] + " ?");
        } else if (anyDayOfMonth) {
            quartz.add(time + "? " + f[4] + " " + dayOfWeek);
        } else if (anyDayOfWeek) {
            quartz.add(time + f[3] + " " + f[4] + " ?");
        } else {
            quartz.add(time + f[3] + " " + f[4] + " ?");
            quartz.add(time + "? " + f[4] + " " + dayOfWeek);
        }
        for (String q : quartz) {
            compile(q, expression, TimeZone.getTimeZone("UTC"));
        }
        return new CronSchedule(expression, List.copyOf(quartz));
    }

    /** The first time strictly after {@code after} that matches, in the zone of {@code after}; null within 5 years. */
    public ZonedDateTime next(ZonedDateTime after) {
        TimeZone zone = TimeZone.getTimeZone(after.getZone());
        Date from = Date.from(after.toInstant());
        Optional<Date> first = quartz.stream()
                // built per call: a CronExpression carries its time zone, and schedules are read by several threads
                .map(q -> compile(q, expression, zone).getNextValidTimeAfter(from))
                .filter(d -> d != null).min(Date::compareTo);
        ZonedDateTime limit = after.plusYears(5);
        return first.map(d -> d.toInstant().atZone(after.getZone())).filter(t -> t.isBefore(limit)).orElse(null);
    }

    /** The Quartz expressions this one is evaluated as. */
    List<String> quartzExpressions() {
        return quartz;
    }

    private static CronExpression compile(String quartz, String expression, TimeZone zone) {
        try {
            CronExpression cron = new CronExpression(quartz);
            cron.setTimeZone(zone);
            return cron;
        } catch (ParseException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a cron expression: " + e.getMessage(), e);
        }
    }

    private static boolean any(String field) {
        return field.equals("*") || field.equals("?");
    }

    /** Classic day numbers (0 and 7 Sunday) as names, which Quartz reads the same whatever its numbering. */
    private static String dayNames(String field) {
        List<String> out = new ArrayList<>();
        for (String part : field.split(",", -1)) {
            int slash = part.indexOf('/');
            String range = slash < 0 ? part : part.substring(0, slash);
            String step = slash < 0 ? "" : part.substring(slash);
            List<String> ends = new ArrayList<>();
            for (String end : range.split("-", -1)) {
                ends.add(NUMBER.matcher(end).matches() ? day(end, part) : end);
            }
            out.add(String.join("-", ends) + step);
        }
        return String.join(",", out);
    }

    private static String day(String number, String part) {
        int n = Integer.parseInt(number);
        if (n > 7) {
            throw new IllegalArgumentException("day of week: '" + part + "' is outside 0-7");
        }
        return DAYS.get(n);
    }

    @Override
    public String toString() {
        return expression;
    }
}
