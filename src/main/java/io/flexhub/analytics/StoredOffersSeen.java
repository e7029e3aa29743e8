package io.flexhub.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.flexhub.analytics.model.OfferSeen;
import io.flexhub.flex.FlexOfferStore;
import io.flexhub.flex.FlexOfferStore.DevicePlanRow;
import io.flexhub.flex.FlexOfferStore.SentOffer;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Device;

/**
 * The offers seen, read from the flexibility engine's offer store. Each offer counts once for the congestion point as
 * a whole and once for every site whose devices it planned, with that site's share of its price and volume: the share
 * of the devices' planned deviation in the ISPs the offer sold. A point's plan then prices a site that has no offers of
 * its own from the point's offers, and a site that has them from its own.
 *
 * <p>Offers in another currency than EUR are left out: the rate plan's incentive is in EUR per kWh and the hub has no
 * exchange rates.
 */
@Component
class StoredOffersSeen implements OffersSeen {

    private final FlexOfferStore offers;
    private final ContextStore context;

    StoredOffersSeen(FlexOfferStore offers, ContextStore context) {
        this.offers = offers;
        this.context = context;
    }

    @Override
    public List<OfferSeen> offers(String congestionPoint, LocalDate from, LocalDate to) {
        Map<String, Optional<String>> siteOfDevice = new HashMap<>();
        context.devices(congestionPoint).forEach(d -> siteOfDevice.put(d.id(), Optional.of(d.siteId())));
        List<OfferSeen> seen = new ArrayList<>();
        for (SentOffer sent : offers.sent(congestionPoint, from, to)) {
            FlexOfferStore.StoredOffer offer = sent.offer();
            double price = offer.price().doubleValue();
            if (!"EUR".equals(offer.currency()) || price < 0) {
                continue;
            }
            double[] power = offer.offerPowerKw();
            double hours = offer.ispDuration().toSeconds() / 3600.0;
            List<Integer> isps = new ArrayList<>();
            double kwh = 0.0;
            for (int t = 0; t < power.length; t++) {
                if (power[t] != 0.0) {
                    isps.add(t + 1);
                    kwh += Math.abs(power[t]) * hours;
                }
            }
            double volume = kwh;
            if (isps.isEmpty()) {
                continue;
            }
            seen.add(new OfferSeen(null, offer.period(), isps, price, volume, sent.ordered()));
            Map<String, Double> deviation = new LinkedHashMap<>();
            for (DevicePlanRow plan : sent.plans()) {
                // a device moved to another point since keeps the site it had: ask the context once per device
                Optional<String> site = siteOfDevice.computeIfAbsent(plan.deviceId(),
                        id -> context.device(id).map(Device::siteId));
                site.ifPresent(s -> deviation.merge(s, deviationWeight(plan, power), Double::sum));
            }
            double total = deviation.values().stream().mapToDouble(Double::doubleValue).sum();
            if (total > 0.0) {
                deviation.forEach((site, weight) -> seen.add(new OfferSeen(site, offer.period(), isps,
                        price * weight / total, volume * weight / total, sent.ordered())));
            }
        }
        return seen;
    }

    /**
     * How far the plan moves the device in the ISPs the offer sold, as a weight (kW summed over ISPs): a curtailment
     * plan holds the reduction itself, a shift plan the new schedule to compare with the baseline.
     */
    static double deviationWeight(DevicePlanRow plan, double[] offered) {
        double sum = 0.0;
        int n = Math.min(offered.length, plan.plannedKw().length);
        for (int t = 0; t < n; t++) {
            if (offered[t] == 0.0) {
                continue;
            }
            double planned = plan.plannedKw()[t];
            sum += plan.kind() == FlexOfferStore.PlanKind.CURTAILMENT ? Math.abs(planned)
                    : Math.abs(planned - (t < plan.baselineKw().length ? plan.baselineKw()[t] : 0.0));
        }
        return sum;
    }
}
