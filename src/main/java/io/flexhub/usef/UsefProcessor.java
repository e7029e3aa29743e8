package io.flexhub.usef;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.lfenergy.shapeshifter.api.FlexMessageType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.PayloadMessageResponseType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.common.HubInstance;
import io.flexhub.notify.Alerts;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageRecord.Direction;
import io.flexhub.usef.store.UftpMessageRecord.InStatus;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.validation.MessageStatus;
import io.flexhub.usef.validation.UftpMessageType;
import io.flexhub.usef.validation.UftpMessageValidator;
import io.flexhub.usef.validation.UftpResponses;
import io.flexhub.usef.validation.ValidationResult;
import io.flexhub.usef.xml.UftpJaxb;
import io.flexhub.usef.xml.UftpXmlException;

/**
 * Functional stage of a received message: spec validation, then, in one transaction, the signed response into
 * the outbox, the message's final state and the facts later validations look up. A request is answered exactly
 * once: only the worker that claimed the row (lease) processes it.
 */
@Component("usefProcessor")
public class UsefProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(UsefProcessor.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** Rows younger than this are still on their way through the in-memory queue. */
    private static final Duration RECOVERY_GRACE = Duration.ofSeconds(5);

    private final UftpMessageStore store;
    private final UftpJaxb jaxb;
    private final UftpMessageValidator validator;
    private final UftpResponses responses;
    private final OutgoingMessages outgoing;
    private final UsefProperties usef;
    private final TransactionTemplate tx;
    private final HubInstance instance;
    private final Alerts alerts;
    private final UftpTraffic traffic;
    private final Clock clock;

    public UsefProcessor(UftpMessageStore store, UftpJaxb jaxb, UftpMessageValidator validator,
                         UftpResponses responses, OutgoingMessages outgoing, UsefProperties usef,
                         TransactionTemplate tx, HubInstance instance, Alerts alerts, UftpTraffic traffic,
                         Clock clock) {
        this.store = store;
        this.jaxb = jaxb;
        this.validator = validator;
        this.responses = responses;
        this.outgoing = outgoing;
        this.usef = usef;
        this.tx = tx;
        this.instance = instance;
        this.alerts = alerts;
        this.traffic = traffic;
        this.clock = clock;
    }

    public List<Long> unprocessed() {
        Instant now = clock.instant();
        return store.findUnprocessed(now, now.minus(RECOVERY_GRACE), 200);
    }

    /** @return what was decided, or null if another worker holds the message or it was already processed */
    public ProcessingOutcome process(long id) {
        Instant now = clock.instant();
        if (!store.claim(id, instance.id(), now, now.plus(LEASE))) {
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
        ValidationResult result = validator.validate(message, record.payloadSha256(),
                new StoreValidationContext(store, jaxb, usef, clock, record));
        if (result.outcome() == ValidationResult.Outcome.ALREADY_SUBMITTED) {
            store.markProcessed(id, InStatus.ACCEPTED, null, null, null, now);
            traffic.count(UftpTraffic.IN, type.rootName(), "duplicate");
            return null;
        }
        boolean accepted = !result.isRejected();
        String reason = result.rejectionReason().orElse(null);
        String endpoint = !accepted ? null
                : message instanceof FlexRequest ? "flex-request" : message instanceof FlexOrder ? "flex-order" : null;
        String handoff = endpoint == null ? null : UftpMessageRecord.AWAITING_ENGINE;
        String responseId = tx.execute(status -> {
            store.updateFacts(id, facts(type, message));
            String answered = null;
            if (type.response().isPresent()) {
                PayloadMessageType response = responses.respondTo(message, result);
                outgoing.queue(response, record.senderRole(), message.getMessageID());
                answered = response.getMessageID();
            } else if (type.request().isPresent()) {
                recordPeerAnswer(type, message);
            }
            if (accepted && message instanceof FlexOrder order && order.getFlexOfferMessageID() != null) {
                store.findInConversation(order.getConversationID(), order.getFlexOfferMessageID())
                        .ifPresent(offer -> store.updateBusinessState(offer.id(), MessageStatus.ORDERED.name()));
            }
            store.markProcessed(id, accepted ? InStatus.ACCEPTED : InStatus.REJECTED, reason, answered, handoff,
                    clock.instant());
            return answered;
        });
        traffic.count(UftpTraffic.IN, type.rootName(), accepted ? "accepted" : "rejected");
        LOG.info("{} {} from {} {}{}", type.rootName(), message.getMessageID(), message.getSenderDomain(),
                accepted ? "accepted" : "rejected: ", accepted ? "" : reason);
        return new ProcessingOutcome(id, type.rootName(), message.getMessageID(), message.getConversationID(),
                accepted, reason, endpoint, responseId);
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
