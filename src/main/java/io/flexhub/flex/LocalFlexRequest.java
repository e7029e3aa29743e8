package io.flexhub.flex;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import io.flexhub.flex.optimizer.Direction;

/**
 * An internal flexibility request.
 *
 * @param congestionPoint whose devices to use
 * @param start           start of the first ISP (an ISP boundary)
 * @param kw              per ISP: positive = requested deviation in the request's direction, kW; negative = room
 *                        available to move energy into (its magnitude, kW); 0 = nothing asked
 * @param source          who asked ({@code dr-interface}, {@code pv-surplus}), for events, logs and mails
 * @param plan            the plan this request is part of (e.g. a site's PV surplus of one day), or null: a request
 *                        with the same plan replaces the earlier one, whose events are cancelled first
 */
public record LocalFlexRequest(String congestionPoint, Direction direction, Instant start, Duration isp, double[] kw,
        String source, String plan) {

    public LocalFlexRequest(String congestionPoint, Direction direction, Instant start, Duration isp, double[] kw,
            String source) {
        this(congestionPoint, direction, start, isp, kw, source, null);
    }

    public LocalFlexRequest {
        if (congestionPoint == null || direction == null || start == null || isp == null || kw == null) {
            throw new IllegalArgumentException("congestion point, direction, start, ISP length and values are required");
        }
        kw = kw.clone();
    }

    @Override
    public double[] kw() {
        return kw.clone();
    }

    @Override
    public String toString() {
        return "LocalFlexRequest[" + congestionPoint + ", " + direction + ", " + start + ", " + isp + ", "
                + Arrays.toString(kw) + ", " + source + (plan == null ? "" : ", " + plan) + "]";
    }
}
