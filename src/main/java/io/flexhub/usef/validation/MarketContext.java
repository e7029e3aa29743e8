package io.flexhub.usef.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A validation context that knows the market and nothing else: no earlier messages, no congestion points, no
 * contracts. For {@link UftpMessageValidator#selfContained()}, whose rules ask only for the market.
 */
public final class MarketContext implements UftpValidationContext {

    private final ZoneId timeZone;
    private final Duration ispDuration;
    private final Clock clock;

    public MarketContext(ZoneId timeZone, Duration ispDuration, Clock clock) {
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.ispDuration = Objects.requireNonNull(ispDuration, "ispDuration");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return timeZone;
    }

    @Override
    public boolean isOwnDomain(String domain) {
        return false;
    }

    @Override
    public boolean isKnownCongestionPoint(String congestionPoint) {
        return false;
    }

    @Override
    public boolean isKnownContract(String senderDomain, String contractId) {
        return false;
    }

    @Override
    public boolean isBarredSender(String senderDomain) {
        return false;
    }

    @Override
    public Optional<StoredMessage> findMessage(String conversationId, String messageId) {
        return Optional.empty();
    }

    @Override
    public Optional<StoredMessage> findByMessageId(String senderDomain, String messageId) {
        return Optional.empty();
    }

    @Override
    public List<StoredMessage> earlierCopies(String senderDomain, String messageId) {
        return List.of();
    }

    @Override
    public OptionalLong highestAcceptedFlexRequestRevision(String senderDomain, String congestionPoint,
            LocalDate period) {
        return OptionalLong.empty();
    }

    @Override
    public List<StoredMessage> acceptedReservationUpdates(String senderDomain, String congestionPoint,
            LocalDate period) {
        return List.of();
    }

    @Override
    public Optional<StoredMessage> findDPrognosis(String participantDomain, String messageId) {
        return Optional.empty();
    }

    @Override
    public List<StoredMessage> acceptedFlexSettlements(String senderDomain) {
        return List.of();
    }

    @Override
    public Optional<StoredMessage> findFlexOrderByOrderReference(String senderDomain, String orderReference) {
        return Optional.empty();
    }
}
