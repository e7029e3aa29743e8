package io.flexhub.usef;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lfenergy.shapeshifter.api.FlexMessageType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.PayloadMessageResponseType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.common.CongestionPointLock;
import io.flexhub.common.HubInstance;
import io.flexhub.notify.Alerts;
import io.flexhub.site.ContextStore;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageRecord.Direction;
import io.flexhub.usef.store.UftpMessageRecord.InStatus;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.validation.MessageStatus;
import io.flexhub.usef.validation.RejectionReasons;
import io.flexhub.usef.validation.SettlementDisputes;
import io.flexhub.usef.validation.UftpMessageType;
import io.flexhub.usef.validation.UftpMessageValidator;
import io.flexhub.usef.validation.UftpResponses;
import io.flexhub.usef.validation.ValidationResult;
import io.flexhub.usef.xml.UftpJaxb;
import io.flexhub.usef.xml.UftpXmlException;

/**
 * Functional stage of a received message: spec validation, then, in one transaction, the signed response into
 * the outbox, the message's final state, the facts later validations look up and, for an accepted FlexRequest, its
 * entry in the FlexRequest history ({@link AcceptedFlexRequests}). A request is answered exactly
 * once: only the worker that claimed the row (lease) processes it. A FlexOrder is validated again, executed and
 * answered under its congestion point's lock (see {@link #answerOrder}).
 */
