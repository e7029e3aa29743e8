package io.flexhub.selfconsumption.optimizer;

/**
 * Stationary battery of a building ({@code battery} in {@code phoenix-selfconsumption/1}).
 * A round-trip efficiency in the JSON is split as its square root into charge and discharge
 * efficiency, as FlexMeasures does, before it reaches this record.
 *
 * @param socFinalMin hard end-of-day target as a fraction; null means {@code socMin} (no target)
 * @param terminalValueEurPerKwh value of energy left at the horizon end; null means the cheapest
 *     import price of the day times the discharge efficiency
 */
public record Battery(
        double capacityKwh,
        double soc0,
        double socMin,
        double socMax,
        double maxChargeKw,
        double maxDischargeKw,
        double chargeEff,
        double dischargeEff,
        Double socFinalMin,
        Double terminalValueEurPerKwh) {

    public static final double DEFAULT_EFF = 0.95;

    public double initialEnergyKwh() {
        return soc0 * capacityKwh;
    }

    public double minEnergyKwh() {
        return socMin * capacityKwh;
    }

    public double maxEnergyKwh() {
        return socMax * capacityKwh;
    }

    public double finalMinEnergyKwh() {
        return (socFinalMin == null ? socMin : socFinalMin) * capacityKwh;
    }
}
