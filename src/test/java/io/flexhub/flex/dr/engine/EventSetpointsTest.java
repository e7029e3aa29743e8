package io.flexhub.flex.dr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class EventSetpointsTest {

    @Test
    void curtailment_is_scaled_by_the_activation_factor_and_trimmed_to_the_isps_with_a_deviation() {
        double[] baseline = {4.0, 4.0, 4.0, 4.0, 4.0};
        double[] reduction = {0.0, 2.0, 0.0, 1.0, 0.0};

        EventSetpoints s = EventSetpoints.curtailment(baseline, reduction, 0.5).orElseThrow();

        assertThat(s.firstIsp()).isEqualTo(1);
        assertThat(s.lastIsp()).isEqualTo(3);
        assertThat(s.kw()).containsExactly(3.0, null, 3.5);
    }

    @Test
    void shift_moves_the_scaled_share_of_the_schedule_change() {
        double[] baseline = {0.0, 6.0, 6.0, 0.0};
        double[] schedule = {6.0, 0.0, 6.0, 6.0};

        EventSetpoints s = EventSetpoints.shift(baseline, schedule, 0.25).orElseThrow();

        assertThat(s.firstIsp()).isZero();
        assertThat(s.kw()).containsExactly(1.5, 4.5, null, 1.5);
    }

    @Test
    void a_plan_without_a_deviation_of_a_watt_gives_no_event() {
        double[] baseline = new double[4];
        Arrays.fill(baseline, 2.0);

        assertThat(EventSetpoints.curtailment(baseline, new double[] {0.0, 0.0004, 0.0, 0.0}, 1.0)).isEmpty();
        assertThat(EventSetpoints.shift(baseline, baseline.clone(), 1.0)).isEmpty();
    }

    @Test
    void setpoints_are_whole_watts_so_solver_round_off_is_no_new_setpoint() {
        EventSetpoints s = EventSetpoints.curtailment(new double[] {4.0, 4.0}, new double[] {1.999999996, 2.0}, 1.0)
                .orElseThrow();

        assertThat(s.kw()).containsExactly(2.0, 2.0);
    }
}
