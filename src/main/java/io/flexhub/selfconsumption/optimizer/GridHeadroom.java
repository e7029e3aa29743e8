package io.flexhub.selfconsumption.optimizer;

/**
 * Grid room a plan should leave where the DSO is likely to ask for flexibility: a price, per ISP, on the grid exchange
 * that would add to the expected congestion (import where a REDUCE request is likely, export where an INCREASE one
 * is). It is soft: it enters the objective only, never a constraint, and the reported costs are the tariff's.
 *
 * @param importEurPerKwh added to the import price in the objective, per ISP (0 where no REDUCE request is likely)
 * @param exportEurPerKwh added to the cost of export in the objective, per ISP (0 where no INCREASE request is likely)
 */
public record GridHeadroom(double[] importEurPerKwh, double[] exportEurPerKwh) {

    public GridHeadroom {
        if (importEurPerKwh == null || exportEurPerKwh == null || importEurPerKwh.length != exportEurPerKwh.length) {
            throw new IllegalArgumentException("headroom needs an import and an export price for each ISP");
        }
        for (int t = 0; t < importEurPerKwh.length; t++) {
            if (!(importEurPerKwh[t] >= 0.0) || !(exportEurPerKwh[t] >= 0.0) || !Double.isFinite(importEurPerKwh[t])
                    || !Double.isFinite(exportEurPerKwh[t])) {
                throw new IllegalArgumentException("headroom prices must be finite and not negative (ISP " + t + ")");
            }
        }
    }

    /**
     * The headroom for request probabilities: {@code weight x probability} EUR/kWh where the probability reaches
     * {@code minProbability}; null when no ISP does, or the weight is 0, so that the plan is exactly the plain one.
     *
     * @param reduceProbability   chance of a REDUCE request per ISP
     * @param increaseProbability chance of an INCREASE request per ISP
     */
    public static GridHeadroom of(double[] reduceProbability, double[] increaseProbability, double weightEurPerKwh,
            double minProbability) {
        int n = reduceProbability.length;
        if (increaseProbability.length != n) {
            throw new IllegalArgumentException("request probabilities of different lengths");
        }
        double[] in = new double[n];
        double[] out = new double[n];
        boolean any = false;
        for (int t = 0; weightEurPerKwh > 0.0 && t < n; t++) {
            if (reduceProbability[t] >= minProbability && reduceProbability[t] > 0.0) {
                in[t] = weightEurPerKwh * reduceProbability[t];
                any = true;
            }
            if (increaseProbability[t] >= minProbability && increaseProbability[t] > 0.0) {
                out[t] = weightEurPerKwh * increaseProbability[t];
                any = true;
            }
        }
        return any ? new GridHeadroom(in, out) : null;
    }

    public int isps() {
        return importEurPerKwh.length;
    }

    /** ISPs in which import is priced up (a REDUCE request is likely). */
    public int reduceIsps() {
        return count(importEurPerKwh);
    }

    /** ISPs in which export is priced up (an INCREASE request is likely). */
    public int increaseIsps() {
        return count(exportEurPerKwh);
    }

    /**
     * How much of a schedule's grid exchange falls where the headroom asks for room.
     *
     * @param importKwh import in ISPs with a REDUCE price
     * @param exportKwh export in ISPs with an INCREASE price
     * @param priceEur  what the headroom prices that at (the objective's extra term)
     */
    public record Exposure(double importKwh, double exportKwh, double priceEur) {
    }

    public Exposure exposure(Schedule schedule, double ispHours) {
        double in = 0.0;
        double out = 0.0;
        double price = 0.0;
        for (int t = 0; t < isps(); t++) {
            double gin = schedule.gridImportKw()[t] * ispHours;
            double gout = schedule.gridExportKw()[t] * ispHours;
            if (importEurPerKwh[t] > 0.0) {
                in += gin;
                price += importEurPerKwh[t] * gin;
            }
            if (exportEurPerKwh[t] > 0.0) {
                out += gout;
                price += exportEurPerKwh[t] * gout;
            }
        }
        return new Exposure(in, out, price);
    }

    private static int count(double[] values) {
        int n = 0;
        for (double v : values) {
            n += v > 0.0 ? 1 : 0;
        }
        return n;
    }
}
