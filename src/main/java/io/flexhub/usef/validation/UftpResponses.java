package io.flexhub.usef.validation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.lfenergy.shapeshifter.api.AcceptedDisputedType;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementStatusType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexReservationUpdateResponse;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.FlexSettlementResponse;
import org.lfenergy.shapeshifter.api.Metering;
import org.lfenergy.shapeshifter.api.MeteringResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageResponseType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.lfenergy.shapeshifter.api.TestMessageResponse;

/**
 * Builds the functional response to a received request: same ConversationID, a new MessageID, the request's
 * MessageID in the response's reference attribute, and Result/RejectionReason from the validation.
 *
 * <p>{@link ValidationResult.Outcome#ALREADY_SUBMITTED} is answered as Accepted, since the spec lets an identical
 * copy count as successfully submitted.
 */
public final class UftpResponses {

    /** Sent when the request's own Version is not one the hub supports. */
    public static final String DEFAULT_VERSION = "3.0.0";

    private final String ownDomain;
    private final Clock clock;
    private final Supplier<UUID> messageIds;

    public UftpResponses(String ownDomain, Clock clock) {
        this(ownDomain, clock, UUID::randomUUID);
    }

    public UftpResponses(String ownDomain, Clock clock, Supplier<UUID> messageIds) {
        this.ownDomain = Objects.requireNonNull(ownDomain, "ownDomain");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
    }

    public FlexRequestResponse respondTo(FlexRequest request, ValidationResult result) {
        return (FlexRequestResponse) build(request, result);
    }

    public FlexOrderResponse respondTo(FlexOrder request, ValidationResult result) {
        return (FlexOrderResponse) build(request, result);
    }

    public FlexReservationUpdateResponse respondTo(FlexReservationUpdate request, ValidationResult result) {
        return (FlexReservationUpdateResponse) build(request, result);
    }

    public MeteringResponse respondTo(Metering request, ValidationResult result) {
        return (MeteringResponse) build(request, result);
    }

    /** TestMessageResponse has no Result in 3.x; the validation result only decides whether to answer at all. */
    public TestMessageResponse respondTo(TestMessage request) {
        return (TestMessageResponse) build(request, ValidationResult.accepted());
    }

    public FlexSettlementResponse respondTo(FlexSettlement request, ValidationResult result) {
        return respondTo(request, result, Map.of());
    }

    /**
     * Disagreement with a settled order is not a rejection: the settlement is Accepted and the order Disputed.
     * The XSD requires a status per order, so every FlexOrderSettlement gets one, Accepted unless disputed.
     *
     * @param disputeReasonByOrderReference DisputeReason per OrderReference of the orders the hub disputes
     */
    public FlexSettlementResponse respondTo(FlexSettlement request, ValidationResult result,
            Map<String, String> disputeReasonByOrderReference) {
        FlexSettlementResponse response = (FlexSettlementResponse) build(request, result);
        for (FlexOrderSettlementType settled : request.getFlexOrderSettlements()) {
            FlexOrderSettlementStatusType status = new FlexOrderSettlementStatusType();
            status.setOrderReference(settled.getOrderReference());
            String disputeReason = settled.getOrderReference() == null
                    ? null
                    : disputeReasonByOrderReference.get(settled.getOrderReference());
            status.setDisposition(disputeReason == null ? AcceptedDisputedType.ACCEPTED : AcceptedDisputedType.DISPUTED);
            status.setDisputeReason(disputeReason);
            response.getFlexOrderSettlementStatuses().add(status);
        }
        return response;
    }

    /** For callers that only hold the base type; FlexSettlement then gets no disputes. */
    public PayloadMessageType respondTo(PayloadMessageType request, ValidationResult result) {
        if (request instanceof FlexSettlement settlement) {
            return respondTo(settlement, result);
        }
        return build(request, result);
    }

    private PayloadMessageType build(PayloadMessageType request, ValidationResult result) {
        UftpMessageType responseType = UftpMessageType.of(request).response()
                .orElseThrow(() -> new IllegalArgumentException(
                        UftpMessageType.of(request).rootName() + " is not a request"));
        PayloadMessageType response = responseType.newInstance();
        response.setVersion(VersionRule.isSupported(request.getVersion()) ? request.getVersion() : DEFAULT_VERSION);
        response.setSenderDomain(ownDomain);
        response.setRecipientDomain(request.getSenderDomain());
        response.setTimeStamp(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        response.setMessageID(messageIds.get().toString());
        response.setConversationID(request.getConversationID());
        responseType.setReferencedMessageId(response, request.getMessageID());
        if (response instanceof PayloadMessageResponseType withResult) {
            withResult.setResult(result.isRejected() ? AcceptedRejectedType.REJECTED : AcceptedRejectedType.ACCEPTED);
            withResult.setRejectionReason(result.rejectionReason().orElse(null));
        }
        return response;
    }
}
