package io.flexhub.usef.validation;

import java.util.List;
import java.util.Set;

/**
 * The spec lets an endpoint block a sender explicitly. The signature is still checked first, so only a sender
 * proven to be itself is told it is barred.
 */
final class BarredSenderRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return MessageGroups.ALL;
    }

    @Override
    public List<String> check(ValidationInput input) {
        String sender = input.message().getSenderDomain();
        return MessageAttributes.isPresent(sender) && input.context().isBarredSender(sender)
                ? List.of(RejectionReasons.BARRED_SENDER)
                : List.of();
    }
}
