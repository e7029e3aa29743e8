package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_SETTLEMENT;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexSettlement;

/**
 * The spec allows rejecting a FlexSettlement only "if a settlement for the period was already accepted" or its data
 * is invalid: days the sender settled before cannot be settled again. Disagreement about an order is not a
 * rejection but a Disputed status in the response (SettlementDisputes).
 */
final class SettlementRepeatRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_SETTLEMENT);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexSettlement settlement = input.message(FlexSettlement.class);
        LocalDate start = settlement.getPeriodStart();
        LocalDate end = settlement.getPeriodEnd();
        if (start == null || end == null || start.isAfter(end)) {
            return List.of();
        }
        return input.context().acceptedFlexSettlements(settlement.getSenderDomain()).stream()
                .filter(stored -> overlaps(stored.payload(FlexSettlement.class), start, end))
                .map(stored -> {
                    FlexSettlement earlier = stored.payload(FlexSettlement.class);
                    return RejectionReasons.withDetail(RejectionReasons.PERIOD_ALREADY_SETTLED,
                            earlier.getPeriodStart() + ".." + earlier.getPeriodEnd() + " by FlexSettlement "
                                    + stored.messageId());
                })
                .toList();
    }

    private static boolean overlaps(FlexSettlement earlier, LocalDate start, LocalDate end) {
        return earlier.getPeriodStart() != null && earlier.getPeriodEnd() != null
                && !earlier.getPeriodStart().isAfter(end) && !earlier.getPeriodEnd().isBefore(start);
    }
}
