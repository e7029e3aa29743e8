package io.flexhub.usef.transport;

/**
 * The routing facts of a payload, read from its root element: the message type is the root's name (UFTP 3.x has
 * no namespace), the rest are {@code PayloadMessageType} attributes, all required by the schema.
 */
public record PayloadHeader(
        String messageType,
        String version,
        String senderDomain,
        String recipientDomain,
        String messageId,
        String conversationId) {
}