@Component("usefProcessor")
public class UsefProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(UsefProcessor.class);
    /** Rows younger than this are still on their way through the in-memory queue. */
    private static final Duration RECOVERY_GRACE = Duration.ofSeconds(5);
    private static final int RECOVERY_BATCH = 200;
    /** Evaluations of a direct FlexOrder that other plans may overtake before it is left to the recovery poll. */
    private static final int ORDER_ATTEMPTS = 3;

    private final UftpMessageStore store;
    private final UftpJaxb jaxb;
    private final UftpMessageValidator validator;
    private final UftpResponses responses;
    private final OutgoingMessages outgoing;
    private final UsefProperties usef;
    private final ContextStore context;
    private final TransactionTemplate tx;
    private final HubInstance instance;
    private final Alerts alerts;
    private final UftpTraffic traffic;
    private final FlexOrderExecution orders;
    private final CongestionPointLock lock;
    private final AcceptedFlexRequests acceptedRequests;
    private final Clock clock;

    public UsefProcessor(UftpMessageStore store, UftpJaxb jaxb, UftpMessageValidator validator,
                         UftpResponses responses, OutgoingMessages outgoing, UsefProperties usef,
                         ContextStore context, TransactionTemplate tx, HubInstance instance, Alerts alerts,
                         UftpTraffic traffic, FlexOrderExecution orders, CongestionPointLock lock,
                         AcceptedFlexRequests acceptedRequests, Clock clock) {
        this.store = store;
        this.jaxb = jaxb;
        this.validator = validator;
        this.responses = responses;
        this.outgoing = outgoing;
        this.usef = usef;
        this.context = context;
        this.tx = tx;
        this.instance = instance;
        this.alerts = alerts;
        this.traffic = traffic;
        this.orders = orders;
        this.lock = lock;
        this.acceptedRequests = acceptedRequests;
        this.clock = clock;
    }

    public List<Long> unprocessed() {
        Instant now = clock.instant();
        return store.findUnprocessed(now, now.minus(RECOVERY_GRACE), RECOVERY_BATCH);
    }

    /** A full recovery batch means more may be waiting: the recovery route takes the next at once. */
    public boolean backlog(List<Long> batch) {
        return batch.size() == RECOVERY_BATCH;
    }

    /** @return what was decided, or null if another worker holds the message or it was already processed */
    public ProcessingOutcome process(long id) {
        Instant now = clock.instant();
        if (!store.claim(id, instance.id(), now, now.plus(usef.processLease()))) {
            return null;
        }
        UftpMessageRecord record = store.findById(id).orElseThrow();
        try (UftpLogContext log = UftpLogContext.of(record.conversationId(), record.messageId(), record.messageType())) {
            return process(record, now);
        }
    }

    private ProcessingOutcome process(UftpMessageRecord record, Instant now) {
        long id = record.id();
        PayloadMessageType message;
        try {
            message = jaxb.unmarshal(record.payloadXml().getBytes(StandardCharsets.UTF_8));
        } catch (UftpXmlException e) {
            // schema-valid yet not bindable: nothing to build a response from, so an operator must look at it
            store.markProcessed(id, InStatus.REJECTED, "Invalid Message: " + e.getMessage(), null, null, now);
            alerts.raise("UFTP message unreadable", record.messageType() + " " + record.messageId() + " from "
                    + record.senderDomain() + " could not be read: " + e.getMessage());
            traffic.count(UftpTraffic.IN, record.messageType(), "unreadable");
            return null;
        }
        UftpMessageType type = UftpMessageType.of(message);
        ValidationResult result = validate(message, record);
        if (result.outcome() == ValidationResult.Outcome.ALREADY_SUBMITTED) {
            alreadySubmitted(record, type, now);
            return null;
        }
        Answer answer;
        if (message instanceof FlexOrder order) {
            answer = answerOrder(record, order, result);
            if (answer == null) {
                return null;
            }
        } else {
            String endpoint = !result.isRejected() && message instanceof FlexRequest ? "flex-request" : null;
            String handoff = endpoint == null ? null : UftpInbox.AWAITING_ENGINE;
            ValidationResult checked = result;
            answer = new Answer(checked, endpoint, tx.execute(status -> answer(record, type, message, checked, handoff)));
        }
        boolean accepted = !answer.result().isRejected();
        String reason = answer.result().rejectionReason().orElse(null);
        traffic.count(UftpTraffic.IN, type.rootName(), accepted ? "accepted" : "rejected");
        LOG.info("{} {} from {} {}{}", type.rootName(), message.getMessageID(), message.getSenderDomain(),
                accepted ? "accepted" : "rejected: ", accepted ? "" : reason);
        return new ProcessingOutcome(id, type.rootName(), message.getMessageID(), message.getConversationID(),
                accepted, reason, answer.endpoint(), answer.responseId(), answer.endpoint() == null ? null
                        : new UftpInbox.Accepted(id, record.senderRole(), message));
    }

    private record Answer(ValidationResult result, String endpoint, String responseId) {
    }

    private ValidationResult validate(PayloadMessageType message, UftpMessageRecord record) {
        return validator.validate(message, record.payloadSha256(), validationContext(record));
    }

    private StoreValidationContext validationContext(UftpMessageRecord record) {
        return new StoreValidationContext(store, jaxb, usef, context, clock, record, orders.minLeadTime());
    }

    private void alreadySubmitted(UftpMessageRecord record, UftpMessageType type, Instant now) {
        store.markProcessed(record.id(), InStatus.ACCEPTED, null, null, null, now);
        traffic.count(UftpTraffic.IN, type.rootName(), "duplicate");
    }

    /**
     * Validation against the offer's state, the offer's move to ORDERED, the order's events and the response are
     * one transaction under the congestion point's lock, which offer building, revocation and local planning take
     * too: of orders crossing each other or a revocation, exactly one sees the offer open, and only its answer is
     * Accepted. A direct order is solved for the devices before (outside the lock) and its plans are dropped and
     * computed again if devices were committed meanwhile.
     *
     * @return null when the message turned out to be an identical copy or kept going stale
     */
    private Answer answerOrder(UftpMessageRecord record, FlexOrder order, ValidationResult firstCheck) {
        FlexOrderExecution.Prepared prepared = firstCheck.isRejected() ? null : orders.prepare(order);
        String point = lockedPoint(order);
        for (int attempt = 1; attempt <= ORDER_ATTEMPTS; attempt++) {
            FlexOrderExecution.Prepared ready = prepared;
            Answer answer = tx.execute(status -> {
                if (point != null) {
                    // without one (schema-invalid) the order is rejected and nothing is planned
                    lock.lock(point);
                }
                ValidationResult result = validate(order, record);
                if (result.outcome() == ValidationResult.Outcome.ALREADY_SUBMITTED) {
                    alreadySubmitted(record, UftpMessageType.FLEX_ORDER, clock.instant());
                    return DUPLICATE;
                }
                String handoff = null;
                if (!result.isRejected()) {
                    FlexOrderExecution.Decision decision = execute(record, order,
                            ready != null ? ready : orders.prepare(order));
                    switch (decision.kind()) {
                        case STALE -> {
                            status.setRollbackOnly();
                            return STALE;
                        }
                        case REJECTED -> result = ValidationResult.of(List.of(decision.detail()));
                        case ACCEPTED -> handoff = decision.detail();
                    }
                }
                return new Answer(result, null, answer(record, UftpMessageType.FLEX_ORDER, order, result, handoff));
            });
            if (answer == DUPLICATE) {
                return null;
            }
            if (answer != STALE) {
                return answer;
            }
            LOG.info("FlexOrder {}: devices of {} were committed while it was evaluated; evaluating again",
                    order.getMessageID(), order.getCongestionPoint());
            prepared = orders.prepare(order);
        }
        // left claimed: the recovery poll takes it up again when the lease runs out
        LOG.warn("FlexOrder {} stayed unanswered: devices of {} were committed during each of {} evaluations",
                order.getMessageID(), order.getCongestionPoint(), ORDER_ATTEMPTS);
        return null;
    }

    /** The ordered offer's congestion point (its devices are the ones planned), else the order's own. */
    private String lockedPoint(FlexOrder order) {
        if (order.getFlexOfferMessageID() == null || order.getConversationID() == null) {
            return order.getCongestionPoint();
        }
        return store.findInConversation(order.getConversationID(), order.getFlexOfferMessageID())
                .filter(r -> r.direction() == Direction.OUT)
                .map(r -> jaxb.unmarshal(r.payloadXml().getBytes(StandardCharsets.UTF_8)))
                .filter(FlexMessageType.class::isInstance)
                .map(m -> ((FlexMessageType) m).getCongestionPoint())
                .orElse(order.getCongestionPoint());
    }

    /** What an order's transaction returns when it answered nothing; compared by identity. */
    private static final Answer DUPLICATE = new Answer(ValidationResult.alreadySubmitted(), null, null);
    private static final Answer STALE = new Answer(ValidationResult.accepted(), null, null);

    private FlexOrderExecution.Decision execute(UftpMessageRecord record, FlexOrder order,
                                                FlexOrderExecution.Prepared prepared) {
        if (order.getFlexOfferMessageID() == null) {
            return prepared.execute(record.id());
        }
        // validation found the offer open under the lock; the conditional update is what makes it so for good
        UftpMessageRecord offer = store.findInConversation(order.getConversationID(), order.getFlexOfferMessageID())
                .orElseThrow(() -> new IllegalStateException("validated FlexOrder " + order.getMessageID()
                        + " refers to no stored FlexOffer"));
        if (!store.closeOffer(offer.id(), MessageStatus.ORDERED.name())) {
            String state = store.findById(offer.id()).map(UftpMessageRecord::businessState).orElse(null);
            return FlexOrderExecution.Decision.rejected(MessageStatus.REVOKED.name().equals(state)
                    ? RejectionReasons.REFERENCE_REVOKED : RejectionReasons.REFERENCE_ORDERED);
        }
        FlexOrderExecution.Decision decision = prepared.execute(record.id());
        if (decision.kind() != FlexOrderExecution.Decision.Kind.ACCEPTED) {
            // the offer is ORDERED now: rolling everything back is the only consistent way out
            throw new IllegalStateException("FlexOrder " + order.getMessageID() + " on an offer was not planned: "
                    + decision);
        }
        return decision;
    }

    /** The facts, the response (or the peer's answer) and the final state of the message, in the caller's transaction. */
    private String answer(UftpMessageRecord record, UftpMessageType type, PayloadMessageType message,
                          ValidationResult result, String handoff) {
        long id = record.id();
        store.updateFacts(id, facts(type, message));
        String answered = null;
        Optional<UftpMessageRecord> queued = type.response().isPresent() ? store.findAnswerTo(id) : Optional.empty();
        if (queued.isPresent()) {
            // processed before up to its response (a crash, an expired lease): that response stands, no second one
            answered = queued.get().messageId();
            LOG.info("{} {} was answered before with {}; recording it, not answering again", type.rootName(),
                    message.getMessageID(), answered);
        } else if (type.response().isPresent()) {
            PayloadMessageType response = !result.isRejected() && message instanceof FlexSettlement settlement
                    ? responses.respondTo(settlement, result, disputes(settlement, validationContext(record)))
                    : responses.respondTo(message, result);
            outgoing.answer(response, record);
            answered = response.getMessageID();
        } else if (!result.isRejected() && type.request().isPresent()) {
            // a rejected answer, e.g. from a barred sender, must not settle the fate of what we sent
            recordPeerAnswer(type, message);
        }
        if (!result.isRejected() && message instanceof FlexRequest request) {
            acceptedRequests.accepted(request);
        }
        store.markProcessed(id, result.isRejected() ? InStatus.REJECTED : InStatus.ACCEPTED,
                result.rejectionReason().orElse(null), answered, handoff, clock.instant());
        return answered;
    }

    private static Map<String, String> disputes(FlexSettlement settlement, StoreValidationContext context) {
        Map<String, String> disputes = SettlementDisputes.of(settlement, context);
        disputes.forEach((orderReference, reason) -> LOG.info("FlexSettlement {} from {}: order {} disputed: {}",
                settlement.getMessageID(), settlement.getSenderDomain(), orderReference, reason));
        return disputes;
    }

    /** A peer's functional answer to a message we sent is recorded on that message. */
    private void recordPeerAnswer(UftpMessageType type, PayloadMessageType response) {
        Optional<String> referenced = type.referencedMessageId(response);
        if (referenced.isEmpty()) {
            return;
        }
        store.findInConversation(response.getConversationID(), referenced.get())
                .filter(r -> r.direction() == Direction.OUT)
                .ifPresent(ours -> {
                    if (response instanceof PayloadMessageResponseType withResult && withResult.getResult() != null) {
                        store.recordPeerResult(ours.id(), withResult.getResult().value(),
                                withResult.getRejectionReason(), response.getMessageID());
                    } else {
                        store.recordPeerResult(ours.id(), "Accepted", null, response.getMessageID());
                    }
                });
    }

    private static UftpMessageStore.Facts facts(UftpMessageType type, PayloadMessageType message) {
        String reference = type.referencedMessageId(message).orElse(null);
        String congestionPoint = null;
        LocalDate period = null;
        Long revision = null;
        String orderReference = null;
        if (message instanceof FlexMessageType flex) {
            congestionPoint = flex.getCongestionPoint();
            period = flex.getPeriod();
        }
        if (message instanceof FlexRequest request) {
            revision = request.getRevision();
        }
        if (message instanceof FlexOrder order) {
            reference = order.getFlexOfferMessageID();
            orderReference = order.getOrderReference();
        }
        return new UftpMessageStore.Facts(reference, congestionPoint, period, revision, orderReference);
    }
}
