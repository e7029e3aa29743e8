package io.flexhub.flex.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shiftable devices that are scaled copies of one another (same windows, weight and mandatory flag; baseline and
 * max power proportional). Their feasible schedules are {@code s_j * P} for one convex set {@code P}, and
 * {@code s_1*P + s_2*P = (s_1+s_2)*P}, so one LP device with the summed baseline and max power has exactly the
 * same reach and, because the time-distance weights depend only on the baseline's shape, the same costs.
 */
final class ShiftGroup {

    final boolean[] window;
    final double weight;
    final boolean mandatory;
    final double[] baselineKw;
    double maxKw;
    final List<Integer> members = new ArrayList<>();
    final List<Double> scales = new ArrayList<>();
    private double totalScale;

    private ShiftGroup(boolean[] window, double weight, boolean mandatory, int ispCount) {
        this.window = window;
        this.weight = weight;
        this.mandatory = mandatory;
        this.baselineKw = new double[ispCount];
    }

    /** {@code merge = false} gives every device its own group: the plain LP, for checking the merge. */
    static List<ShiftGroup> of(FlexOfferProblem problem, RequestedIsps isps, boolean merge) {
        Map<Object, ShiftGroup> byShape = new LinkedHashMap<>();
        List<ShiftableDevice> devices = problem.shiftable();
        for (int j = 0; j < devices.size(); j++) {
            ShiftableDevice d = devices.get(j);
            boolean[] window = windowOf(d, problem.ispCount());
            requireBaselineInWindow(d, window, isps);
            double scale = d.maxKw() > 0.0 ? d.maxKw() : 1.0;
            double[] shape = new double[problem.ispCount()];
            for (int t = 0; t < shape.length; t++) {
                shape[t] = onGrid(d.baselineKwAt(t) / scale);
            }
            Object key = merge ? new Shape(window, d.weight(), d.mandatory(), onGrid(d.maxKw() / scale), shape) : j;
            ShiftGroup group = byShape.computeIfAbsent(key,
                    k -> new ShiftGroup(window, d.weight(), d.mandatory(), problem.ispCount()));
            group.add(j, d, scale);
        }
        return new ArrayList<>(byShape.values());
    }

    /**
     * Rounds a shape value (a baseline divided by its device's max power) to {@value #SHAPE_GRID}. A fleet described
     * as "type profile times a per-device size" gives {@code (s*p)/(s*r)}, which differs from {@code p/r} in the
     * last bit for about 40 % of the sizes; compared exactly, such copies would hardly ever merge.
     *
     * <p>Why the optimum survives: merging only adds up the members' rows (their sum satisfies the group's bounds
     * and energy row whatever their shapes), so the merged optimum is at least the plain one. Splitting the group's
     * deviation {@code d} pro rata to max power, {@code q_j = p_j + (s_j/S)*d}, keeps each member's energy exactly
     * ({@code sum_t d = 0}) and its bounds up to {@code |p_j - (s_j/S)*P| <= SHAPE_GRID*s_j} per ISP: a member
     * schedule may leave {@code [0, Pmax_j]} by at most a nano-fraction of its rating, which
     * {@link FlexOfferOptimizer} clips. Costs are linear in the summed deviation and use the group's centroid, which
     * equals every member's to the same precision, so both optima agree to that precision.
     */
    static final double SHAPE_GRID = 1e-9;

    private static double onGrid(double value) {
        return Math.rint(value / SHAPE_GRID) * SHAPE_GRID;
    }

    static boolean[] windowOf(ShiftableDevice d, int ispCount) {
        boolean[] window = new boolean[ispCount];
        for (OperationWindow w : d.windows()) {
            for (int t = Math.max(0, w.fromIsp()); t < Math.min(ispCount, w.toIsp()); t++) {
                window[t] = true;
            }
        }
        return window;
    }

    /** Outside the request a schedule is pinned to its baseline, which must then lie in the window. */
    private static void requireBaselineInWindow(ShiftableDevice d, boolean[] window, RequestedIsps isps) {
        for (int t = 0; t < window.length; t++) {
            if (!window[t] && !isps.isInRequest(t) && d.baselineKwAt(t) > 1e-9) {
                throw new IllegalArgumentException(
                        "shiftable device " + d.id() + " has a baseline outside its window at ISP " + t);
            }
        }
    }

    private void add(int device, ShiftableDevice d, double scale) {
        members.add(device);
        scales.add(scale);
        totalScale += scale;
        maxKw += d.maxKw();
        for (int t = 0; t < baselineKw.length; t++) {
            baselineKw[t] += d.baselineKwAt(t);
        }
    }

    /** The baseline's energy centroid in ISPs, the anchor of the time-distance cost (0 without energy). */
    double centroid() {
        double total = 0.0;
        double moment = 0.0;
        for (int t = 0; t < baselineKw.length; t++) {
            total += baselineKw[t];
            moment += t * baselineKw[t];
        }
        return total > 0.0 ? moment / total : 0.0;
    }

    double memberShare(int member, double groupKw) {
        return groupKw * scales.get(member) / totalScale;
    }

    private record Shape(boolean[] window, double weight, boolean mandatory, double maxKw, double[] shape) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && Arrays.equals(window, s.window) && weight == s.weight
                    && mandatory == s.mandatory && maxKw == s.maxKw && Arrays.equals(shape, s.shape);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shape) + Arrays.hashCode(window);
        }
    }
}
