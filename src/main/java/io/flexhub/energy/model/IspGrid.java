package io.flexhub.energy.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Values on the ISP grid of a time range, one slot per ISP from {@code start}; NaN where nothing is known. Arrays
 * instead of maps keep a year of one building (35,040 ISPs per series) cheap to fill and to bucket.
 */
public final class IspGrid {

    private final Instant start;
    private final Duration isp;
    private final int size;
    private final long ispMillis;

    public IspGrid(Instant start, Instant end, Duration isp) {
        if (isp.isZero() || isp.isNegative() || end.isBefore(start)) {
            throw new IllegalArgumentException("an ISP grid needs a positive ISP and start <= end");
        }
        this.start = start;
        this.isp = isp;
        this.ispMillis = isp.toMillis();
        this.size = (int) ((end.toEpochMilli() - start.toEpochMilli() + ispMillis - 1) / ispMillis);
    }

    public Instant start() {
        return start;
    }

    public Duration isp() {
        return isp;
    }

    public int size() {
        return size;
    }

    public Instant at(int index) {
        return start.plusMillis(index * ispMillis);
    }

    /** The slot of the ISP containing {@code t}; -1 outside the grid. */
    public int index(Instant t) {
        long d = t.toEpochMilli() - start.toEpochMilli();
        if (d < 0) {
            return -1;
        }
        long i = d / ispMillis;
        return i < size ? (int) i : -1;
    }

    /** The first slot at or after {@code t}, clamped to {@code 0..size}. */
    public int ceil(Instant t) {
        long d = t.toEpochMilli() - start.toEpochMilli();
        if (d <= 0) {
            return 0;
        }
        return (int) Math.min(size, (d + ispMillis - 1) / ispMillis);
    }

    public double[] empty() {
        double[] v = new double[size];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    public double hours() {
        return ispMillis / 3_600_000.0;
    }
}
