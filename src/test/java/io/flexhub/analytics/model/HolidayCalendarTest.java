package io.flexhub.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

    private final HolidayCalendar nl = HolidayCalendar.netherlands();

    @Test
    void should_know_easter_and_the_holidays_that_follow_it() {
        assertThat(HolidayCalendar.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(HolidayCalendar.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(HolidayCalendar.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(HolidayCalendar.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        // Easter Monday, Ascension, Whit Monday 2026
        assertThat(nl.dayType(LocalDate.of(2026, 4, 6))).isEqualTo(DayType.SUNDAY_OR_HOLIDAY);
        assertThat(nl.dayType(LocalDate.of(2026, 5, 14))).isEqualTo(DayType.SUNDAY_OR_HOLIDAY);
        assertThat(nl.dayType(LocalDate.of(2026, 5, 25))).isEqualTo(DayType.SUNDAY_OR_HOLIDAY);
        // Good Friday is no general day off in the Netherlands
        assertThat(nl.dayType(LocalDate.of(2026, 4, 3))).isEqualTo(DayType.WORKING_DAY);
    }

    @Test
    void should_move_kings_day_off_a_sunday_and_give_liberation_day_off_in_lustrum_years() {
        assertThat(HolidayCalendar.kingsDay(2025)).isEqualTo(LocalDate.of(2025, 4, 26));
        assertThat(nl.dayType(LocalDate.of(2025, 4, 26))).isEqualTo(DayType.SUNDAY_OR_HOLIDAY);
        assertThat(nl.dayType(LocalDate.of(2026, 4, 27))).isEqualTo(DayType.SUNDAY_OR_HOLIDAY);
        assertThat(nl.dayType(LocalDate.of(2025, 5, 5))).isEqualTo(DayType.SUNDAY_OR_HOLIDAY);
        assertThat(nl.dayType(LocalDate.of(2026, 5, 5))).isEqualTo(DayType.WORKING_DAY);
        assertThat(nl.dayType(LocalDate.of(2026, 12, 26))).isEqualTo(DayType.SUNDAY_OR_HOLIDAY);
        assertThat(nl.dayType(LocalDate.of(2026, 12, 24))).isEqualTo(DayType.WORKING_DAY);
        assertThat(nl.dayType(LocalDate.of(2026, 12, 19))).isEqualTo(DayType.SATURDAY);
    }

    @Test
    void should_add_configured_days_once_or_every_year_and_name_a_bad_entry() {
        HolidayCalendar custom = HolidayCalendar.of("none", List.of("2026-06-01", "12-31"));

        assertThat(custom.country()).isEqualTo("NONE");
        assertThat(custom.isHoliday(LocalDate.of(2026, 6, 1))).isTrue();
        assertThat(custom.isHoliday(LocalDate.of(2027, 6, 1))).isFalse();
        assertThat(custom.isHoliday(LocalDate.of(2030, 12, 31))).isTrue();
        assertThat(custom.isHoliday(LocalDate.of(2026, 12, 25))).isFalse();
        assertThatThrownBy(() -> HolidayCalendar.of("NL", List.of("31-12-2026")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'31-12-2026'");
        assertThatThrownBy(() -> HolidayCalendar.of("XX", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XX");
    }
}
