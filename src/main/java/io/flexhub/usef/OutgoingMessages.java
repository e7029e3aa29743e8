package io.flexhub.usef;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.flexhub.notify.Alerts;
import io.flexhub.usef.crypto.Cs1;
import io.flexhub.usef.store.OutboxStore;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageRecord.Direction;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.store.UftpMessageStore.NewMessage;
import io.flexhub.usef.transport.SignedMessageCodec;
import io.flexhub.usef.validation.ContentDigest;
import io.flexhub.usef.validation.UftpMessageType;
import io.flexhub.usef.xml.UftpJaxb;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/**
 * The one way UFTP messages leave the hub: serialised (and schema-checked) once, signed with the hub's key,
 * stored with the outgoing message log and queued in the outbox in the caller's transaction, so a message
 * is either fully queued or not at all.
 */
@Component
public class OutgoingMessages {

    private final UftpJaxb jaxb;
    private final SignedMessageCodec codec;
    private final HubSigningKey key;
    private final ParticipantDirectory participants;
    private final UftpMessageStore store;
    private final OutboxStore outbox;
    private final UsefProperties usef;
    private final Alerts alerts;
    private final UftpTraffic traffic;
    private final Clock clock;

    public OutgoingMessages(UftpJaxb jaxb, SignedMessageCodec codec, HubSigningKey key,
                            ParticipantDirectory participants, UftpMessageStore store, OutboxStore outbox,
                            UsefProperties usef, Alerts alerts, UftpTraffic traffic, Clock clock) {
        this.jaxb = jaxb;
        this.codec = codec;
        this.key = key;
        this.participants = participants;
        this.store = store;
        this.outbox = outbox;
        this.usef = usef;
        this.alerts = alerts;
        this.traffic = traffic;
        this.clock = clock;
    }

    /**
     * Queues a message to its RecipientDomain in the given role.
     *
     * @return the stored message's row id
     */
    public long queue(PayloadMessageType message, String recipientRole, String referenceMessageId) {
        return queue(message, recipientRole, referenceMessageId, null);
    }

    /**
     * Queues the functional response to a received message; at most one per received row (the store refuses a
     * second).
     */
    public long answer(PayloadMessageType response, UftpMessageRecord request) {
        return queue(response, request.senderRole(), request.messageId(), request.id());
    }

    private long queue(PayloadMessageType message, String recipientRole, String referenceMessageId, Long answersId) {
        byte[] xml = jaxb.marshal(message);
        byte[] envelope = codec.write(usef.ownDomain(), usef.ownRole(), Cs1.seal(xml, key.privateKey()));
        String envelopeXml = new String(envelope, StandardCharsets.UTF_8);
        Instant now = clock.instant();
        var peer = participants.find(message.getRecipientDomain(), recipientRole);
        String type = UftpMessageType.of(message).rootName();
        long pk = store.insert(new NewMessage(Direction.OUT, type, message.getMessageID(),
                message.getConversationID(), usef.ownDomain(), usef.ownRole(), message.getRecipientDomain(),
                referenceMessageId, 0, new String(xml, StandardCharsets.UTF_8), ContentDigest.of(xml), envelopeXml,
                peer.isPresent() ? UftpMessageRecord.OutStatus.PENDING : UftpMessageRecord.OutStatus.FAILED, null, now),
                answersId);
        if (peer.isEmpty()) {
            alerts.raise("UFTP recipient unknown", type + " " + message.getMessageID() + " to "
                    + message.getRecipientDomain() + " (" + recipientRole + ") cannot be sent: no such participant "
                    + "in flexhub.usef.participants");
            traffic.count(UftpTraffic.OUT, type, "undeliverable");
            return pk;
        }
        outbox.enqueue(pk, peer.get().domain(), recipientRole, peer.get().endpoint().toString(), envelopeXml, now);
        traffic.count(UftpTraffic.OUT, type, "queued");
        return pk;
    }
}
