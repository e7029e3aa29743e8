package io.flexhub.usef.validation;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The ISP duration is a market constant, repeated in messages precisely so that a mismatch can be rejected. */
final class IspDurationRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return MessageGroups.WITH_ISP_DURATION;
    }

    @Override
    public List<String> check(ValidationInput input) {
        Duration market = input.context().ispDuration();
        return MessageAttributes.ispDuration(input.message())
                .filter(duration -> !duration.equals(market))
                .map(duration -> RejectionReasons.withDetail(RejectionReasons.ISP_DURATION_REJECTED,
                        duration + ", market " + market))
                .stream()
                .toList();
    }
}
