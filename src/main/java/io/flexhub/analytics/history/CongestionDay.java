package io.flexhub.analytics.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the DSO asked of one congestion point on one day (in the market time zone), from the latest revision of
 * the FlexRequests for that period. A day inside the point's observed range without any request is a day with
 * {@link #requested()} false in every ISP, so absence counts as "no request" rather than as missing data.
 *
 * @param ispCount ISPs of the day: 92, 96 or 100 with 15-minute ISPs depending on DST
 * @param isps exactly {@code ispCount} entries, ISP 1 first
 */
public record CongestionDay(String congestionPoint, LocalDate date, int ispCount, List<Isp> isps) {

    public CongestionDay {
        isps = List.copyOf(isps);
        if (isps.size() != ispCount) {
            throw new IllegalArgumentException(date + " has " + isps.size() + " ISPs, expected " + ispCount);
        }
    }

    /** True when at least one ISP of the day was requested. */
    public boolean anyRequested() {
        return isps.stream().anyMatch(Isp::requested);
    }

    /**
     * One ISP of the day.
     *
     * @param isp 1-based UFTP ISP number
     * @param start the ISP's start instant
     * @param requested Disposition=Requested in the latest revision
     * @param direction REDUCE when MaxPower &le; 0, INCREASE when MinPower &ge; 0; null when not requested
     * @param minKw MinPower of the ISP in kW, null when the ISP was not listed
     * @param maxKw MaxPower of the ISP in kW, null when the ISP was not listed
     * @param leadTime from the latest revision's TimeStamp to the ISP's start; null when there was no request
     */
    public record Isp(int isp, Instant start, boolean requested, Direction direction, Double minKw, Double maxKw,
                      Duration leadTime) {

        /** The size of the requested deviation in kW (the bound nearest zero of the requested side), or 0. */
        public double requestedKw() {
            if (!requested || direction == null) {
                return 0.0;
            }
            return direction == Direction.REDUCE ? Math.abs(maxKw) : Math.abs(minKw);
        }
    }

    /** The sign of a requested deviation, UFTP convention: consumption down (reduce) or up (increase). */
    public enum Direction { REDUCE, INCREASE }
}
