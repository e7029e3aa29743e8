package io.flexhub.selfconsumption.optimizer;

import java.util.List;

/**
 * The input of one nightly run: one or more buildings on a common ISP grid. A single-building
 * document of the schema is read as a portfolio of one.
 *
 * @param aggregate feeder/transformer limits on the sum of the buildings' grid exchange; they
 *     couple the buildings and are not applied by the per-building optimisation (see
 *     {@link SelfConsumptionOptimizer})
 */
public record Portfolio(String name, int isps, double ispMinutes, GridLimits aggregate, List<Building> buildings) {

    public Portfolio {
        aggregate = aggregate == null ? GridLimits.NONE : aggregate;
        buildings = List.copyOf(buildings);
    }

    public double ispHours() {
        return ispMinutes / 60.0;
    }
}
