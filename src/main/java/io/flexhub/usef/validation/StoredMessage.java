package io.flexhub.usef.validation;

import java.util.Objects;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/**
 * A message the hub sent or received earlier, as the validation needs it.
 *
 * @param contentDigest the same kind of digest the hub passes to {@link UftpMessageValidator#validate} (e.g.
 *                      {@link ContentDigest#of(String)} of the payload XML); may be null for sent messages
 */
public record StoredMessage(UftpMessageType type, String messageId, String conversationId, String senderDomain,
        PayloadMessageType payload, MessageStatus status, String contentDigest) {

    public StoredMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
    }

    /** Builds the record from the payload's own metadata. */
    public static StoredMessage of(PayloadMessageType payload, MessageStatus status, String contentDigest) {
        return new StoredMessage(UftpMessageType.of(payload), payload.getMessageID(), payload.getConversationID(),
                payload.getSenderDomain(), payload, status, contentDigest);
    }

    public <T extends PayloadMessageType> T payload(Class<T> type) {
        return type.cast(payload);
    }

    public StoredMessage withStatus(MessageStatus newStatus) {
        return new StoredMessage(type, messageId, conversationId, senderDomain, payload, newStatus, contentDigest);
    }
}
