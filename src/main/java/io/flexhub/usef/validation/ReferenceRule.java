package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_OFFER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/**
 * Message IDs a received message refers to must name a message of the right type in the same conversation:
 * the request of every response (from the catalogue) and the FlexOffer of a FlexOrder.
 */
final class ReferenceRule implements ValidationRule {

    private record Reference(String attribute, Function<PayloadMessageType, String> messageId,
            UftpMessageType target, boolean required) {
    }

    private static final Map<UftpMessageType, Reference> REFERENCES = Stream.concat(
                    Arrays.stream(UftpMessageType.values())
                            .filter(type -> type.referenceAttribute().isPresent())
                            .map(type -> Map.entry(type, new Reference(type.referenceAttribute().get(),
                                    message -> type.referencedMessageId(message).orElse(null),
                                    type.request().orElseThrow(), true))),
                    // Optional here: whether it must be present is FlexOrderSolicitationRule's concern.
                    Stream.of(Map.entry(FLEX_ORDER, new Reference("FlexOfferMessageID",
                            message -> ((FlexOrder) message).getFlexOfferMessageID(), FLEX_OFFER, false))))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    @Override
    public Set<UftpMessageType> appliesTo() {
        return REFERENCES.keySet();
    }

    @Override
    public List<String> check(ValidationInput input) {
        Reference reference = REFERENCES.get(input.type());
        String messageId = reference.messageId().apply(input.message());
        if (!MessageAttributes.isPresent(messageId)) {
            return reference.required()
                    ? List.of(RejectionReasons.unknownReference(reference.attribute(), "missing"))
                    : List.of();
        }
        Optional<StoredMessage> referenced = input.referenced(messageId, reference.target());
        return referenced.isPresent()
                ? List.of()
                : List.of(RejectionReasons.unknownReference(reference.attribute(), messageId));
    }
}
