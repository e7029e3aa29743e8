package io.flexhub.flex;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.flexhub.flex.offer.OfferTerms;

/**
 * The flexibility engine's commercial terms and schedule.
 *
 * @param pricePerMwh         asking price per MWh of flexibility delivered in the Requested ISPs of a FlexOffer
 * @param currency            ISO 4217 currency of the offers
 * @param offerValidity       longest validity of an offer; never beyond the FlexRequest's expiry
 * @param minActivationFactor smallest share of an offer the DSO may order (0.01-1.00); any share can be executed
 *                            because device plans scale linearly
 * @param recoveryInterval    how often accepted FlexRequests still awaiting the engine (crash, restart, context
 *                            store down) are picked up again
 * @param minLeadTime         how long before an ISP starts the hub must know what a device does in it: ISPs that
 *                            start sooner get no flexibility in an offer, an order deviating in them is rejected and
 *                            no event starts in them (the broker, the devices and the peers' clocks need that time)
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.flex")
public record FlexProperties(
        @NotNull @DecimalMin("0") BigDecimal pricePerMwh,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull Duration offerValidity,
        @NotNull @DecimalMin("0.01") @DecimalMax("1.00") BigDecimal minActivationFactor,
        @NotNull Duration recoveryInterval,
        @NotNull Duration minLeadTime) {

    /** The start of the first ISP that flexibility can still be offered, ordered or planned for. */
    public Instant earliestChange(Instant now) {
        return now.plus(minLeadTime);
    }

    public OfferTerms terms() {
        return new OfferTerms(pricePerMwh, currency, offerValidity, minActivationFactor);
    }
}
