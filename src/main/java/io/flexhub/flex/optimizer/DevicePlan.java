package io.flexhub.flex.optimizer;

import java.util.List;

/** What one device does when the offer is ordered with activation factor 1. */
public sealed interface DevicePlan permits DevicePlan.Curtailment, DevicePlan.Shift {

    String deviceId();

    /** A controllable device runs at {@code baseline - reductionKw} in every ISP. */
    record Curtailment(String deviceId, List<Double> reductionKw) implements DevicePlan {
        public Curtailment {
            reductionKw = DoubleList.copyOf(reductionKw);
        }
    }

    /** A shiftable device follows {@code scheduleKw} instead of its baseline. */
    record Shift(String deviceId, List<Double> scheduleKw) implements DevicePlan {
        public Shift {
            scheduleKw = DoubleList.copyOf(scheduleKw);
        }
    }
}
