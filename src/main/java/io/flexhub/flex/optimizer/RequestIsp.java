package io.flexhub.flex.optimizer;

/**
 * One entry of a FlexRequest: {@code duration} ISPs from the 1-based {@code start}, with UFTP MinPower/MaxPower
 * converted to kW magnitudes. For an Available entry only {@code maxKw} (the room) counts.
 */
public record RequestIsp(int start, int duration, Disposition disposition, double minKw, double maxKw) {

    public RequestIsp {
        if (start < 1) {
            throw new IllegalArgumentException("ISP start is 1-based, got " + start);
        }
        if (duration < 1) {
            throw new IllegalArgumentException("ISP duration must be at least 1, got " + duration);
        }
        if (disposition == null) {
            throw new IllegalArgumentException("ISP disposition is required");
        }
    }

    public static RequestIsp requested(int start, double minKw, double maxKw) {
        return new RequestIsp(start, 1, Disposition.REQUESTED, minKw, maxKw);
    }

    public static RequestIsp available(int start, double roomKw) {
        return new RequestIsp(start, 1, Disposition.AVAILABLE, 0.0, roomKw);
    }

    /** 0-based index of the first ISP covered. */
    public int firstIndex() {
        return start - 1;
    }
}
