package io.flexhub.analytics.model;

import java.time.Month;
import java.util.Locale;

/** Meteorological seasons of the northern hemisphere, whole months, so that each month belongs to one season. */
public enum Season {
    WINTER, SPRING, SUMMER, AUTUMN;

    public static Season of(Month month) {
        return switch (month) {
            case DECEMBER, JANUARY, FEBRUARY -> WINTER;
            case MARCH, APRIL, MAY -> SPRING;
            case JUNE, JULY, AUGUST -> SUMMER;
            case SEPTEMBER, OCTOBER, NOVEMBER -> AUTUMN;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
