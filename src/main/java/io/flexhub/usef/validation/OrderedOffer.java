package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_OFFER;

import java.util.List;
import java.util.Optional;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;

/** The FlexOffer, and the option in it, that a FlexOrder orders. */
final class OrderedOffer {

    private OrderedOffer() {
    }

    static Optional<StoredMessage> find(ValidationInput input) {
        return input.referenced(input.message(FlexOrder.class).getFlexOfferMessageID(), FLEX_OFFER);
    }

    /**
     * The option named by OptionReference; without one only a single-option offer is unambiguous (the XSD makes
     * OptionReference required on options but optional on the order).
     */
    static Optional<FlexOfferOptionType> chosenOption(FlexOrder order, FlexOffer offer) {
        List<FlexOfferOptionType> options = offer.getOfferOptions();
        if (!MessageAttributes.isPresent(order.getOptionReference())) {
            return options.size() == 1 ? Optional.of(options.get(0)) : Optional.empty();
        }
        return options.stream()
                .filter(option -> order.getOptionReference().equals(option.getOptionReference()))
                .findFirst();
    }
}
