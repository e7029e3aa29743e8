package io.flexhub.flex.optimizer;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Immutable {@code List<Double>} over a {@code double[]}: a 10,000-device problem carries about a million ISP
 * values, which as boxed Doubles cost twice the memory and most of the time spent outside the LP.
 */
final class DoubleList extends AbstractList<Double> implements RandomAccess {

    private final double[] values;

    private DoubleList(double[] values) {
        this.values = values;
    }

    /** The list itself when it is already a DoubleList, otherwise an unboxed copy; rejects nulls. */
    static DoubleList copyOf(List<Double> values) {
        if (values instanceof DoubleList list) {
            return list;
        }
        double[] copy = new double[values.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = values.get(i);
        }
        return new DoubleList(copy);
    }

    /** Takes the array over: the caller must not write to it afterwards. */
    static DoubleList wrap(double[] values) {
        return new DoubleList(values);
    }

    double at(int index) {
        return values[index];
    }

    @Override
    public Double get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }
}
