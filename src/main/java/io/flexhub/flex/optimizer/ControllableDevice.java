package io.flexhub.flex.optimizer;

import java.util.List;

/**
 * A curtailable device: in Requested ISPs of a reduce request it may drop up to {@code factor} of its baseline.
 *
 * @param weight discomfort per kWh curtailed (EUR/kWh-equivalent); ranks devices in stage 2
 * @param maxKwh daily curtailment budget in kWh, or {@code null} for none
 */
public record ControllableDevice(String id, List<Double> baselineKw, double factor, double weight, Double maxKwh) {

    public static final double DEFAULT_WEIGHT = 1.0;

    public ControllableDevice {
        if (id == null) {
            throw new IllegalArgumentException("device id is required");
        }
        if (!(factor >= 0.0 && factor <= 1.0)) {
            throw new IllegalArgumentException(id + ": controllability factor must be in [0, 1], got " + factor);
        }
        baselineKw = DoubleList.copyOf(baselineKw);
    }

    double baselineKwAt(int isp) {
        return ((DoubleList) baselineKw).at(isp);
    }
}
