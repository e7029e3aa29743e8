package io.flexhub.usef.validation;

import java.util.List;
import java.util.Set;

final class CongestionPointRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return MessageGroups.WITH_CONGESTION_POINT;
    }

    @Override
    public List<String> check(ValidationInput input) {
        return MessageAttributes.congestionPoints(input.message()).stream()
                .filter(point -> !input.context().isKnownCongestionPoint(point))
                .map(point -> RejectionReasons.withDetail(RejectionReasons.INVALID_CONGESTION_POINT, point))
                .toList();
    }
}
