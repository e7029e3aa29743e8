package io.flexhub.flex.offer;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Commercial terms of the hub's FlexOffers.
 *
 * @param pricePerMwh         asking price per MWh of flexibility delivered in the Requested ISPs
 * @param currency            ISO 4217 code
 * @param validity            how long an offer stays valid at most; never beyond the request's own expiry
 * @param minActivationFactor smallest share of the offer the DSO may order (UFTP 0.01-1.00)
 */
public record OfferTerms(BigDecimal pricePerMwh, String currency, Duration validity, BigDecimal minActivationFactor) {

    public OfferTerms {
        if (pricePerMwh == null || pricePerMwh.signum() < 0) {
            throw new IllegalArgumentException("price per MWh must be 0 or more");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, got " + currency);
        }
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("offer validity must be positive");
        }
        if (minActivationFactor == null || minActivationFactor.compareTo(new BigDecimal("0.01")) < 0
                || minActivationFactor.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("min activation factor must be within 0.01-1.00");
        }
    }
}
