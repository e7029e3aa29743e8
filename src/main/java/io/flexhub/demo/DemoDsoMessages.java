package io.flexhub.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOfferResponse;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/**
 * The UFTP messages the demo DSO sends: a FlexRequest for one window of a day, and the FlexOrder of an offer's
 * option exactly as the hub's order rules expect it (all ISPs of the option, Power and Price x ActivationFactor).
 */
public final class DemoDsoMessages {

    /** What to ask the hub for: less or more consumption of up to {@code kw} in [from, to) of {@code day}. */
    public record Window(boolean reduce, LocalDate day, LocalTime from, LocalTime to, long kw, long roomKw) {
    }

    private final String dsoDomain;
    private final String hubDomain;
    private final ZoneId marketZone;
    private final Duration ispDuration;
    // A DSO's revisions must grow across restarts too: seconds since the epoch, one more if asked twice a second.
    private final AtomicLong revision = new AtomicLong();

    public DemoDsoMessages(String dsoDomain, String hubDomain, ZoneId marketZone, Duration ispDuration) {
        this.dsoDomain = dsoDomain;
        this.hubDomain = hubDomain;
        this.marketZone = marketZone;
        this.ispDuration = ispDuration;
    }

    public ZoneId marketZone() {
        return marketZone;
    }

    /**
     * @throws IllegalArgumentException naming the field when the window is not on ISP boundaries, empty, or
     *     already begun
     */
    public FlexRequest flexRequest(Window window, String congestionPoint, Instant now) {
        ZonedDateTime dayStart = window.day().atStartOfDay(marketZone);
        ZonedDateTime start = window.day().atTime(window.from()).atZone(marketZone);
        // "24:00" arrives as LocalTime.MIDNIGHT: the end of the day
        ZonedDateTime end = LocalTime.MIDNIGHT.equals(window.to())
                ? window.day().plusDays(1).atStartOfDay(marketZone)
                : window.day().atTime(window.to()).atZone(marketZone);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("to must be later than from");
        }
        long ispMinutes = ispDuration.toMinutes();
        int firstRequested = ispIndex(dayStart, start, "from") + 1;
        int lastRequested = ispIndex(dayStart, end, "to");
        if (!start.toInstant().isAfter(now)) {
            throw new IllegalArgumentException("from must be in the future (" + start + " has begun)");
        }
        int ispCount = (int) (Duration.between(dayStart, window.day().plusDays(1).atStartOfDay(marketZone)).toMinutes()
                / ispMinutes);

        FlexRequest request = header(new FlexRequest(), UUID.randomUUID().toString(), now);
        request.setISPDuration(ispDuration);
        request.setTimeZone(marketZone.getId());
        request.setPeriod(window.day());
        request.setCongestionPoint(congestionPoint);
        request.setRevision(nextRevision(now));
        // the answer is useless once the window begins
        request.setExpirationDateTime(start.toOffsetDateTime());
        long watts = window.kw() * 1000;
        long room = window.roomKw() * 1000;
        for (int isp = 1; isp <= ispCount; isp++) {
            FlexRequestISPType i = new FlexRequestISPType();
            i.setStart((long) isp);
            i.setDuration(1L);
            boolean requested = isp >= firstRequested && isp <= lastRequested;
            i.setDisposition(requested ? AvailableRequestedType.REQUESTED : AvailableRequestedType.AVAILABLE);
            if (requested) {
                i.setMinPower(window.reduce() ? -watts : 0L);
                i.setMaxPower(window.reduce() ? 0L : watts);
            } else {
                i.setMinPower(-room);
                i.setMaxPower(room);
            }
            request.getISPS().add(i);
        }
        return request;
    }

    private int ispIndex(ZonedDateTime dayStart, ZonedDateTime at, String field) {
        long minutes = Duration.between(dayStart, at).toMinutes();
        if (minutes % ispDuration.toMinutes() != 0) {
            throw new IllegalArgumentException(field + " must be on an ISP boundary (every " + ispDuration.toMinutes()
                    + " minutes)");
        }
        return (int) (minutes / ispDuration.toMinutes());
    }

    private long nextRevision(Instant now) {
        return revision.updateAndGet(last -> Math.max(last + 1, now.getEpochSecond()));
    }

    /** The FlexOrder of the offer's first option (or empty if it has none), in the offer's conversation. */
    public Optional<FlexOrder> order(FlexOffer offer, BigDecimal activationFactor, Instant now) {
        if (offer.getOfferOptions().isEmpty()) {
            return Optional.empty();
        }
        FlexOfferOptionType option = offer.getOfferOptions().get(0);
        FlexOrder order = header(new FlexOrder(), offer.getConversationID(), now);
        order.setISPDuration(offer.getISPDuration());
        order.setTimeZone(offer.getTimeZone());
        order.setPeriod(offer.getPeriod());
        order.setCongestionPoint(offer.getCongestionPoint());
        order.setFlexOfferMessageID(offer.getMessageID());
        order.setOptionReference(option.getOptionReference());
        order.setOrderReference("DEMO-" + order.getMessageID().substring(0, 8));
        order.setActivationFactor(activationFactor);
        order.setPrice(option.getPrice().multiply(activationFactor).setScale(4, RoundingMode.HALF_UP));
        order.setCurrency(offer.getCurrency());
        for (FlexOfferOptionISPType offered : option.getISPS()) {
            FlexOrderISPType isp = new FlexOrderISPType();
            isp.setStart(offered.getStart());
            isp.setDuration(offered.getDuration());
            isp.setPower(BigDecimal.valueOf(offered.getPower()).multiply(activationFactor)
                    .setScale(0, RoundingMode.HALF_UP).longValueExact());
            order.getISPS().add(isp);
        }
        return Optional.of(order);
    }

    /** Every UFTP message is answered: the demo DSO accepts each FlexOffer before it decides to order it. */
    public FlexOfferResponse accepted(FlexOffer offer, Instant now) {
        FlexOfferResponse response = header(new FlexOfferResponse(), offer.getConversationID(), now);
        response.setFlexOfferMessageID(offer.getMessageID());
        response.setResult(AcceptedRejectedType.ACCEPTED);
        return response;
    }

    private <T extends PayloadMessageType> T header(T message, String conversationId, Instant now) {
        message.setVersion("3.0.0");
        message.setSenderDomain(dsoDomain);
        message.setRecipientDomain(hubDomain);
        message.setTimeStamp(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        message.setMessageID(UUID.randomUUID().toString());
        message.setConversationID(conversationId);
        return message;
    }
}
