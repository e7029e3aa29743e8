package io.flexhub.flex.dr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flexhub.flex.LocalFlexRequest;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.Disposition;
import io.flexhub.flex.optimizer.FlexOfferOptimizer;
import io.flexhub.flex.optimizer.FlexOfferSolution;
import io.flexhub.flex.optimizer.OperationWindow;
import io.flexhub.site.DailyWindow;
import io.flexhub.site.Device;
import io.flexhub.site.DeviceKind;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.FlexibilityType;

class LocalProblemTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    /** 19:30 local: the EV window (20:00-08:00) opens at the third ISP. */
    private static final Instant START = Instant.parse("2026-11-25T18:30:00Z");

    private static LocalProblem.DeviceInput thermostat(double baselineKw) {
        return new LocalProblem.DeviceInput(new Device("t", "b", "T", DeviceKind.THERMOSTAT, "cp", 5.0),
                new FlexConfiguration("c-t", "t", FlexibilityType.CONTROLLABLE, 0.5, null), flat(baselineKw));
    }

    private static LocalProblem.DeviceInput ev(double... baselineKw) {
        return new LocalProblem.DeviceInput(new Device("ev", "b", "EV", DeviceKind.EV_CHARGER, "cp", 7.0),
                new FlexConfiguration("c-ev", "ev", FlexibilityType.SHIFTABLE, null,
                        new DailyWindow(LocalTime.of(20, 0), LocalTime.of(8, 0))), baselineKw);
    }

    private static double[] flat(double kw) {
        double[] v = new double[8];
        java.util.Arrays.fill(v, kw);
        return v;
    }

    private static LocalFlexRequest request(double... kw) {
        return new LocalFlexRequest("cp", Direction.REDUCE, START, Duration.ofMinutes(15), kw, "test");
    }

    @Test
    void positive_values_are_requested_negative_ones_available_and_zeros_left_out() {
        LocalProblem.Built built = LocalProblem.build(request(2, 0, -1, 0, 0, 0, 0, 0.5), MADRID, List.of(thermostat(4)));

        assertThat(built.problem().ispCount()).isEqualTo(8);
        assertThat(built.problem().ispMinutes()).isEqualTo(15);
        assertThat(built.problem().request().isps()).extracting(i -> i.start() + ":" + i.disposition() + ":" + i.maxKw())
                .containsExactly("1:REQUESTED:2.0", "3:AVAILABLE:1.0", "8:REQUESTED:0.5");
        assertThat(built.problem().request().isps().get(0).disposition()).isEqualTo(Disposition.REQUESTED);
        assertThat(built.usableDevices()).isEqualTo(1);
    }

    @Test
    void shiftable_window_is_mapped_to_site_local_isps_and_energy_moves_into_available_room() {
        double[] baseline = {0, 0, 6, 6, 0, 0, 0, 0};
        LocalProblem.Built built = LocalProblem.build(request(0, 0, 6, 6, -6, -6, 0, 0), MADRID, List.of(ev(baseline)));

        assertThat(built.problem().shiftable().get(0).windows()).containsExactly(new OperationWindow(2, 8));
        FlexOfferSolution solution = new FlexOfferOptimizer().solve(built.problem());
        assertThat(solution.outcome()).isEqualTo(FlexOfferSolution.Outcome.OFFER);
        assertThat(solution.offerPowerKw().get(2)).isCloseTo(-6.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(solution.offerPowerKw().get(4) + solution.offerPowerKw().get(5))
                .isCloseTo(12.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void explains_devices_that_cannot_help() {
        LocalProblem.Built built = LocalProblem.build(request(1, 0, 0, 0, 0, 0, 0, 0), MADRID,
                List.of(thermostat(0), ev(new double[8]), new LocalProblem.DeviceInput(
                        new Device("plug", "b", "P", DeviceKind.SMART_PLUG, "cp", 1.0), null, flat(1))));

        assertThat(built.notes()).containsExactly(
                "t: controllable (factor 0.5) but its baseline is 0 kW in every requested ISP, nothing to curtail",
                "ev: shiftable (window 20:00-08:00) but it has no load in a requested ISP to move away",
                "plug: no FlexConfiguration");
        assertThat(new FlexOfferOptimizer().solve(built.problem()).outcome())
                .isEqualTo(FlexOfferSolution.Outcome.NOTHING_TO_OFFER);
    }
}
