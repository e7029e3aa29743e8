package io.flexhub.usef;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Body;
import org.lfenergy.shapeshifter.api.USEFRoleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageRecord.Direction;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.store.UftpMessageStore.NewMessage;
import io.flexhub.usef.transport.PayloadHeader;
import io.flexhub.usef.transport.SignedEnvelope;
import io.flexhub.usef.transport.SignedMessageCodec;
import io.flexhub.usef.transport.UftpPayloads;
import io.flexhub.usef.transport.UftpTransportException;
import io.flexhub.usef.validation.ContentDigest;
import io.flexhub.usef.validation.UftpRoles;

/**
 * Transport stage of an incoming UFTP message, in the spec's order: envelope, sender key, signature, payload
 * schema, envelope/payload consistency (Content-Type, charset and length were checked at the HTTP entry, see
 * io.flexhub.web). Only a message that passes all of them is stored, and only a stored message is acknowledged
 * with 200; functional validation happens afterwards.
 */
@Component("usefReceiver")
public class UsefReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(UsefReceiver.class);

    private final ParticipantDirectory participants;
    private final SignedMessageCodec codec;
    private final UftpPayloads payloads;
    private final UftpMessageStore store;
    private final UftpTraffic traffic;
    private final Clock clock;

    public UsefReceiver(ParticipantDirectory participants, SignedMessageCodec codec, UftpPayloads payloads,
                        UftpMessageStore store, UftpTraffic traffic, Clock clock) {
        this.participants = participants;
        this.codec = codec;
        this.payloads = payloads;
        this.store = store;
        this.traffic = traffic;
        this.clock = clock;
    }

    /**
     * @return the stored row's id to process, or null when this is a copy of a message received and not rejected
     *         (UFTP "Already Submitted": acknowledged again, processed once). A copy of a rejected message is
     *         stored and processed: the validation judges it afresh, as what made it fail may have been fixed.
     */
    public Long receive(@Body byte[] body) {
        // the payload header, once read, labels a later transport rejection with the message type
        PayloadHeader[] read = new PayloadHeader[1];
        try {
            Long id = verifyAndStore(body, read);
            traffic.count(UftpTraffic.IN, read[0].messageType(), id == null ? "duplicate" : "received");
            return id;
        } catch (UftpTransportException e) {
            traffic.count(UftpTraffic.IN, read[0] == null ? "unknown" : read[0].messageType(), "transport-rejected");
            throw e;
        }
    }

    private Long verifyAndStore(byte[] body, PayloadHeader[] read) {
        if (body == null || body.length == 0) {
            throw new UftpTransportException(400, "Empty body: a SignedMessage is required");
        }
        SignedEnvelope envelope = codec.parse(body);
        ParticipantDirectory.Peer peer = participants.find(envelope.senderDomain(), envelope.senderRole())
                .orElseThrow(() -> new UftpTransportException(401,
                        "Unknown sender: no public key for " + envelope.senderDomain() + " in role "
                                + envelope.senderRole()));
        byte[] payload = envelope.open(List.of(peer.publicKey()));
        PayloadHeader header = payloads.validate(payload);
        read[0] = header;
        try (UftpLogContext log = UftpLogContext.of(header.conversationId(), header.messageId(), header.messageType())) {
            return checkAndStore(header, envelope, payload, body);
        }
    }

    private Long checkAndStore(PayloadHeader header, SignedEnvelope envelope, byte[] payload, byte[] body) {
        if (!header.senderDomain().equals(envelope.senderDomain())) {
            throw new UftpTransportException(400, "Invalid Sender (not matching envelope): payload SenderDomain "
                    + header.senderDomain() + " differs from SignedMessage SenderDomain " + envelope.senderDomain());
        }
        Optional<String> expectedRole = UftpRoles.expectedSenderRole(header.messageType()).map(USEFRoleType::value);
        if (expectedRole.isPresent() && !expectedRole.get().equals(envelope.senderRole())) {
            throw new UftpTransportException(400, "Invalid Sender (not matching role): " + header.messageType()
                    + " is sent by " + expectedRole.get() + ", not " + envelope.senderRole());
        }
        return store(header, envelope, payload, body);
    }

    private Long store(PayloadHeader info, SignedEnvelope envelope, byte[] payload, byte[] body) {
        String xml = new String(payload, StandardCharsets.UTF_8);
        String sha = ContentDigest.of(payload);
        for (int attempt = 0; attempt < 3; attempt++) {
            List<UftpMessageRecord> copies = store.findCopies(Direction.IN, info.senderDomain(), info.messageId());
            if (copies.stream().anyMatch(copy -> copy.payloadSha256().equals(sha)
                    && !UftpMessageRecord.InStatus.REJECTED.equals(copy.status()))) {
                LOG.info("{} {} from {} already submitted; acknowledged again, not processed twice",
                        info.messageType(), info.messageId(), info.senderDomain());
                return null;
            }
            int duplicateNo = copies.isEmpty() ? 0 : copies.get(copies.size() - 1).duplicateNo() + 1;
            try {
                return store.insert(new NewMessage(Direction.IN, info.messageType(), info.messageId(),
                        info.conversationId(), info.senderDomain(), envelope.senderRole(), info.recipientDomain(),
                        null, duplicateNo, xml, sha,
                        new String(body, StandardCharsets.UTF_8), UftpMessageRecord.InStatus.RECEIVED, null,
                        clock.instant()));
            } catch (DuplicateKeyException raced) {
                // the same MessageID arrived concurrently: look again and decide on what was stored first
            }
        }
        throw new IllegalStateException("Could not store " + info.messageId() + " after concurrent deliveries");
    }
}
