package io.flexhub.usef;

import org.slf4j.MDC;

/**
 * Puts the UFTP conversation, message id and type into the logging context while one message is handled, so every
 * log line about it (also from stores and senders it calls) can be found by conversation. Closing restores what
 * was there before: a response queued while its request is processed must not wipe the request's context.
 */
public final class UftpLogContext implements AutoCloseable {

    public static final String CONVERSATION_ID = "conversationId";
    public static final String MESSAGE_ID = "messageId";
    public static final String MESSAGE_TYPE = "messageType";

    private final String previousConversation;
    private final String previousMessage;
    private final String previousType;

    private UftpLogContext(String conversationId, String messageId, String messageType) {
        previousConversation = MDC.get(CONVERSATION_ID);
        previousMessage = MDC.get(MESSAGE_ID);
        previousType = MDC.get(MESSAGE_TYPE);
        put(CONVERSATION_ID, conversationId);
        put(MESSAGE_ID, messageId);
        put(MESSAGE_TYPE, messageType);
    }

    public static UftpLogContext of(String conversationId, String messageId, String messageType) {
        return new UftpLogContext(conversationId, messageId, messageType);
    }

    @Override
    public void close() {
        put(CONVERSATION_ID, previousConversation);
        put(MESSAGE_ID, previousMessage);
        put(MESSAGE_TYPE, previousType);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
