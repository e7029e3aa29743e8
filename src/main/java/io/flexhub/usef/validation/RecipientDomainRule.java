package io.flexhub.usef.validation;

import java.util.List;
import java.util.Set;

final class RecipientDomainRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return MessageGroups.ALL;
    }

    @Override
    public List<String> check(ValidationInput input) {
        String recipient = input.message().getRecipientDomain();
        if (recipient == null || input.context().isOwnDomain(recipient)) {
            return List.of();
        }
        return List.of(RejectionReasons.withDetail(RejectionReasons.UNKNOWN_RECIPIENT_DOMAIN, recipient));
    }
}
