package io.flexhub.flex.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every solution must have, on random small instances ({@link FlexOfferInstances#varied}). */
class FlexOfferInvariantsTest {

    private static final double EPS = 1e-6;

    static LongStream seeds() {
        return LongStream.range(1_000, 1_120);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void should_respect_request_and_device_limits_when_solving_random_instance(long seed) {
        FlexOfferProblem problem = FlexOfferInstances.varied(seed);

        FlexOfferSolution solution = new FlexOfferOptimizer().solve(problem);

        if (solution.outcome() == FlexOfferSolution.Outcome.INFEASIBLE) {
            assertThat(solution.devicePlan()).isEmpty();
            return;
        }
        RequestedIsps isps = new RequestedIsps(problem.request(), problem.ispCount());
        double[] deviation = deviceDeviations(problem, solution, isps);
        assertOfferMatchesDevices(problem, solution, isps, deviation);
        assertThat(solution.deliveredKwh()).isLessThanOrEqualTo(solution.requestedKwh() + EPS);
        double doingNothing = 0.0;
        for (int t : isps.requested) {
            doingNothing -= FlexOfferLp.SHORTFALL_PENALTY * problem.ispHours() * isps.minKw[t];
        }
        assertThat(solution.stage1Value()).isGreaterThanOrEqualTo(doingNothing - EPS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void should_reach_the_same_optimum_when_devices_are_not_merged(long seed) {
        FlexOfferProblem problem = FlexOfferInstances.varied(seed);

        FlexOfferSolution merged = new FlexOfferOptimizer().solve(problem);
        FlexOfferSolution plain = new FlexOfferOptimizer(false).solve(problem);

        assertThat(merged.outcome()).isEqualTo(plain.outcome());
        assertThat(merged.stage1Value())
                .isCloseTo(plain.stage1Value(), within(1e-7 * (1 + Math.abs(plain.stage1Value()))));
        assertThat(merged.deliveredKwh()).isCloseTo(plain.deliveredKwh(), within(1e-7 * (1 + plain.deliveredKwh())));
        assertThat(merged.stage2Discomfort())
                .isCloseTo(plain.stage2Discomfort(), within(1e-7 * (1 + Math.abs(plain.stage2Discomfort()))));
    }

    /** Checks every device against its limits and returns the summed change of consumption per ISP. */
    private static double[] deviceDeviations(FlexOfferProblem problem, FlexOfferSolution solution,
            RequestedIsps isps) {
        Map<String, DevicePlan> plans = new HashMap<>();
        solution.devicePlan().forEach(p -> plans.put(p.deviceId(), p));
        int n = problem.ispCount();
        double hours = problem.ispHours();
        boolean reduce = problem.request().direction() == Direction.REDUCE;
        double[] deviation = new double[n];
        for (ControllableDevice d : problem.controllable()) {
            List<Double> reduction = plans.get(d.id()) instanceof DevicePlan.Curtailment c ? c.reductionKw() : null;
            double kwh = 0.0;
            for (int t = 0; reduction != null && t < n; t++) {
                double y = reduction.get(t);
                double room = reduce && isps.isRequested(t) ? d.factor() * Math.max(0.0, d.baselineKw().get(t)) : 0;
                assertThat(y).as("%s curtailment at %d", d.id(), t).isBetween(-EPS, room + EPS);
                kwh += y * hours;
                deviation[t] -= y;
            }
            if (d.maxKwh() != null) {
                assertThat(kwh).as("%s budget", d.id()).isLessThanOrEqualTo(d.maxKwh() + EPS);
            }
        }
        for (ShiftableDevice d : problem.shiftable()) {
            List<Double> schedule = plans.get(d.id()) instanceof DevicePlan.Shift s ? s.scheduleKw() : d.baselineKw();
            boolean[] window = ShiftGroup.windowOf(d, n);
            double energy = 0.0;
            for (int t = 0; t < n; t++) {
                double q = schedule.get(t);
                double p = d.baselineKw().get(t);
                assertThat(q).as("%s schedule at %d", d.id(), t).isBetween(-EPS, d.maxKw() + EPS);
                if (!window[t]) {
                    assertThat(q).as("%s outside its window at %d", d.id(), t).isCloseTo(0.0, within(EPS));
                } else if (!isps.isInRequest(t)) {
                    assertThat(q).as("%s outside the request at %d", d.id(), t).isCloseTo(p, within(EPS));
                }
                if (isps.isRequested(t)) {
                    assertThat(problem.request().direction().sign() * (q - p)).as("%s against the request", d.id())
                            .isGreaterThanOrEqualTo(-EPS);
                }
                energy += (q - p) * hours;
                deviation[t] += q - p;
            }
            if (d.mandatory()) {
                assertThat(energy).as("%s energy neutral", d.id()).isCloseTo(0.0, within(EPS));
            } else {
                assertThat(energy).as("%s energy kept or dropped", d.id()).isLessThanOrEqualTo(EPS);
            }
        }
        return deviation;
    }

    private static void assertOfferMatchesDevices(FlexOfferProblem problem, FlexOfferSolution solution,
            RequestedIsps isps, double[] deviation) {
        double sign = problem.request().direction().sign();
        List<Double> power = solution.offerPowerKw();
        boolean anyWatt = false;
        for (int t = 0; t < problem.ispCount(); t++) {
            double kw = power.get(t);
            if (solution.outcome() == FlexOfferSolution.Outcome.NOTHING_TO_OFFER || !isps.isInRequest(t)) {
                assertThat(kw).as("power at %d", t).isZero();
                continue;
            }
            assertThat(kw).as("offer equals the devices' deviation at %d", t).isCloseTo(deviation[t], within(1e-5));
            if (isps.isRequested(t)) {
                assertThat(sign * kw).as("delivered at %d", t).isBetween(-EPS, isps.maxKw[t] + EPS);
                anyWatt |= Math.abs(kw) >= FlexOfferOptimizer.NO_OFFER_KW;
            } else {
                assertThat(-sign * kw).as("room used at %d", t).isBetween(-EPS, isps.roomKw[t] + EPS);
            }
        }
        if (solution.outcome() == FlexOfferSolution.Outcome.OFFER) {
            assertThat(anyWatt).as("an offer is never an offer of zero").isTrue();
        } else {
            assertThat(solution.devicePlan()).isEmpty();
            assertThat(solution.requestedIsps()).allSatisfy(
                    d -> assertThat(d.deliveredKw()).isLessThan(FlexOfferOptimizer.NO_OFFER_KW));
        }
    }
}
