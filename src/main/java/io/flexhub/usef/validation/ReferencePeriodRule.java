package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.AGR_PORTFOLIO_QUERY;
import static io.flexhub.usef.validation.UftpMessageType.AGR_PORTFOLIO_QUERY_RESPONSE;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_OFFER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.lfenergy.shapeshifter.api.AGRPortfolioQueryResponse;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/** A message about a referenced message must be about the same day. Unknown references are ReferenceRule's. */
final class ReferencePeriodRule implements ValidationRule {

    private record Reference(Function<PayloadMessageType, String> messageId, UftpMessageType target) {
    }

    private static final Map<UftpMessageType, Reference> REFERENCES = Map.of(
            FLEX_ORDER, new Reference(message -> ((FlexOrder) message).getFlexOfferMessageID(), FLEX_OFFER),
            AGR_PORTFOLIO_QUERY_RESPONSE, new Reference(
                    message -> ((AGRPortfolioQueryResponse) message).getAGRPortfolioQueryMessageID(),
                    AGR_PORTFOLIO_QUERY));

    @Override
    public Set<UftpMessageType> appliesTo() {
        return REFERENCES.keySet();
    }

    @Override
    public List<String> check(ValidationInput input) {
        Reference reference = REFERENCES.get(input.type());
        Optional<LocalDate> period = MessageAttributes.period(input.message());
        Optional<StoredMessage> referenced =
                input.referenced(reference.messageId().apply(input.message()), reference.target());
        if (period.isEmpty() || referenced.isEmpty()) {
            return List.of();
        }
        return MessageAttributes.period(referenced.get().payload())
                .filter(referencedPeriod -> !referencedPeriod.equals(period.get()))
                .map(referencedPeriod -> RejectionReasons.withDetail(RejectionReasons.REFERENCE_PERIOD_MISMATCH,
                        period.get() + ", " + reference.target().rootName() + " has " + referencedPeriod))
                .stream()
                .toList();
    }
}
