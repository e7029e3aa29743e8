package io.flexhub.flex.optimizer;

import java.util.List;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The LP of section 3.2 over device groups, built once and solved twice (stage objectives swapped in place).
 * Rows and bounds follow ref_flexoffer.py with three exact rewrites: a single-variable row (F3) becomes a bound, a
 * schedule pinned by an equality (F5) becomes a constant, and schedules are written as deviations
 * {@code d = q - p} from the baseline. The last keeps the right-hand sides at exactly 0 in the usual case; with
 * {@code q} itself, ojalgo 57.1's presolve compared a sum of pinned baselines with the energy total rounded the
 * other way and declared a feasible model infeasible.
 */
final class FlexOfferLp {

    // The reference's M_SHORT, TOL, EPS_TIME and LAMBDA: other values give other optima.
    static final double SHORTFALL_PENALTY = 1000.0;
    static final double STAGE1_TOLERANCE = 1e-6;
    static final double TIME_DISTANCE_WEIGHT = 1e-4;
    static final double ROOM_PEAK_WEIGHT = 1e-2;

    final FlexOfferProblem problem;
    final RequestedIsps isps;
    final List<CurtailGroup> curtailGroups;
    final List<ShiftGroup> shiftGroups;
    final double sign;
    final double hours;

    final ExpressionsBasedModel model = new ExpressionsBasedModel();
    /** D_t by position in {@link RequestedIsps#requested}. */
    final Variable[] delivered;
    /**
     * The shortfall penalty {@code M*Delta*z_t} rather than z_t itself: ojalgo treats values below 1e-8 as zero,
     * and a "zero" z of 1.5e-9 times M let stage 2 keep 1.5e-6 of delivery the reference gives up.
     */
    final Variable[] shortfallPenalty;
    /** U_t by position in {@link RequestedIsps#available}. */
    final Variable[] compensation;
    final Variable roomPeak;
    /** y_g,t by group and position in the Requested ISPs; null where the group has no room. */
    final Variable[][] curtail;
    /** d_g,t = q_g,t - p_g,t by group and ISP; null where the schedule is fixed (outside window or request). */
    final Variable[][] deviation;
    /** Whether some bound is empty (lower above upper): then not even the baseline is feasible. */
    boolean emptyBound;
    /**
     * Whether the request forces some device off its baseline (baseline in a Requested or Available ISP outside its
     * window). Without that and without empty bounds, the baseline itself is a feasible point.
     */
    boolean forcedOff;
    /** Stage-2 cost of the baseline schedules, which the deviation variables do not see. */
    double baselineCost;

    FlexOfferLp(FlexOfferProblem problem, boolean mergeDevices) {
        this.problem = problem;
        this.isps = new RequestedIsps(problem.request(), problem.ispCount());
        this.curtailGroups = CurtailGroup.of(problem, isps, mergeDevices);
        this.shiftGroups = ShiftGroup.of(problem, isps, mergeDevices);
        this.sign = problem.request().direction().sign();
        this.hours = problem.ispHours();
        int[] r = isps.requested;
        int[] a = isps.available;
        delivered = new Variable[r.length];
        shortfallPenalty = new Variable[r.length];
        compensation = new Variable[a.length];
        for (int k = 0; k < r.length; k++) {
            delivered[k] = bounded("D" + r[k], 0.0, isps.maxKw[r[k]]);
            shortfallPenalty[k] = model.addVariable("Mz" + r[k]).lower(0.0);
        }
        for (int k = 0; k < a.length; k++) {
            compensation[k] = bounded("U" + a[k], 0.0, isps.roomKw[a[k]]);
        }
        roomPeak = model.addVariable("mu").lower(0.0);
        curtail = new Variable[curtailGroups.size()][];
        for (int g = 0; g < curtail.length; g++) {
            curtail[g] = curtailVariables(g);
        }
        deviation = new Variable[shiftGroups.size()][];
        for (int g = 0; g < deviation.length; g++) {
            deviation[g] = deviationVariables(g);
        }
        addIspBalances();
        addEnergyRows();
    }

