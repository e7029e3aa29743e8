package io.flexhub.selfconsumption.optimizer;

import java.util.Map;

/**
 * Per-ISP plan of one building, kW (ISP averages), in the reference's {@code --schedule} shape.
 *
 * @param ev charging power per EV session id, full horizon length (zero outside the window)
 * @param battery null when the building has no battery
 */
public record Schedule(double[] gridImportKw, double[] gridExportKw, double[] curtailedKw,
        Map<String, double[]> ev, BatterySchedule battery) {

    /** @param energyKwh stored energy at the end of each ISP */
    public record BatterySchedule(double[] chargeKw, double[] dischargeKw, double[] energyKwh) {
    }

    /**
     * PV the schedule cannot use in each ISP, {@code export + curtailment} (section 3.1.3): the raw
     * material of an internal FlexRequest asking for more consumption.
     */
    public PvSurplus pvSurplus() {
        double[] kw = new double[gridExportKw.length];
        for (int t = 0; t < kw.length; t++) {
            kw[t] = gridExportKw[t] + curtailedKw[t];
        }
        return new PvSurplus(kw);
    }
}
