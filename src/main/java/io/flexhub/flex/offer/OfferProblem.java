package io.flexhub.flex.offer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.flexhub.flex.optimizer.Direction;
import io.flexhub.flex.optimizer.FlexOfferProblem;

/**
 * The optimizer's problem for one FlexRequest, with what the offer and its stored plan need besides.
 *
 * @param periodStart   start of ISP 1 of the request's Period
 * @param baselineKw    each flexible device's full baseline over the Period (the plan rows store it)
 * @param ignoredIsps   Requested ISPs in the other direction than {@link #direction()} (mixed request): left out,
 *                      so the offer keeps the baseline there
 * @param noOffer       set when there is nothing to solve (then {@link #problem()} is null)
 * @param detail        human-readable explanation of {@code noOffer}, or null
 */
public record OfferProblem(FlexOfferProblem problem, Direction direction, Instant periodStart, int ispCount,
        Map<String, double[]> baselineKw, List<Integer> ignoredIsps, NoOfferReason noOffer, String detail) {

    public boolean solvable() {
        return noOffer == null;
    }
}
