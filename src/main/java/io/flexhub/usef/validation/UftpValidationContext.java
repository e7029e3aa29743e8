package io.flexhub.usef.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the validation needs to know about the market and the hub's earlier messages; the hub implements it over
 * its configuration and message store.
 */
public interface UftpValidationContext {

    Clock clock();

    /** The ISP duration agreed in the market. */
    default Duration ispDuration() {
        return Duration.ofMinutes(15);
    }

    /**
     * How long before an ISP starts the hub must know what its devices do in it: an order deviating in an ISP that
     * starts sooner is rejected.
     */
    default Duration minLeadTime() {
        return Duration.ZERO;
    }

    /** The market's time zone: a message TimeZone is accepted when its UTC offsets equal this one's on the Period. */
    ZoneId marketTimeZone();

    boolean isOwnDomain(String domain);

    /** Whether the hub is active at the congestion point, i.e. has a connection (a building) there. */
    boolean isKnownCongestionPoint(String congestionPoint);

    /** Whether the ContractID names a contract the hub has with this sender. */
    boolean isKnownContract(String senderDomain, String contractId);

    /** Whether the hub refuses this sender's messages although it knows the sender's key. */
    boolean isBarredSender(String senderDomain);

    /**
     * A message sent or received in the given conversation. References are only looked up within the
     * conversation of the referring message (shapeshifter-library-java issue #61).
     */
    Optional<StoredMessage> findMessage(String conversationId, String messageId);

    /**
     * A message received from this sender with this MessageID, in any conversation: for the FlexOrders a
     * D-PrognosisResponse names. It must not return the message under validation itself, e.g. when the inbox row
     * is written before validation runs.
     */
    Optional<StoredMessage> findByMessageId(String senderDomain, String messageId);

    /**
     * The messages received from this sender with this MessageID before the one under validation, the original
     * first: for duplicate detection, which must see copies re-sent after a rejection too.
     */
    List<StoredMessage> earlierCopies(String senderDomain, String messageId);

    /** The highest Revision of an accepted FlexRequest from this sender for this congestion point and Period. */
    OptionalLong highestAcceptedFlexRequestRevision(String senderDomain, String congestionPoint, LocalDate period);

    /**
     * The FlexReservationUpdates accepted from this sender for this congestion point and Period, oldest first (a
     * FlexReservationUpdate is a FlexMessage, so one Period each).
     */
    List<StoredMessage> acceptedReservationUpdates(String senderDomain, String congestionPoint, LocalDate period);

    /**
     * A D-Prognosis the hub exchanged with this participant (sent to it or received from it), in any conversation:
     * a D-Prognosis opens its own, and the FlexOffers, FlexOrders and settlements basing on it are in others.
     */
    Optional<StoredMessage> findDPrognosis(String participantDomain, String messageId);

    /** The FlexSettlements accepted from this sender, oldest first. */
    List<StoredMessage> acceptedFlexSettlements(String senderDomain);

    /**
     * The accepted FlexOrder the sender gave this OrderReference; settlements refer to orders of other
     * conversations.
     */
    Optional<StoredMessage> findFlexOrderByOrderReference(String senderDomain, String orderReference);
}
