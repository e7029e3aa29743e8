package io.flexhub.selfconsumption.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * PV that the optimised schedule exports or curtails, kW per ISP (section 3.1.3 of the
 * optimisation reference). ISPs above a threshold become the Requested ISPs of an internal
 * FlexRequest in the "increase consumption" direction, range {@code [threshold, surplus]}.
 */
public record PvSurplus(double[] kw) {

    /** One ISP worth asking flexible consumers to absorb, kW (positive = consumption). */
    public record RequestedIsp(int isp, double minKw, double maxKw) {
    }

    public List<RequestedIsp> requestedIsps(double thresholdKw) {
        List<RequestedIsp> out = new ArrayList<>();
        for (int t = 0; t < kw.length; t++) {
            if (kw[t] > thresholdKw) {
                out.add(new RequestedIsp(t, thresholdKw, kw[t]));
            }
        }
        return out;
    }

    public double totalKwh(double ispHours) {
        double sum = 0.0;
        for (double v : kw) {
            sum += v;
        }
        return sum * ispHours;
    }
}
