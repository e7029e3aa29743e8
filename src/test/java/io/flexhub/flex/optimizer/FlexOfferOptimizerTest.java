package io.flexhub.flex.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class FlexOfferOptimizerTest {

    private static final int N = 96;
    private final FlexOfferOptimizer optimizer = new FlexOfferOptimizer();

    @Test
    void should_offer_nothing_when_no_device_can_deviate_in_the_requested_isps() {
        FlexOfferSolution solution = solve(Direction.REDUCE, 2.0, 10.0,
                List.of(curtailable("fixed", 5.0, 0.0)), List.of());

        assertThat(solution.outcome()).isEqualTo(FlexOfferSolution.Outcome.NOTHING_TO_OFFER);
        assertThat(solution.hasOffer()).isFalse();
        assertThat(solution.offerPowerW()).containsOnly(0L);
        assertThat(solution.devicePlan()).isEmpty();
        assertThat(solution.shortfallKwh()).isCloseTo(2.0 * 8 * 0.25, within(1e-9));
    }

    @Test
    void should_offer_nothing_when_the_offer_rounds_to_zero_watts() {
        FlexOfferSolution solution = solve(Direction.REDUCE, 0.0, 10.0,
                List.of(curtailable("standby", 0.004, 0.1)), List.of());

        assertThat(solution.outcome()).isEqualTo(FlexOfferSolution.Outcome.NOTHING_TO_OFFER);
        assertThat(solution.deliveredKwh()).isCloseTo(0.0004 * 8 * 0.25, within(1e-6));
    }

    @Test
    void should_report_infeasible_when_a_baseline_exceeds_its_max_power_in_a_requested_isp() {
        ShiftableDevice tooStrong = new ShiftableDevice("boiler", constant(5.0), 3.0,
                List.of(new OperationWindow(0, N)), 0.1, true);
        FlexOfferSolution solution = solve(Direction.INCREASE, 0.0, 10.0, List.of(), List.of(tooStrong));

        assertThat(solution.outcome()).isEqualTo(FlexOfferSolution.Outcome.INFEASIBLE);
        assertThat(solution.detail()).isNotBlank();
    }

    @Test
    void should_shift_before_curtailing_when_both_can_deliver() {
        FlexOfferSolution solution = solve(Direction.REDUCE, 0.0, 3.0,
                List.of(curtailable("hvac", 10.0, 0.5)), List.of(eveningBoiler(4.0)));

        assertThat(solution.deliveredKwh()).isCloseTo(3.0 * 8 * 0.25, within(1e-4));
        assertThat(solution.curtailedKwh()).isCloseTo(0.0, within(1e-4));
        assertThat(solution.devicePlan()).extracting(DevicePlan::deviceId).containsExactly("boiler");
    }

    @Test
    void should_curtail_the_cheapest_device_first_when_curtailment_is_needed() {
        FlexOfferSolution solution = solve(Direction.REDUCE, 0.0, 2.0,
                List.of(curtailable("dear", 10.0, 0.5, 3.0), curtailable("cheap", 10.0, 0.5, 1.0)), List.of());

        assertThat(solution.devicePlan()).extracting(DevicePlan::deviceId).containsExactly("cheap");
    }

    @Test
    void should_never_deliver_more_than_the_requested_maximum() {
        FlexOfferSolution solution = solve(Direction.REDUCE, 0.0, 1.5,
                List.of(curtailable("hvac", 10.0, 1.0)), List.of());

        assertThat(solution.requestedIsps()).hasSize(8)
                .allSatisfy(d -> assertThat(d.deliveredKw()).isLessThanOrEqualTo(1.5 + 1e-9));
    }

    @Test
    void should_ignore_curtailable_devices_when_the_request_is_an_increase() {
        FlexOfferSolution solution = solve(Direction.INCREASE, 0.0, 2.0,
                List.of(curtailable("hvac", 10.0, 1.0)), List.of());

        assertThat(solution.outcome()).isEqualTo(FlexOfferSolution.Outcome.NOTHING_TO_OFFER);
    }

    @Test
    void should_give_uftp_signs_in_whole_watts_when_reducing() {
        FlexOfferSolution solution = solve(Direction.REDUCE, 0.0, 3.0, List.of(), List.of(eveningBoiler(4.0)));

        long[] watts = solution.offerPowerW();
        assertThat(watts[70]).isEqualTo(-3_000L);
        assertThat(Arrays.stream(watts).max().getAsLong()).as("consumed in Available ISPs instead").isPositive();
        assertThat(solution.offerPowerKw().stream().mapToDouble(Double::doubleValue).sum())
                .as("the shifted energy comes back in Available ISPs").isCloseTo(0.0, within(1e-4));
    }

    @Test
    void should_reject_a_request_that_lists_an_isp_twice() {
        List<RequestIsp> isps = new ArrayList<>(evening(0.0, 3.0, 20.0));
        isps.add(RequestIsp.available(70, 5.0));
        FlexOfferProblem problem = problem(Direction.REDUCE, isps, List.of(curtailable("hvac", 5.0, 0.5)),
                List.of());

        assertThatThrownBy(() -> optimizer.solve(problem)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISP 70 twice");
    }

    @Test
    void should_reject_a_baseline_outside_the_window_when_the_isp_is_not_in_the_request() {
        ShiftableDevice stray = new ShiftableDevice("ev", constant(1.0), 3.0,
                List.of(new OperationWindow(60, N)), 0.1, true);
        FlexOfferProblem problem = problem(Direction.REDUCE, evening(0.0, 3.0, 20.0).subList(1, 3), List.of(),
                List.of(stray));

        assertThatThrownBy(() -> optimizer.solve(problem)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside its window");
    }

    @Test
    void should_reject_a_reversed_window_when_it_crosses_midnight_in_one_piece() {
        assertThatThrownBy(() -> new OperationWindow(80, 32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two windows");
    }

    /** Requested 17:00-19:00 (ISPs 68-75), Available the rest of the evening. */
    private static List<RequestIsp> evening(double minKw, double maxKw, double roomKw) {
        return List.of(new RequestIsp(57, 12, Disposition.AVAILABLE, 0.0, roomKw),
                new RequestIsp(69, 8, Disposition.REQUESTED, minKw, maxKw),
                new RequestIsp(77, 20, Disposition.AVAILABLE, 0.0, roomKw));
    }

    /** Solves with {@link #evening} and 20 kW of room. */
    private FlexOfferSolution solve(Direction direction, double minKw, double maxKw,
            List<ControllableDevice> controllable, List<ShiftableDevice> shiftable) {
        return optimizer.solve(problem(direction, evening(minKw, maxKw, 20.0), controllable, shiftable));
    }

    private static FlexOfferProblem problem(Direction direction, List<RequestIsp> isps,
            List<ControllableDevice> controllable, List<ShiftableDevice> shiftable) {
        return new FlexOfferProblem(N, 15, new FlexRequest(direction, isps), null, controllable, shiftable);
    }

    private static ControllableDevice curtailable(String id, double kw, double factor) {
        return curtailable(id, kw, factor, 1.0);
    }

    private static ControllableDevice curtailable(String id, double kw, double factor, double weight) {
        return new ControllableDevice(id, constant(kw), factor, weight, null);
    }

    /** A 3 kW boiler heating 17:00-19:00 that may run from 14:00 to midnight. */
    private static ShiftableDevice eveningBoiler(double maxKw) {
        List<Double> baseline = new ArrayList<>(constant(0.0));
        for (int t = 68; t < 76; t++) {
            baseline.set(t, 3.0);
        }
        return new ShiftableDevice("boiler", baseline, maxKw, List.of(new OperationWindow(56, N)), 0.05, true);
    }

    private static List<Double> constant(double kw) {
        return Collections.nCopies(N, kw);
    }
}
