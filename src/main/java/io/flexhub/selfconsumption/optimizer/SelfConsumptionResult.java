package io.flexhub.selfconsumption.optimizer;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The optimised day of a portfolio: per-building results plus the sums the reference prints.
 *
 * @param status "optimal" when every building is, else the sorted distinct statuses joined by
 *     commas (the reference's convention)
 * @param baseline sum of the rule-based plans, null when not asked for
 * @param warnings input features the run did not apply (e.g. aggregate feeder limits)
 */
public record SelfConsumptionResult(
        String name,
        Objective objective,
        String status,
        double objectiveTotal,
        EnergyBalance energy,
        ScheduleChecks checks,
        EnergyBalance baseline,
        List<BuildingResult> buildings,
        List<String> warnings,
        Timing timing) {

    /**
     * Wall-clock figures, seconds. {@code solveSeconds} is the sum over buildings (CPU-ish),
     * {@code totalSeconds} the elapsed time of the whole run (parallel).
     */
    public record Timing(double totalSeconds, double solveSeconds, double p50BuildingSeconds,
            double maxBuildingSeconds, double meanBuildingSeconds) {
    }

    /** Net cost of the baseline minus net cost of the plan, EUR (positive = the plan saves). */
    public OptionalDouble savingVsBaselineEur() {
        return baseline == null ? OptionalDouble.empty() : OptionalDouble.of(baseline.netCostEur() - energy.netCostEur());
    }

    public OptionalDouble savingVsBaselineRatio() {
        if (baseline == null || baseline.netCostEur() == 0.0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(savingVsBaselineEur().getAsDouble() / Math.abs(baseline.netCostEur()));
    }

    public int evSessions() {
        return buildings.stream().mapToInt(b -> b.schedule().ev().size()).sum();
    }

    public BuildingResult.ModelSize modelSize() {
        return buildings.stream().map(BuildingResult::model).reduce(BuildingResult.ModelSize.NONE, BuildingResult.ModelSize::plus);
    }
}
