package io.flexhub.flex.optimizer;

import java.util.List;

/**
 * A device whose consumption may move in time inside its operation windows (EV charger, water heater).
 *
 * @param weight    discomfort per kWh moved out of (reduce) or into (increase) Requested ISPs; keep it below
 *                  the controllable weights so that shifting is preferred to curtailing
 * @param mandatory {@code true}: the baseline energy is delivered exactly; {@code false}: it may drop
 */
public record ShiftableDevice(String id, List<Double> baselineKw, double maxKw, List<OperationWindow> windows,
        double weight, boolean mandatory) {

    public static final double DEFAULT_WEIGHT = 0.1;

    public ShiftableDevice {
        if (id == null) {
            throw new IllegalArgumentException("device id is required");
        }
        baselineKw = DoubleList.copyOf(baselineKw);
        windows = List.copyOf(windows);
    }

    double baselineKwAt(int isp) {
        return ((DoubleList) baselineKw).at(isp);
    }
}
