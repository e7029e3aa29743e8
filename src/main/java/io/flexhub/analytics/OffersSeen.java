package io.flexhub.analytics;

import java.time.LocalDate;
import java.util.List;

import io.flexhub.analytics.model.OfferSeen;

/**
 * Where the rate plans learn flexibility prices: the FlexOffers made for a congestion point ({@link StoredOffersSeen}
 * reads them from the flexibility engine's offer store). Without a bean of this type rate plans name windows but no
 * incentive.
 */
public interface OffersSeen {

    /** Offers for periods from {@code from} to {@code to} inclusive, in any order. */
    List<OfferSeen> offers(String congestionPoint, LocalDate from, LocalDate to);
}
