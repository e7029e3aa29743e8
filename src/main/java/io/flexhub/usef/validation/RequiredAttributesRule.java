package io.flexhub.usef.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexMessageType;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/**
 * The XSD makes these attributes required, but a message built in code may lack them; the other rules skip what
 * is missing, so it is reported here once.
 */
final class RequiredAttributesRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return MessageGroups.ALL;
    }

    @Override
    public List<String> check(ValidationInput input) {
        PayloadMessageType message = input.message();
        List<String> missing = new ArrayList<>();
        requirePresent(missing, "SenderDomain", message.getSenderDomain());
        requirePresent(missing, "RecipientDomain", message.getRecipientDomain());
        requirePresent(missing, "TimeStamp", message.getTimeStamp());
        requirePresent(missing, "MessageID", message.getMessageID());
        requirePresent(missing, "ConversationID", message.getConversationID());
        if (message instanceof FlexMessageType flex) {
            requirePresent(missing, "ISP-Duration", flex.getISPDuration());
            requirePresent(missing, "TimeZone", flex.getTimeZone());
            requirePresent(missing, "Period", flex.getPeriod());
            requirePresent(missing, "CongestionPoint", flex.getCongestionPoint());
        }
        if (message instanceof FlexReservationUpdate update) {
            requirePresent(missing, "ContractID", update.getContractID());
            requirePresent(missing, "Reference", update.getReference());
        }
        return missing.isEmpty()
                ? List.of()
                : List.of(RejectionReasons.invalidMessage("missing " + String.join(", ", missing)));
    }

    private static void requirePresent(List<String> missing, String attribute, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            missing.add(attribute);
        }
    }
}
