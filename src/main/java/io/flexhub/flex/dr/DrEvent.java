package io.flexhub.flex.dr;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.flexhub.flex.dr.engine.DrExecution;
import io.flexhub.flex.dr.engine.DrState;

/** A stored demand-response event. */
public record DrEvent(long id, Source source, String sourceRef, String orderMessageId, Long offerId,
                      String congestionPoint, String deviceId, DrState state, Instant startAt, Instant endAt,
                      Duration isp, ZoneId timeZone, List<Double> setpointsKw, List<Double> demandKw,
                      BigDecimal activationFactor, int appliedIsp, Double appliedKw, boolean acted,
                      boolean restorePending, List<Integer> missedIsps, Instant nextActionAt, int attempts,
                      boolean alerted, String lastError, String note, Instant createdAt, Instant updatedAt) {

    public enum Source { FLEX_ORDER, LOCAL }

    public DrExecution.Progress progress() {
        return new DrExecution.Progress(state, startAt, endAt, isp, setpointsKw, appliedIsp, appliedKw, acted,
                restorePending, missedIsps, attempts, alerted);
    }

    /** What a planner hands to the store. */
    public record New(Source source, String sourceRef, String orderMessageId, Long offerId, String congestionPoint,
                      String deviceId, Instant startAt, Duration isp, ZoneId timeZone, List<Double> setpointsKw,
                      List<Double> demandKw, BigDecimal activationFactor) {

        public Instant endAt() {
            return startAt.plus(isp.multipliedBy(setpointsKw.size()));
        }
    }

    public record Transition(DrState from, DrState to, String reason, Instant at) {
    }
}
