package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOrder;

/** A FlexOrder orders flexibility where it was offered: its CongestionPoint must be its FlexOffer's. */
final class FlexOrderCongestionPointRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_ORDER);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexOrder order = input.message(FlexOrder.class);
        if (order.getCongestionPoint() == null) {
            return List.of();
        }
        return OrderedOffer.find(input)
                .map(stored -> stored.payload(FlexOffer.class).getCongestionPoint())
                .filter(offered -> !Objects.equals(offered, order.getCongestionPoint()))
                .map(offered -> RejectionReasons.withDetail(RejectionReasons.CONGESTION_POINT_MISMATCH,
                        order.getCongestionPoint() + ", FlexOffer has " + offered))
                .stream()
                .toList();
    }
}
