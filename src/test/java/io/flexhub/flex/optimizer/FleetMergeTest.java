package io.flexhub.flex.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flexhub.flex.offer.Fleets;
import io.flexhub.flex.offer.OfferProblemBuilder;

/**
 * A fleet built like a real one (type profiles times per-device sizes, whose ratios are not exact in binary)
 * merges into a few LP groups, and the merged LP reaches the optimum of the LP with one device per device.
 */
class FleetMergeTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void should_reach_the_unmerged_optimum_on_a_realistic_fleet(int seed) {
        FlexOfferProblem problem = new OfferProblemBuilder(Fleets.realistic(seed, 60))
                .build(Fleets.eveningRequest(60)).problem();

        FlexOfferSolution merged = new FlexOfferOptimizer().solve(problem);
        FlexOfferSolution plain = new FlexOfferOptimizer(false).solve(problem);

        assertThat(merged.lp().variables()).isLessThan(plain.lp().variables() / 2);
        assertThat(merged.outcome()).isEqualTo(FlexOfferSolution.Outcome.OFFER).isEqualTo(plain.outcome());
        assertThat(merged.stage1Value()).isCloseTo(plain.stage1Value(), within(1e-6 * Math.abs(plain.stage1Value())));
        assertThat(merged.stage2Discomfort())
                .isCloseTo(plain.stage2Discomfort(), within(1e-6 * (1 + Math.abs(plain.stage2Discomfort()))));
        assertThat(merged.deliveredKwh()).isCloseTo(plain.deliveredKwh(), within(1e-6 * (1 + plain.deliveredKwh())));
        // stage 2 may give up 1e-6 of the stage-1 value, so ISPs of equal value can trade a few watts
        for (int t = 0; t < problem.ispCount(); t++) {
            assertThat(merged.offerPowerKw().get(t)).as("ISP %d", t + 1)
                    .isCloseTo(plain.offerPowerKw().get(t), within(0.01));
        }
        // every member's disaggregated plan keeps its energy and stays within [0, rated power]
        Map<String, ShiftableDevice> devices = problem.shiftable().stream()
                .collect(Collectors.toMap(ShiftableDevice::id, Function.identity()));
        int shifts = 0;
        for (DevicePlan plan : merged.devicePlan()) {
            if (plan instanceof DevicePlan.Shift s) {
                shifts++;
                ShiftableDevice d = devices.get(s.deviceId());
                double baseline = d.baselineKw().stream().mapToDouble(Double::doubleValue).sum();
                double moved = s.scheduleKw().stream().mapToDouble(Double::doubleValue).sum();
                assertThat(moved).as(s.deviceId()).isCloseTo(baseline, within(1e-6 * (1 + baseline)));
                assertThat(s.scheduleKw()).allMatch(q -> q >= 0.0 && q <= d.maxKw() + 1e-12);
            }
        }
        assertThat(shifts).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {1000})
    void should_keep_the_lp_of_a_thousand_device_fleet_small(int devices) {
        FlexOfferProblem problem = new OfferProblemBuilder(Fleets.realistic(devices, devices))
                .build(Fleets.eveningRequest(devices)).problem();

        FlexOfferSolution solution = new FlexOfferOptimizer().solve(problem);

        assertThat(problem.controllable().size() + problem.shiftable().size()).isGreaterThan(900);
        assertThat(solution.lp().variables()).isLessThan(1_000);
        assertThat(solution.outcome()).isEqualTo(FlexOfferSolution.Outcome.OFFER);
    }
}
