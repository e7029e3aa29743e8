package io.flexhub.usef;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.flexhub.site.ContextStore;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageRecord.Direction;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.validation.MessageStatus;
import io.flexhub.usef.validation.StoredMessage;
import io.flexhub.usef.validation.UftpValidationContext;
import io.flexhub.usef.xml.UftpJaxb;

/**
 * The validation rules' view of the hub's message log, configuration and building context, for one message under
 * validation. The hub is active at the congestion points where the context has a site or a device.
 */
final class StoreValidationContext implements UftpValidationContext {

    private final UftpMessageStore store;
    private final UftpJaxb jaxb;
    private final UsefProperties usef;
    private final ContextStore context;
    private final Clock clock;
    private final UftpMessageRecord current;
    private final Duration minLeadTime;

    StoreValidationContext(UftpMessageStore store, UftpJaxb jaxb, UsefProperties usef, ContextStore context,
                           Clock clock, UftpMessageRecord current, Duration minLeadTime) {
        this.minLeadTime = minLeadTime;
        this.store = store;
        this.jaxb = jaxb;
        this.usef = usef;
        this.context = context;
        this.clock = clock;
        this.current = current;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Duration ispDuration() {
        return usef.market().ispDuration();
    }

    @Override
    public Duration minLeadTime() {
        return minLeadTime;
    }

    @Override
    public ZoneId marketTimeZone() {
        return usef.market().timeZone();
    }

    @Override
    public boolean isOwnDomain(String domain) {
        return usef.ownDomain().equals(domain);
    }

    @Override
    public boolean isKnownCongestionPoint(String congestionPoint) {
        return context.knowsCongestionPoint(congestionPoint);
    }

    /** Contracts are configured per participant; one that lists none has no contract with the hub. */
    @Override
    public boolean isKnownContract(String senderDomain, String contractId) {
        return usef.participants().stream()
                .filter(participant -> participant.domain().equals(senderDomain))
                .anyMatch(participant -> participant.contracts().contains(contractId));
    }

    @Override
    public boolean isBarredSender(String senderDomain) {
        return usef.barredSenders().contains(senderDomain);
    }

    @Override
    public Optional<StoredMessage> findMessage(String conversationId, String messageId) {
        return store.findInConversation(conversationId, messageId).filter(r -> r.id() != current.id())
                .map(this::toStored);
    }

    /** The message under validation is never its own earlier copy; a re-used MessageID finds the original. */
    @Override
    public Optional<StoredMessage> findByMessageId(String senderDomain, String messageId) {
        if (current.duplicateNo() == 0 && messageId.equals(current.messageId())
                && senderDomain.equals(current.senderDomain())) {
            return Optional.empty();
        }
        return store.findOriginal(Direction.IN, senderDomain, messageId).map(this::toStored);
    }

    @Override
    public List<StoredMessage> earlierCopies(String senderDomain, String messageId) {
        return store.findCopies(Direction.IN, senderDomain, messageId).stream()
                .filter(copy -> copy.id() < current.id())
                .map(this::toStored)
                .toList();
    }

    @Override
    public OptionalLong highestAcceptedFlexRequestRevision(String senderDomain, String congestionPoint,
                                                           LocalDate period) {
        return store.highestAcceptedRevision("FlexRequest", senderDomain, congestionPoint, period)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public List<StoredMessage> acceptedReservationUpdates(String senderDomain, String congestionPoint,
                                                          LocalDate period) {
        return store.findAccepted("FlexReservationUpdate", senderDomain, congestionPoint, period).stream()
                .filter(r -> r.id() != current.id())
                .map(this::toStored)
                .toList();
    }

    @Override
    public Optional<StoredMessage> findDPrognosis(String participantDomain, String messageId) {
        return store.findExchanged("D-Prognosis", messageId, participantDomain).map(this::toStored);
    }

    @Override
    public List<StoredMessage> acceptedFlexSettlements(String senderDomain) {
        return store.findAccepted("FlexSettlement", senderDomain).stream()
                .filter(r -> r.id() != current.id())
                .map(this::toStored)
                .toList();
    }

    @Override
    public Optional<StoredMessage> findFlexOrderByOrderReference(String senderDomain, String orderReference) {
        return store.findOrderByReference(senderDomain, orderReference).map(this::toStored);
    }

    private StoredMessage toStored(UftpMessageRecord r) {
        return StoredMessage.of(jaxb.unmarshal(r.payloadXml().getBytes(StandardCharsets.UTF_8)), status(r),
                r.payloadSha256());
    }

    static MessageStatus status(UftpMessageRecord r) {
        if (r.businessState() != null) {
            return MessageStatus.valueOf(r.businessState());
        }
        if (r.direction() == Direction.OUT) {
            if ("Accepted".equals(r.peerResult())) {
                return MessageStatus.ACCEPTED;
            }
            return "Rejected".equals(r.peerResult()) ? MessageStatus.REJECTED : MessageStatus.SENT;
        }
        return switch (r.status()) {
            case UftpMessageRecord.InStatus.ACCEPTED -> MessageStatus.ACCEPTED;
            case UftpMessageRecord.InStatus.RECEIVED -> MessageStatus.RECEIVED;
            default -> MessageStatus.REJECTED;
        };
    }
}
