package io.flexhub.analytics.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import io.flexhub.usef.time.IspCalendar;

/**
 * The calendar a day's requests are explained by: its day type, month and season, and for each ISP the clock slot
 * it covers in the market time zone. Slots are aligned by local clock time rather than by ISP number, because
 * the DSO's congestion follows the clock: on the 92-ISP day in March ISP 9 starts at 03:00 (slot 12), on the
 * 100-ISP day in October ISPs 9-12 and 13-16 both cover 02:00-03:00 (slots 8-11).
 */
public final class CalendarFeatures {

    private final IspCalendar calendar;
    private final HolidayCalendar holidays;
    private final int slotsPerDay;
    private final long slotSeconds;

    public CalendarFeatures(ZoneId zone, Duration ispDuration, HolidayCalendar holidays) {
        this.calendar = new IspCalendar(zone, ispDuration);
        this.holidays = holidays;
        this.slotSeconds = ispDuration.getSeconds();
        if (ispDuration.getNano() != 0 || 86_400 % slotSeconds != 0) {
            throw new IllegalArgumentException("the ISP duration must divide a day, got " + ispDuration);
        }
        this.slotsPerDay = (int) (86_400 / slotSeconds);
    }

    public IspCalendar calendar() {
        return calendar;
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    public HolidayCalendar holidays() {
        return holidays;
    }

    /** Clock slots of a day of 24 hours: 96 with 15-minute ISPs. */
    public int slotsPerDay() {
        return slotsPerDay;
    }

    public DayType dayType(LocalDate date) {
        return holidays.dayType(date);
    }

    /** The clock slot (0-based) in which an ISP starting at this instant begins. */
    public int slotOf(Instant ispStart) {
        return (int) (LocalTime.ofInstant(ispStart, calendar.zone()).toSecondOfDay() / slotSeconds);
    }

    /** Clock slot of each ISP of the day, index 0 = ISP 1; 92, 96 or 100 entries on a European DST calendar. */
    public int[] slots(LocalDate date) {
        Instant start = calendar.startOfPeriod(date);
        int count = calendar.ispCount(date);
        int[] slots = new int[count];
        for (int isp = 1; isp <= count; isp++) {
            slots[isp - 1] = count == slotsPerDay ? isp - 1 : slotOf(start.plusSeconds((isp - 1) * slotSeconds));
        }
        return slots;
    }

    /**
     * Clock slot of one ISP of a day of {@code ispCount} ISPs. A day as long as the clock's (no change of clock
     * in it) maps ISP n to slot n - 1 without a time-zone lookup, which is what keeps fitting years of history fast.
     */
    int slotOf(LocalDate date, int ispCount, int isp, Instant start) {
        if (ispCount == slotsPerDay) {
            return isp - 1;
        }
        return slotOf(start != null ? start : calendar.ispStart(date, isp));
    }

    /** Local clock time at which a slot starts, e.g. {@code 17:00} for slot 68 of 96. */
    public LocalTime slotStart(int slot) {
        return LocalTime.ofSecondOfDay(slot * slotSeconds);
    }

    /** Cell index of a day in the (day type, month) grid: 0..35. */
    static int monthCell(DayType type, LocalDate date) {
        return type.ordinal() * 12 + date.getMonthValue() - 1;
    }

    /** Cell index of a day in the (day type, season) grid: 0..11. */
    static int seasonCell(DayType type, LocalDate date) {
        return type.ordinal() * 4 + Season.of(date.getMonth()).ordinal();
    }
}
