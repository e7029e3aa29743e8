package io.flexhub.usef;

/**
 * What processing a received message decided; routes use {@link #handoffEndpoint()} to pass accepted
 * FlexRequests and FlexOrders on to the flexibility engine.
 *
 * @param handoffEndpoint {@code flex-request}, {@code flex-order} or null when nothing is handed on
 */
public record ProcessingOutcome(long messagePk, String messageType, String messageId, String conversationId,
                                boolean accepted, String rejectionReason, String handoffEndpoint,
                                String responseMessageId) {
}
