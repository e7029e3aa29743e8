package io.flexhub.usef;

/**
 * What processing a received message decided; routes use {@link #handoffEndpoint()} to pass accepted
 * FlexRequests on to the flexibility engine (a FlexOrder is planned while it is answered).
 *
 * @param handoffEndpoint {@code flex-request}, or null when nothing is handed on
 * @param handed          the request handed on, as processing parsed it (see {@link UftpInbox}), or null
 */
public record ProcessingOutcome(long messagePk, String messageType, String messageId, String conversationId,
                                boolean accepted, String rejectionReason, String handoffEndpoint,
                                String responseMessageId, UftpInbox.Accepted handed) {
}
