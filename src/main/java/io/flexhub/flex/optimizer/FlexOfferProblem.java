package io.flexhub.flex.optimizer;

import java.util.List;

/**
 * A FlexRequest together with the devices behind one congestion point (schema {@code phoenix-flexoffer/1}).
 *
 * @param ispWeight value of one kWh delivered in each ISP, or {@code null} for 1 everywhere
 */
public record FlexOfferProblem(int ispCount, int ispMinutes, FlexRequest request, List<Double> ispWeight,
        List<ControllableDevice> controllable, List<ShiftableDevice> shiftable) {

    public static final int DEFAULT_ISP_COUNT = 96;
    public static final int DEFAULT_ISP_MINUTES = 15;

    public FlexOfferProblem {
        if (ispCount < 1 || ispMinutes < 1) {
            throw new IllegalArgumentException("ISP count and length must be positive");
        }
        if (request == null) {
            throw new IllegalArgumentException("request is required");
        }
        if (ispWeight != null) {
            ispWeight = DoubleList.copyOf(ispWeight);
            requireLength("isp_weight", ispWeight, ispCount);
        }
        controllable = List.copyOf(controllable);
        shiftable = List.copyOf(shiftable);
        for (ControllableDevice d : controllable) {
            requireLength(d.id(), d.baselineKw(), ispCount);
        }
        for (ShiftableDevice d : shiftable) {
            requireLength(d.id(), d.baselineKw(), ispCount);
        }
    }

    /** ISP length in hours. */
    public double ispHours() {
        return ispMinutes / 60.0;
    }

    public double weightOf(int isp) {
        return ispWeight == null ? 1.0 : ispWeight.get(isp);
    }

    private static void requireLength(String what, List<Double> values, int ispCount) {
        if (values.size() != ispCount) {
            throw new IllegalArgumentException(what + ": expected " + ispCount + " ISP values, got " + values.size());
        }
    }
}