    private Variable bounded(String name, double lower, double upper) {
        if (lower > upper) {
            emptyBound = true;
        }
        return model.addVariable(name).lower(lower).upper(Math.max(lower, upper));
    }

    private Variable[] curtailVariables(int g) {
        CurtailGroup group = curtailGroups.get(g);
        int[] r = isps.requested;
        Variable[] y = new Variable[r.length];
        Expression budget = group.hasBudget() ? model.addExpression("F8_" + g).upper(group.budgetKwh) : null;
        emptyBound |= group.hasBudget() && group.budgetKwh < 0.0;
        for (int k = 0; k < r.length; k++) {
            double upper = group.upperKw[r[k]];
            if (upper > 0.0) {
                y[k] = bounded("y" + g + "_" + r[k], 0.0, upper);
                if (budget != null) {
                    budget.set(y[k], hours);
                }
            }
        }
        return y;
    }

    private Variable[] deviationVariables(int g) {
        ShiftGroup group = shiftGroups.get(g);
        Variable[] d = new Variable[problem.ispCount()];
        for (int t = 0; t < d.length; t++) {
            if (!group.window[t] || !isps.isInRequest(t)) {
                continue;
            }
            double p = group.baselineKw[t];
            double lower = -p;
            double upper = group.maxKw - p;
            if (isps.isRequested(t)) {
                // (F3): no deviation against the request inside a Requested ISP
                if (sign < 0) {
                    upper = Math.min(upper, 0.0);
                } else {
                    lower = Math.max(lower, 0.0);
                }
            }
            d[t] = bounded("d" + g + "_" + t, lower, upper);
        }
        return d;
    }

    /** (F1) for Requested and (F4), (F7) for Available ISPs. */
    private void addIspBalances() {
        int[] r = isps.requested;
        for (int k = 0; k < r.length; k++) {
            int t = r[k];
            // D_t - sum y - sgn*sum d = -sgn*sum p over devices that may not run at t (their q is 0)
            Expression row = model.addExpression("F1_" + t).set(delivered[k], 1.0);
            for (Variable[] y : curtail) {
                if (y[k] != null) {
                    row.set(y[k], -1.0);
                }
            }
            row.level(-sign * addDeviations(row, t, -sign));
            model.addExpression("F2_" + t).set(delivered[k], 1.0).set(shortfallPenalty[k], 1.0 / penaltyPerKw())
                    .lower(isps.minKw[t]);
        }
        int[] a = isps.available;
        for (int k = 0; k < a.length; k++) {
            int t = a[k];
            // U_t + sgn*sum d = sgn*sum p over devices that may not run at t
            Expression row = model.addExpression("F4_" + t).set(compensation[k], 1.0);
            row.level(sign * addDeviations(row, t, sign));
            double room = isps.roomKw[t];
            if (room > 0.0) {
                model.addExpression("F7_" + t).set(compensation[k], 1.0).set(roomPeak, -room).upper(0.0);
            }
        }
    }

    /** Adds {@code coefficient*d_g,t} of every group to the row; returns the baseline of groups without one. */
    private double addDeviations(Expression row, int t, double coefficient) {
        double forcedOffKw = 0.0;
        for (int g = 0; g < deviation.length; g++) {
            if (deviation[g][t] != null) {
                row.set(deviation[g][t], coefficient);
            } else if (!shiftGroups.get(g).window[t]) {
                forcedOffKw += shiftGroups.get(g).baselineKw[t];
            }
        }
        forcedOff |= forcedOffKw != 0.0;
        return forcedOffKw;
    }

