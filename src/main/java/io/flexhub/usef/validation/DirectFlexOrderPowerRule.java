package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;

/**
 * "Power discrepancy" for a direct FlexOrder (Unsolicited="true"). In a FlexRequest a MinPower above the MaxPower
 * leaves no power the aggregator could deliver; a direct order's ISP Powers are MinPower and MaxPower in one, and
 * when all of them are 0 there is likewise nothing to deliver: nothing was ordered.
 */
final class DirectFlexOrderPowerRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_ORDER);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexOrder order = input.message(FlexOrder.class);
        if (!Boolean.TRUE.equals(order.isUnsolicited()) || order.getISPS().isEmpty()) {
            return List.of();
        }
        boolean nothingOrdered = order.getISPS().stream().map(FlexOrderISPType::getPower).filter(Objects::nonNull)
                .allMatch(power -> power == 0);
        return nothingOrdered
                ? List.of(RejectionReasons.withDetail(RejectionReasons.POWER_DISCREPANCY,
                        "every ISP of the direct FlexOrder has Power 0: nothing is ordered"))
                : List.of();
    }
}
