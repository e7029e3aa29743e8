package io.flexhub.flex.offer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexRequest;

import io.flexhub.flex.optimizer.FlexOfferSolution;
import io.flexhub.flex.optimizer.IspDelivery;

/**
 * The UFTP FlexOffer answering a FlexRequest with an optimizer solution: one OfferOption whose ISPs carry the
 * offered deviation in W with the UFTP sign (+ = more consumption) for every ISP of the Period, consecutive equal
 * values written as one ISP element with a Duration. Plain Java.
 */
public final class FlexOfferComposer {

    public static final String VERSION = "3.0.0";
    static final String OPTION_REFERENCE = "1";

    private FlexOfferComposer() {
    }

    /**
     * @param expiry when the offer lapses; the caller keeps it before the request's own expiry
     */
    public static FlexOffer compose(FlexRequest request, FlexOfferSolution solution, OfferTerms terms,
            String ownDomain, String messageId, Instant now, Instant expiry, long ispMinutes) {
        FlexOffer offer = new FlexOffer();
        offer.setVersion(VERSION);
        offer.setSenderDomain(ownDomain);
        offer.setRecipientDomain(request.getSenderDomain());
        offer.setTimeStamp(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        offer.setMessageID(messageId);
        offer.setConversationID(request.getConversationID());
        offer.setISPDuration(request.getISPDuration());
        offer.setTimeZone(request.getTimeZone());
        offer.setPeriod(request.getPeriod());
        offer.setCongestionPoint(request.getCongestionPoint());
        offer.setExpirationDateTime(OffsetDateTime.ofInstant(expiry, ZoneOffset.UTC));
        offer.setFlexRequestMessageID(request.getMessageID());
        offer.setContractID(request.getContractID());
        offer.setCurrency(terms.currency());
        FlexOfferOptionType option = new FlexOfferOptionType();
        option.setOptionReference(OPTION_REFERENCE);
        long[] powerW = solution.offerPowerW();
        option.setPrice(price(solution, powerW, terms, ispMinutes));
        if (terms.minActivationFactor().compareTo(BigDecimal.ONE) < 0) {
            option.setMinActivationFactor(terms.minActivationFactor());
        }
        int t = 0;
        while (t < powerW.length) {
            int run = 1;
            while (t + run < powerW.length && powerW[t + run] == powerW[t]) {
                run++;
            }
            FlexOfferOptionISPType isp = new FlexOfferOptionISPType();
            isp.setStart((long) t + 1);
            isp.setDuration((long) run);
            isp.setPower(powerW[t]);
            option.getISPS().add(isp);
            t += run;
        }
        offer.getOfferOptions().add(option);
        return offer;
    }

    /** Price per MWh times the energy offered in the Requested ISPs, from the whole-watt values sent. */
    static BigDecimal price(FlexOfferSolution solution, long[] powerW, OfferTerms terms, long ispMinutes) {
        long wattIsps = 0;
        for (IspDelivery d : solution.requestedIsps()) {
            wattIsps += Math.abs(powerW[d.isp()]);
        }
        BigDecimal mwh = BigDecimal.valueOf(wattIsps).multiply(BigDecimal.valueOf(ispMinutes))
                .divide(BigDecimal.valueOf(60L * 1_000_000L), 12, RoundingMode.HALF_UP);
        return terms.pricePerMwh().multiply(mwh).setScale(4, RoundingMode.HALF_UP);
    }
}
