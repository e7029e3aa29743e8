package io.flexhub.selfconsumption.optimizer;

import java.util.Arrays;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.optimisation.linear.LinearSolver;
import org.ojalgo.structure.Mutate1D;

/**
 * Hands a {@link LinearProgram} to ojAlgo 57.1.0.
 *
 * <p>Pure LPs go straight to {@code LinearSolver.newBuilder(..)} with an explicit dual-simplex
 * configuration: that skips the {@code ExpressionsBasedModel} layer (expression objects, presolve,
 * BigDecimal limits), which dominated the time of these 300-800 column models, and the configured
 * builder uses ojAlgo's bounded ("phased") simplex instead of the older tableau solver, so column
 * bounds are not turned into rows. LPs the direct path does not finish go through
 * {@code ExpressionsBasedModel}, whose presolve makes it the slower but robust fallback. (Its
 * integer solver is not used: on a 96-ISP building with a few dozen direction binaries it ran for
 * more than ten minutes, see {@link DirectionRepair}.)
 */
final class OjAlgoSolver {

    /** What the solver returned, in our own terms; {@code x} is null unless a point was produced. */
    record Outcome(Optimisation.State state, double[] x, String path) {

        boolean optimal() {
            return x != null && state.isOptimal();
        }
    }

    private OjAlgoSolver() {
    }

    static Outcome solveDirect(LinearProgram lp, double[] cost) {
        int n = lp.columns();
        LinearSolver.Builder builder = LinearSolver.newBuilder(cost.length == n ? cost : Arrays.copyOf(cost, n));
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int j = 0; j < n; j++) {
            lower[j] = lp.lower(j);
            upper[j] = lp.upper(j);
        }
        builder.lower(lower).upper(upper);

        Csr csr = Csr.of(lp);
        for (int i = 0; i < lp.rows(); i++) {
            double rlo = lp.rowLower(i);
            double rhi = lp.rowUpper(i);
            if (rlo == rhi) {
                fill(builder.equality(rlo), csr, i, 1.0);
                continue;
            }
            if (rhi < Double.POSITIVE_INFINITY) {
                fill(builder.inequality(rhi), csr, i, 1.0);
            }
            if (rlo > Double.NEGATIVE_INFINITY) {
                fill(builder.inequality(-rlo), csr, i, -1.0);
            }
        }
        Optimisation.Options options = new Optimisation.Options();
        options.linear(new LinearSolver.Configuration().dual());
        try {
            Optimisation.Result result = builder.build(options).solve();
            return new Outcome(result.getState(), toArray(result, n), "ojalgo-linear-dual");
        } catch (RuntimeException solverFailure) {
            // ojAlgo signals some degenerate cases by throwing; the model path below still applies
            return new Outcome(Optimisation.State.FAILED, null, "ojalgo-linear-dual");
        }
    }

    static Outcome solveModel(LinearProgram lp, double[] cost) {
        int n = lp.columns();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] vars = new Variable[n];
        for (int j = 0; j < n; j++) {
            Variable v = model.addVariable().lower(lp.lower(j));
            if (lp.upper(j) < Double.POSITIVE_INFINITY) {
                v.upper(lp.upper(j));
            }
            if (cost[j] != 0.0) {
                v.weight(cost[j]);
            }
            vars[j] = v;
        }
        Expression[] rows = new Expression[lp.rows()];
        for (int i = 0; i < rows.length; i++) {
            Expression e = model.addExpression();
            if (lp.rowLower(i) > Double.NEGATIVE_INFINITY) {
                e.lower(lp.rowLower(i));
            }
            if (lp.rowUpper(i) < Double.POSITIVE_INFINITY) {
                e.upper(lp.rowUpper(i));
            }
            rows[i] = e;
        }
        for (int k = 0; k < lp.nonZeros(); k++) {
            rows[lp.entryRow(k)].add(vars[lp.entryCol(k)], lp.entryValue(k));
        }
        Optimisation.Result result = model.minimise();
        return new Outcome(result.getState(), toArray(result, n), "ojalgo-model");
    }

    private static void fill(Mutate1D row, Csr csr, int i, double sign) {
        for (int k = csr.start[i]; k < csr.start[i + 1]; k++) {
            row.set(csr.col[k], sign * csr.val[k]);
        }
    }

    private static double[] toArray(Optimisation.Result result, int n) {
        if (result.size() < n) {
            return null;
        }
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = result.doubleValue(j);
        }
        return x;
    }

    /** Row-wise copy of the triplets (the model never repeats a row/column pair). */
    private record Csr(int[] start, int[] col, double[] val) {

        static Csr of(LinearProgram lp) {
            int m = lp.rows();
            int nz = lp.nonZeros();
            int[] start = new int[m + 1];
            for (int k = 0; k < nz; k++) {
                start[lp.entryRow(k) + 1]++;
            }
            for (int i = 0; i < m; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = Arrays.copyOf(start, m);
            int[] col = new int[nz];
            double[] val = new double[nz];
            for (int k = 0; k < nz; k++) {
                int p = fill[lp.entryRow(k)]++;
                col[p] = lp.entryCol(k);
                val[p] = lp.entryValue(k);
            }
            return new Csr(start, col, val);
        }
    }
}
