package io.flexhub.flex.optimizer;

import java.util.Arrays;

/** The FlexRequest expanded to ISP indices: which are Requested, which Available, with their kW figures. */
final class RequestedIsps {

    final int[] requested;
    final int[] available;
    final double[] minKw;
    final double[] maxKw;
    final double[] roomKw;
    /** Position of an ISP in {@link #requested} or {@link #available}, -1 where it is in neither. */
    private final int[] position;
    private final Disposition[] disposition;

    RequestedIsps(FlexRequest request, int ispCount) {
        disposition = new Disposition[ispCount];
        minKw = new double[ispCount];
        maxKw = new double[ispCount];
        roomKw = new double[ispCount];
        for (RequestIsp entry : request.isps()) {
            for (int t = entry.firstIndex(); t < entry.firstIndex() + entry.duration(); t++) {
                if (t >= ispCount) {
                    throw new IllegalArgumentException("request ISP " + (t + 1) + " is beyond the " + ispCount
                            + " ISPs of the day");
                }
                if (disposition[t] != null) {
                    // UFTP lets an ISP appear once; the reference would silently keep both readings.
                    throw new IllegalArgumentException("request lists ISP " + (t + 1) + " twice");
                }
                disposition[t] = entry.disposition();
                if (entry.disposition() == Disposition.REQUESTED) {
                    minKw[t] = entry.minKw();
                    maxKw[t] = entry.maxKw();
                } else {
                    roomKw[t] = entry.maxKw();
                }
            }
        }
        requested = indicesOf(Disposition.REQUESTED);
        available = indicesOf(Disposition.AVAILABLE);
        position = new int[ispCount];
        Arrays.fill(position, -1);
        for (int k = 0; k < requested.length; k++) {
            position[requested[k]] = k;
        }
        for (int k = 0; k < available.length; k++) {
            position[available[k]] = k;
        }
    }

    boolean isRequested(int t) {
        return disposition[t] == Disposition.REQUESTED;
    }

    boolean isAvailable(int t) {
        return disposition[t] == Disposition.AVAILABLE;
    }

    boolean isInRequest(int t) {
        return disposition[t] != null;
    }

    int positionOf(int t) {
        return position[t];
    }

    private int[] indicesOf(Disposition wanted) {
        int[] out = new int[disposition.length];
        int n = 0;
        for (int t = 0; t < disposition.length; t++) {
            if (disposition[t] == wanted) {
                out[n++] = t;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
