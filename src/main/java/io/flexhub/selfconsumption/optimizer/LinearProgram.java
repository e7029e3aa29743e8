package io.flexhub.selfconsumption.optimizer;

import java.util.Arrays;

/**
 * A small sparse LP store, {@code min c'x  s.t.  rowLo <= A x <= rowHi,  lo <= x <= hi}.
 *
 * <p>The model is kept in our own arrays rather than directly in an ojAlgo model so that one
 * building is built once and solved several times (stage 1 and 2 of the self-consumption mode,
 * the nodes of the direction repair) with different cost vectors and a few added
 * rows or tightened bounds, and so that the objective value is evaluated exactly as the reference does ({@code c'x}).
 * Entries are triplets because the power-balance rows receive coefficients from columns that are
 * created later (one per EV session).
 */
final class LinearProgram {

    private double[] lo = new double[64];
    private double[] hi = new double[64];
    private int columns;

    private double[] rowLo = new double[32];
    private double[] rowHi = new double[32];
    private int rows;

    private int[] entryRow = new int[256];
    private int[] entryCol = new int[256];
    private double[] entryVal = new double[256];
    private int entries;

    int addColumn(double lower, double upper) {
        if (columns == lo.length) {
            int n = columns * 2;
            lo = Arrays.copyOf(lo, n);
            hi = Arrays.copyOf(hi, n);
        }
        lo[columns] = lower;
        hi[columns] = upper;
        return columns++;
    }

    int addRow(double lower, double upper) {
        if (rows == rowLo.length) {
            rowLo = Arrays.copyOf(rowLo, rows * 2);
            rowHi = Arrays.copyOf(rowHi, rows * 2);
        }
        rowLo[rows] = lower;
        rowHi[rows] = upper;
        return rows++;
    }

    void set(int row, int col, double value) {
        if (entries == entryRow.length) {
            int n = entries * 2;
            entryRow = Arrays.copyOf(entryRow, n);
            entryCol = Arrays.copyOf(entryCol, n);
            entryVal = Arrays.copyOf(entryVal, n);
        }
        entryRow[entries] = row;
        entryCol[entries] = col;
        entryVal[entries] = value;
        entries++;
    }

    int columns() {
        return columns;
    }

    int rows() {
        return rows;
    }

    int nonZeros() {
        return entries;
    }

    double lower(int col) {
        return lo[col];
    }

    double upper(int col) {
        return hi[col];
    }

    /** Tightens (or restores) a column's upper bound; branch-and-bound fixes directions this way. */
    void setUpper(int col, double upper) {
        hi[col] = upper;
    }

    double rowLower(int row) {
        return rowLo[row];
    }

    double rowUpper(int row) {
        return rowHi[row];
    }

    int entryRow(int k) {
        return entryRow[k];
    }

    int entryCol(int k) {
        return entryCol[k];
    }

    double entryValue(int k) {
        return entryVal[k];
    }

    /** Largest violation of a row or a bound by {@code x}; the solver's answer is checked, not trusted. */
    double maxViolation(double[] x) {
        double worst = 0.0;
        for (int j = 0; j < columns; j++) {
            worst = Math.max(worst, Math.max(lo[j] - x[j], x[j] - hi[j]));
        }
        double[] activity = new double[rows];
        for (int k = 0; k < entries; k++) {
            activity[entryRow[k]] += entryVal[k] * x[entryCol[k]];
        }
        for (int i = 0; i < rows; i++) {
            worst = Math.max(worst, Math.max(rowLo[i] - activity[i], activity[i] - rowHi[i]));
        }
        return worst;
    }

    static double dot(double[] cost, double[] x) {
        double sum = 0.0;
        for (int j = 0; j < x.length; j++) {
            sum += cost[j] * x[j];
        }
        return sum;
    }
}
