package io.flexhub.flex.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Turns a FlexRequest and the devices behind a congestion point into a FlexOffer with the two-stage LP of
 * optimization.md section 3.2: stage 1 maximises the delivered deviation, stage 2 keeps that value (up to the
 * reference's tolerance) and prefers shifting to curtailing, original times and the emptiest Available ISPs.
 * Stateless and thread-safe.
 */
public final class FlexOfferOptimizer {

    /** Below half a watt in every Requested ISP the offer rounds to 0 W: there is nothing to offer. */
    static final double NO_OFFER_KW = 0.0005;

    private final boolean mergeDevices;

    public FlexOfferOptimizer() {
        this(true);
    }

    /** {@code mergeDevices = false} solves one LP device per device: slower, for checking that merging is exact. */
    FlexOfferOptimizer(boolean mergeDevices) {
        this.mergeDevices = mergeDevices;
    }

    public FlexOfferSolution solve(FlexOfferProblem problem) {
        FlexOfferLp lp = new FlexOfferLp(problem, mergeDevices);
        if (lp.emptyBound) {
            return infeasible(problem,
                    "a limit leaves no value at all (e.g. a baseline above max power in a Requested ISP)", lp, 0.0);
        }
        long start = System.nanoTime();
        lp.useStage1Objective();
        Optimisation.Result first = lp.maximise();
        double stage1Seconds = (System.nanoTime() - start) / 1e9;
        if (first.getState() == Optimisation.State.INFEASIBLE && !lp.isBaselineFeasible()) {
            return infeasible(problem, "no schedule satisfies the request and the device limits", lp,
                    stage1Seconds);
        }
        requireOptimal(first, "stage 1");
        double stage1Value = first.getValue();
        lp.useStage2Objective(stage1Value);
        start = System.nanoTime();
        Optimisation.Result second = lp.minimise();
        double stage2Seconds = (System.nanoTime() - start) / 1e9;
        requireOptimal(second, "stage 2");
        FlexOfferSolution.LpStats stats = new FlexOfferSolution.LpStats(lp.model.countVariables(),
                lp.countConstraints(), stage1Seconds, stage2Seconds);
        return new SolutionReader(lp, second).read(stage1Value, second.getValue() + lp.baselineCost, stats);
    }

    private static void requireOptimal(Optimisation.Result result, String stage) {
        if (!result.getState().isOptimal()) {
            throw new IllegalStateException("ojalgo ended " + stage + " in state " + result.getState());
        }
    }

    private static FlexOfferSolution infeasible(FlexOfferProblem problem, String detail, FlexOfferLp lp,
            double seconds) {
        double[] zero = new double[problem.ispCount()];
        return new FlexOfferSolution(FlexOfferSolution.Outcome.INFEASIBLE, detail, problem.request().direction(),
                requestedKwh(lp), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, DoubleList.wrap(zero), List.of(), List.of(),
                new FlexOfferSolution.LpStats(lp.model.countVariables(), lp.countConstraints(), seconds, 0.0));
    }

    static double requestedKwh(FlexOfferLp lp) {
        double kwh = 0.0;
        for (int t : lp.isps.requested) {
            kwh += lp.isps.maxKw[t] * lp.hours;
        }
        return kwh;
    }

    /** Reads the stage-2 optimum back into per-ISP and per-device figures. */
    private static final class SolutionReader {

        private final FlexOfferLp lp;
        private final Optimisation.Result result;
        private final FlexOfferProblem problem;

        SolutionReader(FlexOfferLp lp, Optimisation.Result result) {
            this.lp = lp;
            this.result = result;
            this.problem = lp.problem;
        }

        private double value(Variable v) {
            return v == null ? 0.0 : result.doubleValue(lp.model.indexOf(v));
        }

        FlexOfferSolution read(double stage1Value, double stage2Value, FlexOfferSolution.LpStats stats) {
            RequestedIsps isps = lp.isps;
            double hours = lp.hours;
            double[] power = new double[problem.ispCount()];
            List<IspDelivery> deliveries = new ArrayList<>();
            double deliveredKwh = 0.0;
            double shortfallKwh = 0.0;
            boolean anyDelivered = false;
            for (int k = 0; k < isps.requested.length; k++) {
                int t = isps.requested[k];
                double d = value(lp.delivered[k]);
                double z = value(lp.shortfallPenalty[k]) / lp.penaltyPerKw();
                power[t] = lp.sign * d;
                deliveredKwh += d * hours;
                shortfallKwh += z * hours;
                anyDelivered |= d >= NO_OFFER_KW;
                deliveries.add(new IspDelivery(t, isps.minKw[t], isps.maxKw[t], d, z));
            }
            for (int k = 0; k < isps.available.length; k++) {
                power[isps.available[k]] = -lp.sign * value(lp.compensation[k]);
            }
            List<DevicePlan> plan = new ArrayList<>();
            double curtailedKwh = readCurtailment(plan);
            double shiftedKwh = readShifts(plan);
            FlexOfferSolution.Outcome outcome = anyDelivered
                    ? FlexOfferSolution.Outcome.OFFER
                    : FlexOfferSolution.Outcome.NOTHING_TO_OFFER;
            if (!anyDelivered) {
                // an offer of zero is no offer: keep the figures, drop the power and the plan
                Arrays.fill(power, 0.0);
                plan.clear();
            }
            return new FlexOfferSolution(outcome, null, problem.request().direction(), requestedKwh(lp),
                    deliveredKwh, shortfallKwh, curtailedKwh, shiftedKwh, stage1Value, stage2Value,
                    DoubleList.wrap(power), deliveries, plan, stats);
        }

        private double readCurtailment(List<DevicePlan> plan) {
            int[] r = lp.isps.requested;
            double kwh = 0.0;
            for (int g = 0; g < lp.curtail.length; g++) {
                CurtailGroup group = lp.curtailGroups.get(g);
                double[] groupKw = new double[r.length];
                for (int k = 0; k < r.length; k++) {
                    groupKw[k] = value(lp.curtail[g][k]);
                    kwh += groupKw[k] * lp.hours;
                }
                for (int m = 0; m < group.members.size(); m++) {
                    double[] reduction = new double[problem.ispCount()];
                    boolean any = false;
                    for (int k = 0; k < r.length; k++) {
                        reduction[r[k]] = group.memberShare(m, r[k], groupKw[k]);
                        any |= reduction[r[k]] > 1e-9;
                    }
                    if (any) {
                        String id = problem.controllable().get(group.members.get(m)).id();
                        plan.add(new DevicePlan.Curtailment(id, DoubleList.wrap(reduction)));
                    }
                }
            }
            return kwh;
        }

        private double readShifts(List<DevicePlan> plan) {
            double kwh = 0.0;
            for (int g = 0; g < lp.deviation.length; g++) {
                ShiftGroup group = lp.shiftGroups.get(g);
                Variable[] d = lp.deviation[g];
                double[] groupKw = new double[d.length];
                for (int t = 0; t < d.length; t++) {
                    if (d[t] != null) {
                        groupKw[t] = value(d[t]);
                        if (lp.isps.isRequested(t)) {
                            kwh += Math.max(0.0, lp.sign * groupKw[t]) * lp.hours;
                        }
                    }
                }
                for (int m = 0; m < group.members.size(); m++) {
                    ShiftableDevice device = problem.shiftable().get(group.members.get(m));
                    double[] scheduleKw = new double[d.length];
                    boolean moved = false;
                    for (int t = 0; t < d.length; t++) {
                        double p = device.baselineKwAt(t);
                        if (d[t] != null) {
                            // near-copies merged on the shape grid may overshoot a bound by a nano-fraction
                            scheduleKw[t] = Math.min(Math.max(device.maxKw(), p),
                                    Math.max(0.0, p + group.memberShare(m, groupKw[t])));
                        } else if (group.window[t]) {
                            scheduleKw[t] = p;
                        }
                        moved |= Math.abs(scheduleKw[t] - p) > 1e-6;
                    }
                    if (moved) {
                        plan.add(new DevicePlan.Shift(device.id(), DoubleList.wrap(scheduleKw)));
                    }
                }
            }
            return kwh;
        }
    }
}
