package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_SETTLEMENT;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexSettlement;

/**
 * A settled order must be for the day the hub's FlexOrder was for. Settlements arrive in their own conversation
 * (typically monthly), so orders are found by the DSO's OrderReference. An OrderReference the hub has no accepted
 * order for is not a rejection: the spec answers disagreements with a Disputed order (SettlementDisputes). Items
 * without an OrderReference settle a contract rather than an order and are not checked here.
 */
final class SettlementOrderRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_SETTLEMENT);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexSettlement settlement = input.message(FlexSettlement.class);
        List<String> reasons = new ArrayList<>();
        for (FlexOrderSettlementType item : settlement.getFlexOrderSettlements()) {
            String reference = item.getOrderReference();
            if (!MessageAttributes.isPresent(reference)) {
                continue;
            }
            Optional<StoredMessage> order = input.context()
                    .findFlexOrderByOrderReference(settlement.getSenderDomain(), reference)
                    .filter(stored -> stored.type() == FLEX_ORDER);
            if (order.isEmpty()) {
                continue;
            }
            LocalDate orderPeriod = order.get().payload(FlexOrder.class).getPeriod();
            if (item.getPeriod() != null && !item.getPeriod().equals(orderPeriod)) {
                reasons.add(RejectionReasons.withDetail(RejectionReasons.REFERENCE_PERIOD_MISMATCH,
                        "OrderReference " + reference + ": " + item.getPeriod() + ", FlexOrder has " + orderPeriod));
            }
        }
        return reasons;
    }
}
