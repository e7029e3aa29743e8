package io.flexhub.analytics.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Public holidays of the market's country, on which the grid looks like a Sunday. {@code NL} knows the Dutch
 * holidays that close offices and schools (New Year, Easter Sunday and Monday, King's Day, Liberation Day in the
 * years it is a day off, Ascension, Whit Sunday and Monday, Christmas Day and Boxing Day); {@code NONE} knows
 * none. Either way operators add their own days: one-off dates and dates that recur every year.
 *
 * @param country     {@code NL} or {@code NONE}
 * @param extraDates  further holidays on one date (a regional holiday, a bridge day)
 * @param extraAnnual further holidays on the same day every year
 */
public record HolidayCalendar(String country, Set<LocalDate> extraDates, Set<MonthDay> extraAnnual) {

    private static final List<String> COUNTRIES = List.of("NL", "NONE");

    public HolidayCalendar {
        country = country == null || country.isBlank() ? "NL" : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw new IllegalArgumentException("holiday country must be one of " + COUNTRIES + ", got " + country);
        }
        extraDates = extraDates == null ? Set.of() : Set.copyOf(extraDates);
        extraAnnual = extraAnnual == null ? Set.of() : Set.copyOf(extraAnnual);
    }

    public static HolidayCalendar netherlands() {
        return new HolidayCalendar("NL", Set.of(), Set.of());
    }

    /**
     * Reads the configured extra days: {@code YYYY-MM-DD} for one date, {@code MM-DD} for every year.
     *
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static HolidayCalendar of(String country, List<String> extraDays) {
        Set<LocalDate> dates = new java.util.HashSet<>();
        Set<MonthDay> annual = new java.util.HashSet<>();
        for (String day : extraDays == null ? List.<String>of() : extraDays) {
            String d = day == null ? "" : day.strip();
            try {
                if (d.length() == 5) {
                    annual.add(MonthDay.parse("--" + d));
                } else {
                    dates.add(LocalDate.parse(d));
                }
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("holiday '" + day + "' is neither YYYY-MM-DD nor MM-DD");
            }
        }
        return new HolidayCalendar(country, dates, annual);
    }

    public boolean isHoliday(LocalDate date) {
        if (extraDates.contains(date) || extraAnnual.contains(MonthDay.from(date))) {
            return true;
        }
        return "NL".equals(country) && dutch(date);
    }

    public DayType dayType(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        if (dow == DayOfWeek.SUNDAY || isHoliday(date)) {
            return DayType.SUNDAY_OR_HOLIDAY;
        }
        return dow == DayOfWeek.SATURDAY ? DayType.SATURDAY : DayType.WORKING_DAY;
    }

    private static boolean dutch(LocalDate date) {
        int year = date.getYear();
        MonthDay md = MonthDay.from(date);
        if (md.equals(MonthDay.of(Month.JANUARY, 1)) || md.equals(MonthDay.of(Month.DECEMBER, 25))
                || md.equals(MonthDay.of(Month.DECEMBER, 26))) {
            return true;
        }
        if (date.equals(kingsDay(year))) {
            return true;
        }
        // a national day off only in lustrum years; other years most employers work
        if (md.equals(MonthDay.of(Month.MAY, 5)) && year % 5 == 0) {
            return true;
        }
        LocalDate easter = easterSunday(year);
        long fromEaster = date.toEpochDay() - easter.toEpochDay();
        return fromEaster == 0 || fromEaster == 1 || fromEaster == 39 || fromEaster == 49 || fromEaster == 50;
    }

    /** 27 April, moved to the 26th when the 27th is a Sunday (since 2014). */
    static LocalDate kingsDay(int year) {
        LocalDate day = LocalDate.of(year, Month.APRIL, 27);
        return day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.minusDays(1) : day;
    }

    /** Gregorian Easter Sunday (the anonymous Gregorian computus). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
