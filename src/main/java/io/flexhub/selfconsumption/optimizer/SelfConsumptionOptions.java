package io.flexhub.selfconsumption.optimizer;

/**
 * @param objective what to minimise
 * @param baseline also evaluate the rule-based baseline and the saving against it
 */
public record SelfConsumptionOptions(Objective objective, boolean baseline) {

    public static SelfConsumptionOptions cost() {
        return new SelfConsumptionOptions(Objective.COST, true);
    }

    public static SelfConsumptionOptions selfConsumption() {
        return new SelfConsumptionOptions(Objective.SELF_CONSUMPTION, true);
    }

    public SelfConsumptionOptions withoutBaseline() {
        return new SelfConsumptionOptions(objective, false);
    }
}
