package io.flexhub.selfconsumption.optimizer;

/**
 * One plug-in session of an EV ({@code evs[]} in {@code phoenix-selfconsumption/1}).
 *
 * <p>The window is half-open, {@code [arrivalIsp, departureIsp)}. A window whose arrival is after
 * its departure crosses midnight; see {@link #crossesMidnight()}.
 *
 * @param surplusValueEurPerKwh value of energy stored beyond the requirement; null means the
 *     cheapest import price of the day
 */
public record EvSession(
        String id,
        String vehicle,
        double capacityKwh,
        double soc0,
        double socMin,
        double socMax,
        double maxKw,
        double minKw,
        double chargeEff,
        int arrivalIsp,
        int departureIsp,
        double requiredKwhByDeparture,
        Double surplusValueEurPerKwh) {

    public static final double DEFAULT_CHARGE_EFF = 0.92;

    public boolean crossesMidnight() {
        return arrivalIsp > departureIsp;
    }

    public double arrivalEnergyKwh() {
        return soc0 * capacityKwh;
    }

    public double maxEnergyKwh() {
        return socMax * capacityKwh;
    }

    /** What must be stored at departure, never more than the session can hold. */
    public double requiredEnergyKwh() {
        return Math.min(requiredKwhByDeparture, maxEnergyKwh());
    }

    /**
     * The part of a midnight-crossing session that falls into this horizon and carries the
     * requirement: {@code [0, departure)} with the state of charge carried from the previous run
     * (section 3.1 of the optimisation reference). The evening part {@code [arrival, end)} belongs
     * to the next nightly run.
     */
    public EvSession morningPart() {
        return new EvSession(id, vehicle, capacityKwh, soc0, socMin, socMax, maxKw, minKw, chargeEff,
                0, departureIsp, requiredKwhByDeparture, surplusValueEurPerKwh);
    }
}
