package io.flexhub.selfconsumption.optimizer;

import java.util.List;
import java.util.Locale;

/**
 * The optimised day of one building.
 *
 * @param objectiveTotal what the solver minimised, {@code c'x} of the final stage, with the
 *     reference's coefficients (comparable to its {@code objective_total})
 * @param shortfalls what the plan could not honour (empty for a fully met day)
 * @param notes what the run did beyond the plain LP: a midnight-crossing session split, a solver
 *     retry, the elastic fallback, or how an optimum with simultaneous import/export or
 *     charge/discharge was made executable (section 3.1.2)
 * @param baseline the rule-based plan's balance, null when not asked for
 * @param repair how the LP optimum was made executable, null when it already was
 * @param solveSeconds wall time to build, solve, repair and evaluate this building
 */
public record BuildingResult(
        String id,
        Status status,
        double objectiveTotal,
        EnergyBalance energy,
        ScheduleChecks checks,
        Schedule schedule,
        List<Shortfall> shortfalls,
        List<String> notes,
        EnergyBalance baseline,
        Repair repair,
        ModelSize model,
        double solveSeconds) {

    public enum Status {
        /** The model's optimum (possibly after the direction repair). */
        OPTIMAL,
        /**
         * The exact model has no solution (e.g. the load exceeds the import limit): optimum of the
         * elastic model, in which the violated limits carry large penalties; see the shortfalls.
         */
        BEST_EFFORT,
        /** The solver failed on both paths; the schedule is the rule-based plan. */
        RULE_BASED_FALLBACK;

        /** The JSON spelling, e.g. {@code best_effort}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Size of the model as built (after leaving out fixed-at-zero columns). */
    public record ModelSize(int columns, int rows, int nonZeros) {

        public static final ModelSize NONE = new ModelSize(0, 0, 0);

        public ModelSize plus(ModelSize o) {
            return new ModelSize(columns + o.columns, rows + o.rows, nonZeros + o.nonZeros);
        }
    }

    /**
     * The direction repair of section 3.1.2 (branch-and-bound over direction choices).
     *
     * @param lpObjective the LP optimum, which imported and exported or charged and discharged at once
     * @param objective the executable plan's objective (>= lpObjective)
     * @param bestBound no executable plan is cheaper than this; equals {@code objective} when proven
     * @param nodes LPs solved
     * @param proven the search finished within its caps
     */
    public record Repair(double lpObjective, double objective, double bestBound, int nodes, boolean proven) {
    }

    public PvSurplus pvSurplus() {
        return schedule.pvSurplus();
    }
}
