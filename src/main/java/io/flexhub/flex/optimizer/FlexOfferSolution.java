package io.flexhub.flex.optimizer;

import java.util.List;

/**
 * Result of {@link FlexOfferOptimizer#solve}. Only {@link Outcome#OFFER} carries an offer; the figures of the other
 * outcomes are kept for diagnosis and for comparing with the reference solver.
 *
 * @param detail           why the outcome is INFEASIBLE, otherwise {@code null}
 * @param offerPowerKw     offered deviation per ISP, UFTP sign (+ = more consumption), 0 outside the request
 * @param stage1Value      {@code sum w_t*Delta*D_t - M*Delta*sum z_t}, the lexicographic first objective
 * @param stage2Discomfort the second objective at its optimum, baseline schedules' cost included as in the
 *                         reference
 */
public record FlexOfferSolution(Outcome outcome, String detail, Direction direction, double requestedKwh,
        double deliveredKwh, double shortfallKwh, double curtailedKwh, double shiftedKwh, double stage1Value,
        double stage2Discomfort, List<Double> offerPowerKw, List<IspDelivery> requestedIsps,
        List<DevicePlan> devicePlan, LpStats lp) {

    public enum Outcome {
        /** A non-zero deviation can be offered. */
        OFFER,
        /** Every Requested ISP gets less than 0.5 W (0 W in UFTP): send no FlexOffer for this request. */
        NOTHING_TO_OFFER,
        /** The devices cannot even keep their baseline under the request (e.g. baseline above max power). */
        INFEASIBLE
    }

    /** Size of the LP as solved (after aggregation) and wall-clock time of both stages. */
    public record LpStats(int variables, int constraints, double stage1Seconds, double stage2Seconds) {
    }

    public FlexOfferSolution {
        offerPowerKw = DoubleList.copyOf(offerPowerKw);
        requestedIsps = List.copyOf(requestedIsps);
        devicePlan = List.copyOf(devicePlan);
    }

    public boolean hasOffer() {
        return outcome == Outcome.OFFER;
    }

    /** Offered deviation per ISP in whole W, the unit of UFTP {@code FlexOfferOptionISP/@Power}. */
    public long[] offerPowerW() {
        return offerPowerKw.stream().mapToLong(kw -> Math.round(kw * 1000.0)).toArray();
    }
}
