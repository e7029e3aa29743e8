package io.flexhub.analytics.model;

/**
 * Size of the deviation the DSO asks for in an ISP when it asks (kW, the bound nearest zero of the requested
 * side), as the median and 90th percentile of the decayed history; both null when there is none to go by.
 */
public record RequestedKw(Double median, Double p90) {

    static final RequestedKw NONE = new RequestedKw(null, null);
}
