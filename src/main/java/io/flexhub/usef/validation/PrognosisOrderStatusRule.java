package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.D_PROGNOSIS_RESPONSE;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.DPrognosisResponse;
import org.lfenergy.shapeshifter.api.FlexOrderStatusType;

/**
 * FlexOrderStatus elements of a D-PrognosisResponse name FlexOrders the DSO sent. Those belong to the
 * conversations of their FlexRequests, not to the D-Prognosis conversation, so they are looked up by sender and
 * MessageID rather than within the conversation.
 */
final class PrognosisOrderStatusRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(D_PROGNOSIS_RESPONSE);
    }

    @Override
    public List<String> check(ValidationInput input) {
        DPrognosisResponse response = input.message(DPrognosisResponse.class);
        List<String> unknown = response.getFlexOrderStatuses().stream()
                .map(FlexOrderStatusType::getFlexOrderMessageID)
                .distinct()
                .filter(id -> input.context().findByMessageId(response.getSenderDomain(), id)
                        .filter(stored -> stored.type() == FLEX_ORDER)
                        .isEmpty())
                .toList();
        return unknown.isEmpty()
                ? List.of()
                : List.of(RejectionReasons.unknownReference("FlexOrderMessageID", String.join(", ", unknown)));
    }
}