    /**
     * (F6) in kW*ISP rather than kWh (the reference's row divided by Delta), on deviations: {@code sum d} equals the
     * baseline outside the window, which is 0 unless the request forces a device off there.
     */
    private void addEnergyRows() {
        for (int g = 0; g < deviation.length; g++) {
            ShiftGroup group = shiftGroups.get(g);
            double outsideWindow = 0.0;
            double centroid = group.centroid();
            Expression row = model.addExpression("F6_" + g);
            for (int t = 0; t < problem.ispCount(); t++) {
                double p = group.baselineKw[t];
                if (!group.window[t]) {
                    outsideWindow += p;
                    continue;
                }
                baselineCost += scheduleCost(group, centroid, t) * p;
                if (deviation[g][t] != null) {
                    row.set(deviation[g][t], 1.0);
                }
            }
            forcedOff |= outsideWindow != 0.0;
            if (group.mandatory) {
                row.level(outsideWindow);
            } else {
                row.upper(outsideWindow);
            }
        }
    }

    /** Stage-2 cost of one kW scheduled at t, the same for q and for d = q - p. */
    private double scheduleCost(ShiftGroup group, double centroid, int t) {
        double cost = TIME_DISTANCE_WEIGHT * Math.abs(t - centroid);
        if (isps.isRequested(t)) {
            // rewards keeping load in (reduce) or penalises adding load to (increase) a Requested ISP
            cost += sign * group.weight;
        }
        return cost * hours;
    }

    /** The baseline (no curtailment, no shift) satisfies every row and bound, so an "infeasible" is a solver fault. */
    boolean isBaselineFeasible() {
        return !emptyBound && !forcedOff;
    }

    /** Stage 1: {@code max sum w_t*Delta*D_t - M*Delta*sum z_t}. */
    void useStage1Objective() {
        for (int k = 0; k < delivered.length; k++) {
            delivered[k].weight(problem.weightOf(isps.requested[k]) * hours);
            shortfallPenalty[k].weight(-1.0);
        }
    }

    /** Stage 2: keep the stage-1 value within the reference's tolerance and minimise discomfort. */
    void useStage2Objective(double stage1Value) {
        Expression keep = model.addExpression("stage1");
        for (int k = 0; k < delivered.length; k++) {
            keep.set(delivered[k], problem.weightOf(isps.requested[k]) * hours);
            keep.set(shortfallPenalty[k], -1.0);
            delivered[k].weight(0.0);
            shortfallPenalty[k].weight(0.0);
        }
        keep.lower(stage1Value - STAGE1_TOLERANCE * Math.max(1.0, Math.abs(stage1Value)));
        for (int g = 0; g < curtail.length; g++) {
            for (Variable y : curtail[g]) {
                if (y != null) {
                    y.weight(curtailGroups.get(g).weight * hours);
                }
            }
        }
        for (int g = 0; g < deviation.length; g++) {
            ShiftGroup group = shiftGroups.get(g);
            double centroid = group.centroid();
            for (int t = 0; t < deviation[g].length; t++) {
                if (deviation[g][t] != null) {
                    deviation[g][t].weight(scheduleCost(group, centroid, t));
                }
            }
        }
        roomPeak.weight(ROOM_PEAK_WEIGHT);
    }

    /** Stage-1 value lost per kW of shortfall in one ISP. */
    double penaltyPerKw() {
        return SHORTFALL_PENALTY * hours;
    }

    /**
     * Stage 1 with ojalgo's primal simplex: its objective sees only D and z, so most vertices tie, and there the
     * default dual simplex took 5-7 times longer on portfolios of distinct devices (200 EV sessions: 15 s against
     * 2.2 s CPU); on merged catalogue portfolios it loses about 0.15 s.
     */
    Optimisation.Result maximise() {
        model.options.linear().primal();
        return model.maximise();
    }

    /** Stage 2 with the dual simplex, which was 3 times faster than the primal one there. */
    Optimisation.Result minimise() {
        model.options.linear().dual();
        return model.minimise();
    }

    int countConstraints() {
        return (int) model.constraints().count();
    }
}
