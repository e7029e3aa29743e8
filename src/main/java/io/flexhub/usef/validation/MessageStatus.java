package io.flexhub.usef.validation;

/**
 * Where a stored message stands, as far as validation of later messages needs to know.
 *
 * <p>For messages the hub received: {@link #RECEIVED} until validated, then {@link #ACCEPTED} or {@link #REJECTED}.
 * For messages the hub sent: {@link #SENT} until the functional response arrives, then {@link #ACCEPTED} or
 * {@link #REJECTED}; a FlexOffer moves on to {@link #REVOKED} as soon as the hub sends its FlexOfferRevocation
 * (the spec gives a revocation priority over a crossing FlexOrder) or to {@link #ORDERED} once the hub accepted a
 * FlexOrder for it.
 */
public enum MessageStatus {
    RECEIVED,
    SENT,
    ACCEPTED,
    REJECTED,
    REVOKED,
    ORDERED
}
