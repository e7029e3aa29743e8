package io.flexhub.selfconsumption.optimizer;

import java.util.OptionalDouble;

/**
 * Energy and money totals of a plan over the day; additive over buildings, so a portfolio's KPIs
 * are ratios of sums (as the reference aggregates), not averages of ratios.
 *
 * @param gridCostEur import cost minus export revenue ({@code objective_eur})
 * @param storedValueEur value of the energy put into EVs plus the battery's change of stored
 *     energy at its terminal value
 * @param batteryLossKwh energy into the battery minus energy out minus the change of stored energy
 */
public record EnergyBalance(
        double gridCostEur,
        double storedValueEur,
        double pvKwh,
        double loadKwh,
        double importKwh,
        double exportKwh,
        double curtailedKwh,
        double evChargedKwh,
        double evUnmetKwh,
        double batteryLossKwh) {

    public static final EnergyBalance ZERO = new EnergyBalance(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Grid cost minus the value of stored energy: what the cost objective trades off. */
    public double netCostEur() {
        return gridCostEur - storedValueEur;
    }

    /** {@code 1 - (export + curtailment) / PV}; empty on a day without PV. */
    public OptionalDouble selfConsumptionRatio() {
        return pvKwh > 0 ? OptionalDouble.of(1 - (exportKwh + curtailedKwh) / pvKwh) : OptionalDouble.empty();
    }

    /** {@code 1 - import / (load + EV charging + battery losses)}. */
    public OptionalDouble selfSufficiencyRatio() {
        double consumption = loadKwh + evChargedKwh + Math.max(0.0, batteryLossKwh);
        return consumption > 0 ? OptionalDouble.of(1 - importKwh / consumption) : OptionalDouble.empty();
    }

    public EnergyBalance plus(EnergyBalance o) {
        return new EnergyBalance(gridCostEur + o.gridCostEur, storedValueEur + o.storedValueEur, pvKwh + o.pvKwh,
                loadKwh + o.loadKwh, importKwh + o.importKwh, exportKwh + o.exportKwh, curtailedKwh + o.curtailedKwh,
                evChargedKwh + o.evChargedKwh, evUnmetKwh + o.evUnmetKwh, batteryLossKwh + o.batteryLossKwh);
    }
}
