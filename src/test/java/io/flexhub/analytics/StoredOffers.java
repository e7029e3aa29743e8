package io.flexhub.analytics;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.flexhub.flex.FlexOfferStore;
import io.flexhub.flex.FlexOfferStore.DevicePlanRow;
import io.flexhub.flex.FlexOfferStore.PlanKind;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.store.UftpMessageRecord.Direction;
import io.flexhub.usef.validation.ContentDigest;

/**
 * Writes FlexOffers as the hub keeps the ones it sent: the offer and its device plan in the offer store, its
 * outgoing message in the message store, closed as ORDERED when the DSO ordered it.
 */
public final class StoredOffers {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private final FlexOfferStore offers;
    private final UftpMessageStore messages;

    public StoredOffers(FlexOfferStore offers, UftpMessageStore messages) {
        this.offers = offers;
        this.messages = messages;
    }

    /** A reduction of {@code kw} in ISPs {@code first..last} (1-based) by one device, ordered at {@code price} EUR. */
    public String ordered(String congestionPoint, LocalDate period, int first, int last, double kw, String price,
                          String device) {
        return write(congestionPoint, period, first, last, kw, price, "EUR", true, List.of(device));
    }

    /** The same, split evenly over devices, ordered or not, in a currency. */
    public String write(String congestionPoint, LocalDate period, int first, int last, double kw, String price,
                        String currency, boolean ordered, List<String> devices) {
        String id = UUID.randomUUID().toString();
        double[] offered = new double[96];
        double[] baseline = new double[96];
        double[] reduction = new double[96];
        for (int isp = first; isp <= last; isp++) {
            offered[isp - 1] = -kw;
            baseline[isp - 1] = kw / devices.size();
            reduction[isp - 1] = kw / devices.size();
        }
        byte[] xml = ("<FlexOffer MessageID=\"" + id + "\"/>").getBytes(StandardCharsets.UTF_8);
        long message = messages.insert(new UftpMessageStore.NewMessage(Direction.OUT, "FlexOffer", id, id,
                "aggregator.hub.test", "AGR", "dso.test", null, 0, new String(xml, StandardCharsets.UTF_8),
                ContentDigest.of(xml), "", UftpMessageRecord.OutStatus.SENT, null,
                Instant.now()));
        if (ordered) {
            messages.closeOffer(message, "ORDERED");
        }
        offers.insert(new FlexOfferStore.StoredOffer(0, id, UUID.randomUUID().toString(), id, "dso.test",
                congestionPoint, period, AMSTERDAM, Duration.ofMinutes(15), "REDUCE", new BigDecimal(price), currency,
                offered, "{}", Instant.now()),
                devices.stream().map(d -> new DevicePlanRow(d, PlanKind.CURTAILMENT, baseline, reduction)).toList());
        return id;
    }
}
