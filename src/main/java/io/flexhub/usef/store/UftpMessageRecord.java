package io.flexhub.usef.store;

import java.time.Instant;

/** One UFTP message as stored, in either direction, with its processing state. */
public record UftpMessageRecord(
        long id,
        Direction direction,
        String messageType,
        String messageId,
        String conversationId,
        String senderDomain,
        String senderRole,
        String recipientDomain,
        String referenceMessageId,
        int duplicateNo,
        String payloadXml,
        String payloadSha256,
        String status,
        String rejectionReason,
        String responseMessageId,
        String peerResult,
        String peerRejectionReason,
        String handoff,
        String businessState,
        Instant receivedAt,
        Instant processedAt) {

    public enum Direction { IN, OUT }

    /** Hand-off state of an accepted FlexRequest or FlexOrder until the flexibility engine takes it. */
    public static final String AWAITING_ENGINE = "AWAITING_ENGINE";

    /** Processing states of received messages. */
    public static final class InStatus {
        public static final String RECEIVED = "RECEIVED";
        public static final String ACCEPTED = "ACCEPTED";
        public static final String REJECTED = "REJECTED";
        /** A MessageID re-used with different content: answered with "Duplicate Identifier", never processed. */
        public static final String DUPLICATE = "DUPLICATE";

        private InStatus() {
        }
    }

    /** Delivery states of sent messages (mirrors the outbox row). */
    public static final class OutStatus {
        public static final String PENDING = "PENDING";
        public static final String SENT = "SENT";
        public static final String FAILED = "FAILED";

        private OutStatus() {
        }
    }
}
