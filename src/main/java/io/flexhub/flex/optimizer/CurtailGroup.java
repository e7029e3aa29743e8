package io.flexhub.flex.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Controllable devices that share one curtailment variable per Requested ISP.
 * <ul>
 * <li>Without a binding budget a device only adds its room {@code factor*max(0, p)} to each ISP and its weight to
 * the cost, so all such devices of one weight merge exactly: any split of the merged curtailment within the
 * members' rooms costs the same.</li>
 * <li>With a binding budget the device's set {@code {0 <= y <= u, Delta*sum y <= Y}} only merges with scaled copies
 * of itself (rooms and budget proportional, same weight): {@code s_1*P + s_2*P = (s_1+s_2)*P}.</li>
 * </ul>
 */
final class CurtailGroup {

    final double weight;
    /** Summed budget in kWh, or NaN where none can bind. */
    double budgetKwh;
    /** Upper bound per ISP (all ISPs; 0 outside the Requested ones). */
    final double[] upperKw;
    final List<Integer> members = new ArrayList<>();
    final List<double[]> memberUpperKw = new ArrayList<>();

    private CurtailGroup(double weight, boolean budgeted, int ispCount) {
        this.weight = weight;
        this.budgetKwh = budgeted ? 0.0 : Double.NaN;
        this.upperKw = new double[ispCount];
    }

    /** {@code merge = false} gives every device its own group: the plain LP, for checking the merge. */
    static List<CurtailGroup> of(FlexOfferProblem problem, RequestedIsps isps, boolean merge) {
        if (problem.request().direction() == Direction.INCREASE) {
            return List.of();
        }
        int ispCount = problem.ispCount();
        double hours = problem.ispHours();
        Map<Object, CurtailGroup> groups = new LinkedHashMap<>();
        List<ControllableDevice> devices = problem.controllable();
        for (int i = 0; i < devices.size(); i++) {
            ControllableDevice d = devices.get(i);
            double[] upper = new double[ispCount];
            double reachableKwh = 0.0;
            for (int t : isps.requested) {
                upper[t] = d.factor() * Math.max(0.0, d.baselineKwAt(t));
                reachableKwh += upper[t] * hours;
            }
            boolean budgetBinds = d.maxKwh() != null && reachableKwh > d.maxKwh();
            Object key = !merge ? i : budgetBinds ? BudgetShape.of(d.weight(), upper, d.maxKwh()) : d.weight();
            groups.computeIfAbsent(key, k -> new CurtailGroup(d.weight(), budgetBinds, ispCount))
                    .add(i, upper, budgetBinds ? d.maxKwh() : 0.0);
        }
        return List.copyOf(groups.values());
    }

    boolean hasBudget() {
        return !Double.isNaN(budgetKwh);
    }

    private void add(int device, double[] upper, double budget) {
        members.add(device);
        memberUpperKw.add(upper);
        budgetKwh += budget;
        for (int t = 0; t < upper.length; t++) {
            upperKw[t] += upper[t];
        }
    }

    /** Splits the group's curtailment in proportion to each member's room, which keeps every member in bounds. */
    double memberShare(int member, int t, double groupKw) {
        double total = upperKw[t];
        return total > 0.0 ? groupKw * memberUpperKw.get(member)[t] / total : 0.0;
    }

    /** Rooms and budget divided by the budget: equal for scaled copies. */
    private record BudgetShape(double weight, double[] upperPerBudget) {

        static BudgetShape of(double weight, double[] upper, double budget) {
            double scale = budget != 0.0 ? budget : 1.0;
            double[] shape = new double[upper.length + 1];
            for (int t = 0; t < upper.length; t++) {
                shape[t] = upper[t] / scale;
            }
            shape[upper.length] = budget / scale;
            return new BudgetShape(weight, shape);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BudgetShape s && weight == s.weight && Arrays.equals(upperPerBudget, s.upperPerBudget);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(upperPerBudget);
        }
    }
}
