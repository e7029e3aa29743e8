package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexOffer;

/**
 * The FlexOffer a FlexOrder refers to must still be open: not expired when the order is processed, not revoked
 * (a revocation crossing an order takes priority) and not ordered already by another FlexOrder.
 */
final class ReferencedOfferStateRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_ORDER);
    }

    @Override
    public List<String> check(ValidationInput input) {
        return OrderedOffer.find(input).map(stored -> check(input, stored)).orElse(List.of());
    }

    private static List<String> check(ValidationInput input, StoredMessage stored) {
        List<String> reasons = new ArrayList<>();
        OffsetDateTime expiration = stored.payload(FlexOffer.class).getExpirationDateTime();
        if (expiration != null && !expiration.toInstant().isAfter(input.now())) {
            reasons.add(RejectionReasons.withDetail(RejectionReasons.REFERENCE_EXPIRED,
                    "FlexOffer expired at " + expiration));
        }
        if (stored.status() == MessageStatus.REVOKED) {
            reasons.add(RejectionReasons.REFERENCE_REVOKED);
        }
        if (stored.status() == MessageStatus.ORDERED) {
            reasons.add(RejectionReasons.REFERENCE_ORDERED);
        }
        return reasons;
    }
}
