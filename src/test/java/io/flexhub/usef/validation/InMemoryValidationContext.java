package io.flexhub.usef.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/** The hub's message store and configuration, in memory; every congestion point and contract known by default. */
final class InMemoryValidationContext implements UftpValidationContext {

    private final Clock clock;
    private final List<StoredMessage> messages = new ArrayList<>();
    private ZoneId marketTimeZone = ZoneId.of("Europe/Amsterdam");
    private Duration ispDuration = Duration.ofMinutes(15);
    private Set<String> congestionPoints;
    private Set<String> contracts;
    private Set<String> barredSenders = Set.of();

    InMemoryValidationContext(Clock clock) {
        this.clock = clock;
    }

    InMemoryValidationContext store(PayloadMessageType payload, MessageStatus status) {
        return store(payload, status, null);
    }

    InMemoryValidationContext store(PayloadMessageType payload, MessageStatus status, String contentDigest) {
        messages.add(StoredMessage.of(payload, status, contentDigest));
        return this;
    }

    InMemoryValidationContext congestionPoints(String... known) {
        congestionPoints = Set.of(known);
        return this;
    }

    InMemoryValidationContext contracts(String... known) {
        contracts = Set.of(known);
        return this;
    }

    InMemoryValidationContext barredSenders(String... barred) {
        barredSenders = Set.of(barred);
        return this;
    }

    InMemoryValidationContext ispDuration(Duration duration) {
        ispDuration = duration;
        return this;
    }

    InMemoryValidationContext marketTimeZone(ZoneId zone) {
        marketTimeZone = zone;
        return this;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Duration ispDuration() {
        return ispDuration;
    }

    @Override
    public ZoneId marketTimeZone() {
        return marketTimeZone;
    }

    @Override
    public boolean isOwnDomain(String domain) {
        return UftpTestMessages.AGR.equals(domain);
    }

    @Override
    public boolean isKnownCongestionPoint(String congestionPoint) {
        return congestionPoints == null || congestionPoints.contains(congestionPoint);
    }

    @Override
    public boolean isKnownContract(String senderDomain, String contractId) {
        return contracts == null || contracts.contains(contractId);
    }

    @Override
    public boolean isBarredSender(String senderDomain) {
        return barredSenders.contains(senderDomain);
    }

    @Override
    public Optional<StoredMessage> findMessage(String conversationId, String messageId) {
        return messages.stream()
                .filter(m -> m.conversationId().equals(conversationId) && m.messageId().equals(messageId))
                .findFirst();
    }

    @Override
    public Optional<StoredMessage> findByMessageId(String senderDomain, String messageId) {
        return messages.stream()
                .filter(m -> m.senderDomain().equals(senderDomain) && m.messageId().equals(messageId))
                .findFirst();
    }

    @Override
    public List<StoredMessage> earlierCopies(String senderDomain, String messageId) {
        return messages.stream()
                .filter(m -> m.senderDomain().equals(senderDomain) && m.messageId().equals(messageId))
                .toList();
    }

    @Override
    public OptionalLong highestAcceptedFlexRequestRevision(String senderDomain, String congestionPoint,
            LocalDate period) {
        return messages.stream()
                .filter(m -> m.type() == UftpMessageType.FLEX_REQUEST && m.status() == MessageStatus.ACCEPTED)
                .filter(m -> m.senderDomain().equals(senderDomain))
                .map(m -> m.payload(FlexRequest.class))
                .filter(r -> r.getCongestionPoint().equals(congestionPoint) && r.getPeriod().equals(period))
                .mapToLong(FlexRequest::getRevision)
                .max();
    }

    @Override
    public List<StoredMessage> acceptedReservationUpdates(String senderDomain, String congestionPoint,
            LocalDate period) {
        return messages.stream()
                .filter(m -> m.type() == UftpMessageType.FLEX_RESERVATION_UPDATE && m.status() == MessageStatus.ACCEPTED)
                .filter(m -> m.senderDomain().equals(senderDomain))
                .filter(m -> {
                    FlexReservationUpdate update = m.payload(FlexReservationUpdate.class);
                    return update.getCongestionPoint().equals(congestionPoint) && update.getPeriod().equals(period);
                })
                .toList();
    }

    @Override
    public Optional<StoredMessage> findDPrognosis(String participantDomain, String messageId) {
        return messages.stream()
                .filter(m -> m.type() == UftpMessageType.D_PROGNOSIS && m.messageId().equals(messageId))
                .filter(m -> m.senderDomain().equals(participantDomain)
                        || m.payload().getRecipientDomain().equals(participantDomain))
                .findFirst();
    }

    @Override
    public List<StoredMessage> acceptedFlexSettlements(String senderDomain) {
        return messages.stream()
                .filter(m -> m.type() == UftpMessageType.FLEX_SETTLEMENT && m.status() == MessageStatus.ACCEPTED)
                .filter(m -> m.senderDomain().equals(senderDomain))
                .toList();
    }

    @Override
    public Optional<StoredMessage> findFlexOrderByOrderReference(String senderDomain, String orderReference) {
        return messages.stream()
                .filter(m -> m.type() == UftpMessageType.FLEX_ORDER && m.senderDomain().equals(senderDomain))
                .filter(m -> m.status() == MessageStatus.ACCEPTED)
                .filter(m -> Objects.equals(m.payload(FlexOrder.class).getOrderReference(), orderReference))
                .findFirst();
    }
}
