package io.flexhub.selfconsumption;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How likely the DSO is to ask a congestion point for flexibility in each ISP ahead. The nightly run keeps grid
 * headroom where a request is likely ({@code flexhub.selfconsumption.headroom}); grid-pattern analytics answers it
 * from the FlexRequest history.
 */
public interface RequestOutlook {

    /**
     * @param reduceProbability   per ISP, the chance of a request for less consumption (0..1)
     * @param increaseProbability per ISP, the chance of a request for more consumption (0..1)
     * @param method              what the chances come from, for the run report
     */
    record Outlook(double[] reduceProbability, double[] increaseProbability, String method) {
    }

    /**
     * The outlook for {@code count} ISPs of length {@code isp} from {@code start}; empty when nothing is known of the
     * point (no history), which is no reason to keep headroom.
     */
    Optional<Outlook> outlook(String congestionPoint, Instant start, Duration isp, int count);
}
