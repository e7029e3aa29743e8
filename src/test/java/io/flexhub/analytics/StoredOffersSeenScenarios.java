package io.flexhub.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flexhub.analytics.model.OfferSeen;

/**
 * The offers the rate plans learn prices from, read from the offer store as the hub keeps them, on H2 and on
 * PostgreSQL. Each test uses a congestion point of its own, so that it sees only its own offers.
 */
interface StoredOffersSeenScenarios {

    String SITE = "urn:ngsi-ld:Building:umu-pleiades";
    String HVAC = "urn:ngsi-ld:Device:pleiades-hvac-c1-hall";
    String HEAT_PUMP = "urn:ngsi-ld:Device:pleiades-dhw-heatpump";

    OffersSeen offersSeen();

    StoredOffers stored();

    private static String point() {
        return "ean.test-" + UUID.randomUUID();
    }

    @Test
    default void each_offer_is_seen_for_the_point_and_for_the_site_of_its_devices_ordered_or_not() {
        String cp = point();
        LocalDate day = LocalDate.of(2026, 1, 14);
        // 20 kW less in ISPs 70-73 by two devices of the demo building, ordered: 20 kWh for 6 EUR
        stored().write(cp, day, 70, 73, 20.0, "6.00", "EUR", true, List.of(HVAC, HEAT_PUMP));
        // 8 kW less in ISPs 10-11, offered and never ordered: 4 kWh asked at 1.50 EUR
        stored().write(cp, day.plusDays(1), 10, 11, 8.0, "1.50", "EUR", false, List.of(HVAC));

        List<OfferSeen> seen = offersSeen().offers(cp, day, day.plusDays(1));

        assertThat(seen).extracting(OfferSeen::site, OfferSeen::period, OfferSeen::isps, OfferSeen::priceEur,
                OfferSeen::volumeKwh, OfferSeen::ordered).containsExactlyInAnyOrder(
                tuple(null, day, List.of(70, 71, 72, 73), 6.0, 20.0, true),
                tuple(SITE, day, List.of(70, 71, 72, 73), 6.0, 20.0, true),
                tuple(null, day.plusDays(1), List.of(10, 11), 1.5, 4.0, false),
                tuple(SITE, day.plusDays(1), List.of(10, 11), 1.5, 4.0, false));
    }

    @Test
    default void offers_outside_the_days_asked_in_another_currency_or_of_unknown_devices_are_not_priced_for_a_site() {
        String cp = point();
        LocalDate day = LocalDate.of(2026, 2, 2);
        stored().write(cp, day.minusDays(1), 70, 73, 20.0, "6.00", "EUR", true, List.of(HVAC));
        stored().write(cp, day.plusDays(3), 70, 73, 20.0, "6.00", "EUR", true, List.of(HVAC));
        stored().write(cp, day, 70, 73, 20.0, "6.00", "GBP", true, List.of(HVAC));
        // a device the context does not know (removed since): the point saw the offer, no site can be named
        stored().write(cp, day, 30, 31, 10.0, "1.00", "EUR", true, List.of("urn:ngsi-ld:Device:gone"));

        List<OfferSeen> seen = offersSeen().offers(cp, day, day.plusDays(2));

        assertThat(seen).extracting(OfferSeen::site, OfferSeen::isps, OfferSeen::priceEur, OfferSeen::volumeKwh)
                .containsExactly(tuple(null, List.of(30, 31), 1.0, 5.0));
        assertThat(offersSeen().offers(point(), day, day.plusDays(2))).isEmpty();
    }
}
