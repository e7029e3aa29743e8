package io.flexhub.flex.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.OperationWindow;
import io.flexhub.flex.optimizer.ShiftableDevice;
import io.flexhub.site.DailyWindow;
import io.flexhub.site.Device;
import io.flexhub.site.DeviceKind;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.FlexibilityType;

class DeviceFlexibilityTest {

    static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final LocalDate NORMAL_DAY = LocalDate.of(2026, 6, 10);
    static final Duration Q = Duration.ofMinutes(15);
    static final IspGrid DAY = new IspGrid(NORMAL_DAY.atStartOfDay(AMS).toInstant(), Q, 96);

    private static DailyWindow window(String from, String to) {
        return new DailyWindow(LocalTime.parse(from), LocalTime.parse(to));
    }

    private static Device device(String id, double ratedKw) {
        return new Device(id, "b", id, DeviceKind.EV_CHARGER, "cp", ratedKw);
    }

    @Test
    void keeps_only_whole_isps_inside_a_window_read_in_the_site_zone() {
        assertThat(DeviceFlexibility.windows(window("06:10", "09:50"), AMS, DAY))
                .containsExactly(new OperationWindow(25, 39));
        assertThat(DeviceFlexibility.windows(window("18:00", "00:00"), AMS, DAY))
                .containsExactly(new OperationWindow(72, 96));
        // a site in London (one hour behind): 20:00-08:00 there is 21:00-09:00 in Amsterdam
        assertThat(DeviceFlexibility.windows(window("20:00", "08:00"), ZoneId.of("Europe/London"), DAY))
                .containsExactly(new OperationWindow(0, 36), new OperationWindow(84, 96));
    }

    @Test
    void equal_start_and_end_mean_the_whole_day_on_any_horizon() {
        assertThat(DeviceFlexibility.windows(window("00:00", "00:00"), AMS, DAY))
                .containsExactly(new OperationWindow(0, 96));
        // the DR interface's eight ISPs from 19:30 in Madrid, a window 07:00-07:00
        IspGrid eight = new IspGrid(Instant.parse("2026-11-25T18:30:00Z"), Q, 8);
        assertThat(DeviceFlexibility.windows(window("07:00", "07:00"), MADRID, eight))
                .containsExactly(new OperationWindow(0, 8));
    }

    @Test
    void an_isp_that_starts_inside_the_window_but_ends_after_it_is_outside() {
        // 19:30-21:30 in Madrid; the window closes at 20:10, so 20:00-20:15 is not the device's any more
        IspGrid eight = new IspGrid(Instant.parse("2026-11-25T18:30:00Z"), Q, 8);
        assertThat(DeviceFlexibility.windows(window("18:30", "20:10"), MADRID, eight))
                .containsExactly(new OperationWindow(0, 2));
        // and one that opens at 20:10 starts with 20:15
        assertThat(DeviceFlexibility.windows(window("20:10", "08:00"), MADRID, eight))
                .containsExactly(new OperationWindow(3, 8));
    }

    @Test
    void controllable_devices_help_a_reduction_only() {
        FlexConfiguration thermostat = new FlexConfiguration("c", "t", FlexibilityType.CONTROLLABLE, 0.5, null);
        double[] baseline = new double[96];
        java.util.Arrays.fill(baseline, 2.0);

        DeviceFlexibility.Mapped reduce = DeviceFlexibility.of(device("t", 4.0), thermostat, baseline,
                Direction.REDUCE, DAY, AMS);
        DeviceFlexibility.Mapped increase = DeviceFlexibility.of(device("t", 4.0), thermostat, baseline,
                Direction.INCREASE, DAY, AMS);

        assertThat(reduce.controllable().factor()).isEqualTo(0.5);
        assertThat(reduce.controllable().baselineKw()).hasSize(96).containsOnly(2.0);
        assertThat(increase.usable()).isFalse();
        assertThat(increase.note()).isEqualTo("t: controllable, and curtailing cannot raise consumption");
        assertThat(DeviceFlexibility.unusable(device("t", 4.0),
                new FlexConfiguration("c", "t", FlexibilityType.CONTROLLABLE, 0.0, null), Direction.REDUCE))
                .isEqualTo("t: controllable with factor 0");
        assertThat(DeviceFlexibility.unusable(device("p", 1.0), null, Direction.REDUCE))
                .isEqualTo("p: no FlexConfiguration");
        assertThat(DeviceFlexibility.unusable(device("p", 1.0),
                new FlexConfiguration("c", "p", FlexibilityType.NON_SHIFTABLE, null, null), Direction.INCREASE))
                .isEqualTo("p: non-shiftable, not usable for flexibility");
    }

    @Test
    void a_forecast_outside_the_window_stays_where_it_is() {
        double[] baseline = new double[96];
        baseline[76] = 5.0;   // 19:00, before the window opens
        baseline[80] = 12.0;  // 20:00, above the 11 kW rating
        FlexConfiguration ev = new FlexConfiguration("c", "ev", FlexibilityType.SHIFTABLE, null,
                window("20:00", "08:00"));

        ShiftableDevice mapped = DeviceFlexibility.of(device("ev", 11.0), ev, baseline, Direction.REDUCE, DAY, AMS)
                .shiftable();

        assertThat(mapped.baselineKw().get(76)).isEqualTo(0.0);
        assertThat(mapped.baselineKw().get(80)).isEqualTo(12.0);
        assertThat(mapped.maxKw()).isEqualTo(12.0);
        assertThat(mapped.windows()).containsExactly(new OperationWindow(0, 32), new OperationWindow(80, 96));
        // the LP moves the 12 kW to 21:00; the 19:00 forecast comes back untouched
        List<Double> lp = new java.util.ArrayList<>(java.util.Collections.nCopies(96, 0.0));
        lp.set(84, 12.0);
        double[] whole = DeviceFlexibility.wholeSchedule(mapped, baseline, lp);
        assertThat(whole[76]).isEqualTo(5.0);
        assertThat(whole[80]).isEqualTo(0.0);
        assertThat(whole[84]).isEqualTo(12.0);
    }

    @Test
    void a_shiftable_device_whose_window_misses_the_horizon_has_no_flexibility() {
        IspGrid eight = new IspGrid(Instant.parse("2026-11-25T18:30:00Z"), Q, 8);
        FlexConfiguration boiler = new FlexConfiguration("c", "w", FlexibilityType.SHIFTABLE, null,
                window("10:00", "18:00"));

        DeviceFlexibility.Mapped mapped = DeviceFlexibility.of(device("w", 3.0), boiler, new double[8],
                Direction.REDUCE, eight, MADRID);

        assertThat(mapped.usable()).isFalse();
        assertThat(mapped.note()).isEqualTo(
                "w: shiftable (window 10:00-18:00), but no ISP of the request lies inside the window");
    }
}
