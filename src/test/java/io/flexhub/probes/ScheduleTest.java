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
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *"))
                .hasMessage("'61 * * * *' is not a cron expression: Minute and Second values must be between 0 and 59");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * FOO"))
                .hasMessage("'* * * * FOO' is not a cron expression: Invalid Day-of-Week value: 'FOO'");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * 8")).hasMessage("day of week: '8' is outside 0-7");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessage("minutes: step must be at least 1 in '*/0'");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 12 * * * 2030")).hasMessageContaining("found 7");
    }

    @Test
    void should_hand_quartz_sunday_by_name_and_each_restricted_day_field_on_its_own() {
        assertThat(CronSchedule.parse("30 8 * * 0,7").quartzExpressions()).containsExactly("0 30 8 ? * SUN,SUN");
        assertThat(CronSchedule.parse("0 9 * * 1-5").quartzExpressions()).containsExactly("0 0 9 ? * MON-FRI");
        assertThat(CronSchedule.parse("0 12 1 * 5").quartzExpressions())
                .containsExactly("0 0 12 1 * ?", "0 0 12 ? * FRI");
        assertThat(CronSchedule.parse("*/20 * * * * *").quartzExpressions()).containsExactly("*/20 * * * * ?");
    }

    @Test
    void should_fire_on_sunday_for_7_and_across_the_week_end_for_a_range_into_it() {
        ZonedDateTime monday = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, MADRID);

        assertThat(CronSchedule.parse("0 8 * * 7").next(monday)).hasToString("2026-11-29T08:00+01:00[Europe/Madrid]");
        assertThat(CronSchedule.parse("0 8 * * 6-7").next(monday)).hasToString("2026-11-28T08:00+01:00[Europe/Madrid]");
        assertThat(CronSchedule.parse("0 0 30 2 *").next(monday)).as("30 February never comes").isNull();
    }
}
