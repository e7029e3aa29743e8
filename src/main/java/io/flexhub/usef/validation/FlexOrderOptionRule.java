package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;

/**
 * Commercial terms of a FlexOrder against the option it orders: known option, same currency, ActivationFactor
 * not below the option's MinActivationFactor, and Price = option Price x ActivationFactor ("if the DSO procures
 * 80% of the offer ... the settlement price is set to 80% of the original price").
 *
 * <p>The product has up to six decimals but a price only four, and the spec names no rounding mode, so any price
 * less than 0.0001 away from the exact product is accepted: the product rounded down, up or half-up.
 */
final class FlexOrderOptionRule implements ValidationRule {

    private static final BigDecimal PRICE_TOLERANCE = new BigDecimal("0.0001");

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_ORDER);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexOrder order = input.message(FlexOrder.class);
        return OrderedOffer.find(input)
                .map(stored -> check(order, stored.payload(FlexOffer.class)))
                .orElse(List.of());
    }

    private static List<String> check(FlexOrder order, FlexOffer offer) {
        List<String> reasons = new ArrayList<>();
        if (!Objects.equals(order.getCurrency(), offer.getCurrency())) {
            reasons.add(RejectionReasons.withDetail(RejectionReasons.CURRENCY_MISMATCH,
                    order.getCurrency() + ", FlexOffer has " + offer.getCurrency()));
        }
        Optional<FlexOfferOptionType> option = OrderedOffer.chosenOption(order, offer);
        if (option.isEmpty()) {
            reasons.add(RejectionReasons.unknownReference("OptionReference in FlexOrder",
                    MessageAttributes.isPresent(order.getOptionReference())
                            ? order.getOptionReference()
                            : "none given, FlexOffer has " + offer.getOfferOptions().size() + " options"));
            return reasons;
        }
        BigDecimal factor = order.getActivationFactor();
        BigDecimal minimum = option.get().getMinActivationFactor();
        if (factor.compareTo(minimum) < 0) {
            reasons.add(RejectionReasons.withDetail(RejectionReasons.ACTIVATION_FACTOR_OUT_OF_BOUNDS,
                    factor.toPlainString() + " < MinActivationFactor " + minimum.toPlainString()));
        }
        priceMismatch(order, option.get().getPrice(), factor).ifPresent(reasons::add);
        return reasons;
    }

    private static Optional<String> priceMismatch(FlexOrder order, BigDecimal offeredPrice, BigDecimal factor) {
        if (order.getPrice() == null || offeredPrice == null) {
            return Optional.empty();
        }
        BigDecimal expected = offeredPrice.multiply(factor);
        if (order.getPrice().subtract(expected).abs().compareTo(PRICE_TOLERANCE) < 0) {
            return Optional.empty();
        }
        return Optional.of(RejectionReasons.withDetail(RejectionReasons.PRICE_MISMATCH,
                order.getPrice().toPlainString() + ", expected " + expected.setScale(4, RoundingMode.HALF_UP)
                        + " = " + offeredPrice.toPlainString() + " x " + factor.toPlainString()));
    }
}
