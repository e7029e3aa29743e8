package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import io.flexhub.usef.time.IspRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;

/**
 * "Requested Power discrepancy" for a direct FlexOrder (Unsolicited="true"). Without a FlexOffer the order is the
 * DSO's request and its order at once, every ISP of it Requested; as a Requested ISP of a FlexRequest must have a
 * direction (not MinPower &lt; 0 and MaxPower &gt; 0), the ordered ISPs together must: some ordering less and
 * others more consumption leave the order without one. The aggregator solves a direct order like a FlexRequest,
 * in one direction.
 */
final class DirectFlexOrderDirectionRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_ORDER);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexOrder order = input.message(FlexOrder.class);
        if (!Boolean.TRUE.equals(order.isUnsolicited())) {
            return List.of();
        }
        List<String> less = new ArrayList<>();
        List<String> more = new ArrayList<>();
        for (FlexOrderISPType isp : order.getISPS()) {
            if (isp.getPower() == null || isp.getStart() == null) {
                continue;
            }
            String label = IspRange.of(isp.getStart(), isp.getDuration()).label();
            if (isp.getPower() < 0) {
                less.add(label);
            } else if (isp.getPower() > 0) {
                more.add(label);
            }
        }
        if (less.isEmpty() || more.isEmpty()) {
            return List.of();
        }
        return List.of(RejectionReasons.withDetail(RejectionReasons.REQUESTED_POWER_DISCREPANCY,
                "a direct FlexOrder orders one direction; " + IspNumbers.labels(less) + " less and "
                        + IspNumbers.labels(more) + " more consumption"));
    }
}
