package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexOrder;

/**
 * A FlexOrder refers to a FlexOffer unless it is a direct order (Unsolicited="true", since V3.1.0). A missing
 * Unsolicited is the V3.0.0 behaviour, so the reference is then required (shapeshifter-library-java #162 review).
 */
final class FlexOrderSolicitationRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_ORDER);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexOrder order = input.message(FlexOrder.class);
        boolean unsolicited = Boolean.TRUE.equals(order.isUnsolicited());
        boolean refersToOffer = MessageAttributes.isPresent(order.getFlexOfferMessageID());
        return unsolicited == refersToOffer ? List.of(RejectionReasons.FLEX_OFFER_REFERENCE_PRESENCE) : List.of();
    }
}
