package io.flexhub.energy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Bucketing in the market time zone: DST days, hours, weeks from Monday, months, gaps and incomplete forecasts. */
class EnergySeriesTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Duration ISP = Duration.ofMinutes(15);

    private static EnergySeries.View view(LocalDate from, LocalDate to, Resolution r, double kw, double forecastKw) {
        List<Instant> starts = r.starts(from, to, ZONE, ISP);
        IspGrid grid = new IspGrid(starts.get(0), r.next(starts.get(starts.size() - 1), ZONE, ISP), ISP);
        double[] v = new double[grid.size()];
        Arrays.fill(v, kw);
        double[] f = new double[grid.size()];
        Arrays.fill(f, forecastKw);
        return EnergySeries.bucket(grid, Map.of("load", v, "pv", v, "ev", v, "battery", v, "grid", v),
                Map.of("loadForecast", f, "pvForecast", f), starts, r, ZONE);
    }

    @Test
    void should_give_the_spring_and_autumn_dst_days_92_and_100_isps_and_23_and_25_hours() {
        LocalDate spring = LocalDate.of(2026, 3, 29);
        LocalDate autumn = LocalDate.of(2026, 10, 25);
        assertThat(view(spring, spring, Resolution.ISP, 4, 4).timestamps()).hasSize(92);
        assertThat(view(autumn, autumn, Resolution.ISP, 4, 4).timestamps()).hasSize(100);
        assertThat(view(spring, spring, Resolution.HOUR, 4, 4).timestamps()).hasSize(23);
        assertThat(view(autumn, autumn, Resolution.HOUR, 4, 4).timestamps()).hasSize(25);

        EnergySeries.View days = view(spring.minusDays(1), spring.plusDays(1), Resolution.DAY, 4, 4);
        assertThat(days.timestamps()).containsExactly(Instant.parse("2026-03-27T23:00:00Z"),
                Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"));
        // 4 kW for 24, 23 and 24 hours
        assertThat(days.series().get("load")).containsExactly(96.0, 92.0, 96.0);
        assertThat(view(autumn, autumn, Resolution.DAY, 4, 4).series().get("grid")).containsExactly(100.0);
        // power resolutions are means, not sums
        assertThat(view(autumn, autumn, Resolution.HOUR, 4, 2).series().get("load")).containsOnly(4.0);
        assertThat(view(autumn, autumn, Resolution.HOUR, 4, 2).series().get("pvForecast")).containsOnly(2.0);
    }

    @Test
    void should_start_weeks_on_monday_and_months_on_the_first_in_the_market_zone() {
        EnergySeries.View weeks = view(LocalDate.of(2026, 3, 25), LocalDate.of(2026, 4, 2), Resolution.WEEK, 1, 1);
        assertThat(weeks.timestamps()).containsExactly(Instant.parse("2026-03-22T23:00:00Z"),
                Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(weeks.timestamps().get(0).atZone(ZONE).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        // the week with the spring change has an hour less: 167 h at 1 kW
        assertThat(weeks.series().get("load")[0]).isEqualTo(167.0);
        assertThat(weeks.series().get("load")[1]).isEqualTo(168.0);

        EnergySeries.View months = view(LocalDate.of(2026, 10, 10), LocalDate.of(2026, 11, 3), Resolution.MONTH, 1, 1);
        assertThat(months.timestamps()).containsExactly(Instant.parse("2026-09-30T22:00:00Z"),
                Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(months.series().get("load")).containsExactly(31 * 24 + 1.0, 30 * 24.0);
    }

    @Test
    void should_leave_unmeasured_buckets_null_and_forecasts_null_unless_the_bucket_is_complete() {
        LocalDate day = LocalDate.of(2026, 6, 1);
        List<Instant> starts = Resolution.DAY.starts(day, day.plusDays(1), ZONE, ISP);
        IspGrid grid = new IspGrid(starts.get(0), Resolution.DAY.next(starts.get(1), ZONE, ISP), ISP);
        double[] load = grid.empty();
        double[] forecast = grid.empty();
        for (int i = 0; i < 48; i++) {
            load[i] = 2.0;
        }
        for (int i = 0; i < 96; i++) {
            forecast[i] = 1.0;
        }
        for (int i = 96; i < 191; i++) {
            forecast[i] = 1.0;
        }
        EnergySeries.View v = EnergySeries.bucket(grid, Map.of("load", load), Map.of("loadForecast", forecast), starts,
                Resolution.DAY, ZONE);
        // half a day measured: the energy of that half
        assertThat(v.series().get("load")).containsExactly(24.0, null);
        assertThat(v.series().get("pv")).containsExactly(null, null);
        // the second day lacks its last forecast ISP
        assertThat(v.series().get("loadForecast")).containsExactly(24.0, null);
    }

    @Test
    void should_name_the_parameter_of_an_unknown_resolution() {
        assertThat(Resolution.parse("resolution", "Week")).isEqualTo(Resolution.WEEK);
        assertThatThrownBy(() -> Resolution.parse("resolution", "minute"))
                .hasMessage("resolution must be isp, hour, day, week or month, got 'minute'");
        assertThatThrownBy(() -> Resolution.parse("period", null)).hasMessageStartingWith("period must be");
    }
}
