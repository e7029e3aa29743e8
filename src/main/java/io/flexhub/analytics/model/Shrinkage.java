package io.flexhub.analytics.model;

/**
 * The estimator: in each cell, the posterior mean of a Beta prior centred on the parent cell's estimate with
 * {@code k} pseudo-observations, updated by the cell's decayed counts:
 * {@code p = (requested + k * parent) / (observed + k)}. Coarse to fine, so a cell with little history inherits
 * its parent's shape. The request direction is estimated the same way, as the share of reduce among requests.
 *
 * <p>Pooling: the pooled counts of all congestion points run through the same chain, and a point's parent at
 * each level is a blend of its own coarser cell and the pooled cell at the same level, weighted
 * {@code lambda = D / (D + poolStrengthDays)} with D its decayed days of history. A new point thus starts from
 * what the DSO's grid does in general, in every calendar cell, and moves to its own pattern as history grows.
 */
final class Shrinkage {

    /** The roots' own prior: a Jeffreys-like Beta(0.5, 0.5), only felt without any history at all. */
    private static final double ROOT_PRIOR = 1.0;

    private Shrinkage() {
    }

    /**
     * Pooled estimates of every level for one day's calendar cells, {@code p[level][slot]} and the reduce share
     * {@code q[level][slot]}, level 0 repeated over the slots.
     */
    static void pool(CellCounts pool, double scale, int dt, int sc, int mc, double k, double[][] p, double[][] q) {
        double n0 = pool.observed[0] * scale;
        double r0 = pool.requested[0] * scale;
        double d0 = pool.reduce[0] * scale;
        double g0 = (r0 + ROOT_PRIOR * 0.5) / (n0 + ROOT_PRIOR);
        double h0 = (d0 + ROOT_PRIOR * 0.5) / (r0 + ROOT_PRIOR);
        for (int s = 0; s < pool.slots; s++) {
            p[0][s] = g0;
            q[0][s] = h0;
            for (int level = 1; level < CellCounts.LEVELS; level++) {
                int i = pool.index(level, dt, sc, mc, s);
                double n = pool.observed[i] * scale;
                double r = pool.requested[i] * scale;
                double d = pool.reduce[i] * scale;
                p[level][s] = (r + k * p[level - 1][s]) / (n + k);
                q[level][s] = (d + k * q[level - 1][s]) / (r + k);
            }
        }
    }

    /** Weight of a congestion point's own coarser cells against the pool's, from its decayed days of history. */
    static double lambda(CellCounts own, double scale, double poolStrengthDays) {
        double days = own.days * scale;
        return poolStrengthDays <= 0 ? 1.0 : days / (days + poolStrengthDays);
    }

    /**
     * The point's estimate for one slot at {@code top} (4: the finest cell; 3: day type x season); {@code out[0]}
     * the request probability, {@code out[1]} the share of reduce among requests, {@code out[2]} the decayed
     * observations of the cell at {@code top}.
     */
    static void point(CellCounts own, double scale, double lambda, int dt, int sc, int mc, int slot, double k,
                      int top, double[][] gp, double[][] gq, double[] out) {
        double n0 = own.observed[0] * scale;
        double r0 = own.requested[0] * scale;
        double d0 = own.reduce[0] * scale;
        double c = (r0 + k * gp[0][slot]) / (n0 + k);
        double h = (d0 + k * gq[0][slot]) / (r0 + k);
        double n = n0;
        for (int level = 1; level <= top; level++) {
            int i = own.index(level, dt, sc, mc, slot);
            n = own.observed[i] * scale;
            double r = own.requested[i] * scale;
            double d = own.reduce[i] * scale;
            double parentP = lambda * c + (1 - lambda) * gp[level][slot];
            double parentQ = lambda * h + (1 - lambda) * gq[level][slot];
            c = (r + k * parentP) / (n + k);
            h = (d + k * parentQ) / (r + k);
        }
        out[0] = c;
        out[1] = h;
        out[2] = n;
    }
}
