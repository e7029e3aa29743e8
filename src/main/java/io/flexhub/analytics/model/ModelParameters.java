package io.flexhub.analytics.model;

/**
 * Knobs of the grid-pattern model (see docs/analytics.md for how each acts and how the defaults were chosen).
 *
 * @param halfLifeDays            an observation this many days before the forecast origin counts half as much as
 *                                one from the day before; a DSO reinforces its grid and patterns drift
 * @param cellStrength            pseudo-days of the prior each cell gets from its coarser parent: a cell with
 *                                this much (decayed) history of its own is half its data, half its parent
 * @param poolStrengthDays        days of own history at which a congestion point's parents lean as much on its
 *                                own coarser cells as on the pooled cells of all congestion points; 0 turns pooling off
 * @param minPowerSamples         decayed requested ISPs a cell needs before its requested-power quantiles are
 *                                used; below it the next coarser cell answers
 * @param directionMinProbability below this request probability a forecast ISP names no direction
 */
public record ModelParameters(double halfLifeDays, double cellStrength, double poolStrengthDays,
                              double minPowerSamples, double directionMinProbability) {

    public ModelParameters {
        if (!(halfLifeDays > 0)) {
            throw new IllegalArgumentException("halfLifeDays must be positive, got " + halfLifeDays);
        }
        if (!(cellStrength > 0)) {
            throw new IllegalArgumentException("cellStrength must be positive, got " + cellStrength);
        }
        if (!(poolStrengthDays >= 0)) {
            throw new IllegalArgumentException("poolStrengthDays must be 0 or more, got " + poolStrengthDays);
        }
        if (!(minPowerSamples >= 1)) {
            throw new IllegalArgumentException("minPowerSamples must be at least 1, got " + minPowerSamples);
        }
        if (!(directionMinProbability >= 0 && directionMinProbability < 1)) {
            throw new IllegalArgumentException("directionMinProbability must be in [0, 1), got " + directionMinProbability);
        }
    }

    public static ModelParameters defaults() {
        return new ModelParameters(365, 6, 60, 6, 0.02);
    }

    public ModelParameters withHalfLifeDays(double value) {
        return new ModelParameters(value, cellStrength, poolStrengthDays, minPowerSamples, directionMinProbability);
    }

    public ModelParameters withCellStrength(double value) {
        return new ModelParameters(halfLifeDays, value, poolStrengthDays, minPowerSamples, directionMinProbability);
    }

    public ModelParameters withPoolStrengthDays(double value) {
        return new ModelParameters(halfLifeDays, cellStrength, value, minPowerSamples, directionMinProbability);
    }
}
