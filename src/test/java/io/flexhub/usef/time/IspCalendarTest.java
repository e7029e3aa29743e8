package io.flexhub.usef.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IspCalendarTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate NORMAL_DAY = LocalDate.of(2026, 3, 30);
    private static final LocalDate SPRING_DST = LocalDate.of(2026, 3, 29);
    private static final LocalDate AUTUMN_DST = LocalDate.of(2026, 10, 25);

    private final IspCalendar calendar = new IspCalendar(AMSTERDAM, Duration.ofMinutes(15));

    @ParameterizedTest
    @CsvSource({
            "2026-03-30, PT15M, 96",
            "2026-03-29, PT15M, 92",
            "2026-10-25, PT15M, 100",
            "2026-03-29, PT1H, 23",
            "2026-10-25, PT5M, 300"
    })
    void should_count_isps_by_day_length_when_the_day_has_a_dst_change_or_not(LocalDate period, Duration duration,
            int expected) {
        assertThat(new IspCalendar(AMSTERDAM, duration).ispCount(period)).isEqualTo(expected);
    }

    @Test
    void should_count_96_isps_when_the_zone_has_no_dst() {
        assertThat(new IspCalendar(ZoneId.of("UTC"), Duration.ofMinutes(15)).ispCount(SPRING_DST)).isEqualTo(96);
    }

    @Test
    void should_place_isps_on_the_utc_timeline_from_local_midnight_when_the_day_is_normal() {
        assertThat(calendar.startOfPeriod(NORMAL_DAY)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(calendar.ispStart(NORMAL_DAY, 1)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(calendar.ispEnd(NORMAL_DAY, 1)).isEqualTo(Instant.parse("2026-03-29T22:15:00Z"));
        assertThat(calendar.ispEnd(NORMAL_DAY, 96)).isEqualTo(Instant.parse("2026-03-30T22:00:00Z"));
    }

    @Test
    void should_continue_past_the_missing_hour_when_the_day_is_the_spring_dst_day() {
        assertThat(calendar.ispStart(SPRING_DST, 1)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        // ISP 9 starts at 02:00 CET, which is shown as 03:00 CEST: no ISP is skipped.
        assertThat(calendar.ispStart(SPRING_DST, 9)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(calendar.ispEnd(SPRING_DST, 92)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void should_number_the_repeated_hour_separately_when_the_day_is_the_autumn_dst_day() {
        assertThat(calendar.ispStart(AUTUMN_DST, 1)).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(calendar.ispEnd(AUTUMN_DST, 100)).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        // 02:30 local occurs twice: first in CEST, then in CET.
        assertThat(calendar.ispAt(Instant.parse("2026-10-25T00:30:00Z"))).isEqualTo(new IspSlot(AUTUMN_DST, 11));
        assertThat(calendar.ispAt(Instant.parse("2026-10-25T01:30:00Z"))).isEqualTo(new IspSlot(AUTUMN_DST, 15));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-29T22:00:00Z, 2026-03-30, 1",
            "2026-03-29T22:14:59Z, 2026-03-30, 1",
            "2026-03-29T22:15:00Z, 2026-03-30, 2",
            "2026-03-30T21:59:59Z, 2026-03-30, 96",
            "2026-03-30T22:00:00Z, 2026-03-31, 1",
            "2026-03-29T21:45:00Z, 2026-03-29, 92"
    })
    void should_find_the_period_and_isp_when_given_an_instant(Instant instant, LocalDate period, int isp) {
        assertThat(calendar.ispAt(instant)).isEqualTo(new IspSlot(period, isp));
    }

    @ParameterizedTest
    @CsvSource({"0", "93"})
    void should_reject_an_isp_number_when_it_is_outside_the_spring_dst_day(long isp) {
        assertThatThrownBy(() -> calendar.ispStart(SPRING_DST, isp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ISP " + isp + " is outside 1-92 on 2026-03-29");
    }

    @Test
    void should_expand_elements_to_isp_numbers_when_duration_is_given_or_defaulted() {
        List<IspRange> ranges = List.of(new IspRange(1, 4), IspRange.single(10), IspRange.of(96L, 1));

        assertThat(calendar.expand(NORMAL_DAY, ranges)).containsExactly(1, 2, 3, 4, 10, 96);
    }

    @Test
    void should_refuse_to_expand_when_an_element_exceeds_the_period() {
        assertThatThrownBy(() -> calendar.expand(SPRING_DST, List.of(new IspRange(90, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IspRange[start=90, duration=4] is outside ISPs 1-92 of 2026-03-29");
    }

    @Test
    void should_not_overflow_when_an_element_has_an_absurd_duration() {
        IspRange range = new IspRange(2, Long.MAX_VALUE);

        assertThat(range.last()).isEqualTo(Long.MAX_VALUE);
        assertThat(range.isWithin(96)).isFalse();
    }

    @Test
    void should_label_an_element_by_its_isps_when_reported() {
        assertThat(new IspRange(5, 1).label()).isEqualTo("5");
        assertThat(new IspRange(5, 4).label()).isEqualTo("5-8");
    }

    @Test
    void should_reject_a_calendar_when_the_isp_duration_is_not_positive() {
        assertThatThrownBy(() -> new IspCalendar(AMSTERDAM, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
