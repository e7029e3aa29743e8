package io.flexhub.analytics.model;

import java.util.Locale;

/** How a day behaves on the grid: working days, Saturdays, and Sundays with public holidays (both: shops and offices shut). */
public enum DayType {
    WORKING_DAY, SATURDAY, SUNDAY_OR_HOLIDAY;

    /** The name in API answers and docs, e.g. {@code working-day}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
