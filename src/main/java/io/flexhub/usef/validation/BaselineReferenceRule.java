package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_SETTLEMENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexSettlement;

/**
 * A BaselineReference names a baseline agreed outside UFTP; the only ones the hub knows are those its own FlexOffer
 * stated. So a FlexOrder's must be its FlexOffer's, and a settled order's that of the accepted FlexOrder. A settled
 * item whose order the hub does not know is disputed as a whole (SettlementDisputes) and not checked here.
 */
final class BaselineReferenceRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_ORDER, FLEX_SETTLEMENT);
    }

    @Override
    public List<String> check(ValidationInput input) {
        if (input.message() instanceof FlexOrder order) {
            return check(order.getBaselineReference(), OrderedOffer.find(input)
                    .map(stored -> stored.payload(FlexOffer.class).getBaselineReference()));
        }
        FlexSettlement settlement = input.message(FlexSettlement.class);
        List<String> reasons = new ArrayList<>();
        for (FlexOrderSettlementType item : settlement.getFlexOrderSettlements()) {
            if (!MessageAttributes.isPresent(item.getBaselineReference())) {
                continue;
            }
            if (!MessageAttributes.isPresent(item.getOrderReference())) {
                reasons.addAll(check(item.getBaselineReference(), Optional.empty()));
                continue;
            }
            input.context().findFlexOrderByOrderReference(settlement.getSenderDomain(), item.getOrderReference())
                    .filter(stored -> stored.type() == FLEX_ORDER)
                    .ifPresent(stored -> reasons.addAll(check(item.getBaselineReference(),
                            Optional.of(stored.payload(FlexOrder.class)).map(FlexOrder::getBaselineReference))));
        }
        return reasons;
    }

    /** @param agreed the BaselineReference of the message this one builds on; empty if there is none to compare */
    private static List<String> check(String given, Optional<String> agreed) {
        if (!MessageAttributes.isPresent(given) || agreed.filter(known -> Objects.equals(known, given)).isPresent()) {
            return List.of();
        }
        return List.of(RejectionReasons.unknownReference("BaselineReference", given));
    }
}
