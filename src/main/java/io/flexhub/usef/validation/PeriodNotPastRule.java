package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_REQUEST;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_RESERVATION_UPDATE;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Flexibility cannot be requested, ordered or reserved for a day that is over in the market. */
final class PeriodNotPastRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_REQUEST, FLEX_ORDER, FLEX_RESERVATION_UPDATE);
    }

    @Override
    public List<String> check(ValidationInput input) {
        LocalDate today = input.today();
        return MessageAttributes.period(input.message())
                .filter(period -> period.isBefore(today))
                .map(period -> RejectionReasons.withDetail(RejectionReasons.PERIOD_OUT_OF_BOUNDS,
                        period + " is before today " + today))
                .stream()
                .toList();
    }
}
