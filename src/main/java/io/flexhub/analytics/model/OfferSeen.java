package io.flexhub.analytics.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A FlexOffer the hub made for a congestion point, as the rate plan learns prices from it.
 *
 * @param site      the site whose flexibility the offer (or this part of it) sold; null: the point as a whole
 * @param period    the offer's period (day in the market zone)
 * @param isps      the ISPs it offered power in (1-based, UFTP numbering of that period)
 * @param priceEur  its price in EUR (for a site's part: the site's share of the offer's price)
 * @param volumeKwh the energy it offered in those ISPs, kWh (the sum of |power| x ISP duration)
 * @param ordered   whether the DSO ordered it: its price was then actually paid, not only asked
 */
public record OfferSeen(String site, LocalDate period, List<Integer> isps, double priceEur, double volumeKwh,
                        boolean ordered) {

    public OfferSeen {
        isps = List.copyOf(isps);
        if (period == null) {
            throw new IllegalArgumentException("an offer seen needs its period");
        }
        if (!Double.isFinite(priceEur) || priceEur < 0 || !Double.isFinite(volumeKwh) || volumeKwh < 0) {
            throw new IllegalArgumentException("an offer's price and volume must be finite and not negative");
        }
    }
}
