package io.flexhub.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @Test
    void should_fire_at_local_times_across_a_daylight_saving_change() {
        ProbeSchedule twiceADay = new ProbeSchedule(List.of(LocalTime.of(16, 0), LocalTime.of(9, 0)), null, MADRID);

        // summer time (UTC+2) ends at 03:00 on 25 October 2026
        assertThat(twiceADay.nextFire(Instant.parse("2026-10-24T06:00:00Z"))).contains(Instant.parse("2026-10-24T07:00:00Z"));
        assertThat(twiceADay.nextFire(Instant.parse("2026-10-24T07:00:00Z"))).contains(Instant.parse("2026-10-24T14:00:00Z"));
        assertThat(twiceADay.nextFire(Instant.parse("2026-10-24T14:00:00Z"))).contains(Instant.parse("2026-10-25T08:00:00Z"));
        assertThat(twiceADay.nextFire(Instant.parse("2026-10-25T08:00:00Z"))).contains(Instant.parse("2026-10-25T15:00:00Z"));
    }

    @Test
    void should_make_one_run_of_several_missed_times() {
        ProbeSchedule everyMinute = new ProbeSchedule(null, CronSchedule.parse("* * * * *"), ZoneId.of("UTC"));

        assertThat(everyMinute.latestFire(Instant.parse("2026-01-01T10:00:30Z"), Instant.parse("2026-01-01T10:05:10Z")))
                .contains(Instant.parse("2026-01-01T10:05:00Z"));
        assertThat(everyMinute.latestFire(Instant.parse("2026-01-01T10:05:00Z"), Instant.parse("2026-01-01T10:05:59Z")))
                .isEmpty();
    }

    @Test
    void should_follow_cron_fields() {
        ZonedDateTime monday = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, MADRID);
        Map<String, String> cases = Map.of(
                "0 9,16 * * MON-FRI", "2026-11-23T16:00+01:00[Europe/Madrid]",
                "*/20 * * * * *", "2026-11-23T10:00:20+01:00[Europe/Madrid]",
                "0 0 1 JAN ?", "2027-01-01T00:00+01:00[Europe/Madrid]",
                "30 8 * * 0", "2026-11-29T08:30+01:00[Europe/Madrid]",
                "0 12 1 * 5", "2026-11-27T12:00+01:00[Europe/Madrid]");
        cases.forEach((cron, expected) ->
                assertThat(CronSchedule.parse(cron).next(monday)).as(cron).hasToString(expected));
    }

    @Test
    void should_reject_bad_cron_expressions() {
        assertThatThrownBy(() -> CronSchedule.parse("* * *")).hasMessageContaining("found 3");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessage("minutes: '61' is outside 0-59");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * FOO")).hasMessage("day of week: 'FOO' is not a number, range or step");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessage("minutes: step must be at least 1 in '*/0'");
    }
}
