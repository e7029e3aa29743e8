package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_REQUEST;

import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexRequest;

/** A FlexRequest replaces earlier revisions for the same congestion point and Period, so it must be newer. */
final class FlexRequestRevisionRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_REQUEST);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexRequest request = input.message(FlexRequest.class);
        if (request.getCongestionPoint() == null || request.getPeriod() == null) {
            return List.of();
        }
        return input.context()
                .highestAcceptedFlexRequestRevision(request.getSenderDomain(), request.getCongestionPoint(),
                        request.getPeriod())
                .stream()
                .filter(accepted -> request.getRevision() <= accepted)
                .mapToObj(accepted -> RejectionReasons.withDetail(RejectionReasons.SUBORDINATE_SEQUENCE_NUMBER,
                        "Revision " + request.getRevision() + " is not higher than accepted Revision " + accepted))
                .toList();
    }
}
