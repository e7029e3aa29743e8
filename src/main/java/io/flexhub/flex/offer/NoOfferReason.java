package io.flexhub.flex.offer;

/**
 * Why no FlexOffer answers an accepted FlexRequest. Recorded on the request as hand-off
 * {@code NO_OFFER:<reason>} (the column holds 32 characters, so the names stay short).
 */
public enum NoOfferReason {
    /** No context store is configured, so no device is known. */
    NO_CONTEXT,
    /** Nothing is behind the congestion point (unknown to the hub). */
    NO_DEVICES,
    /** Devices exist but none is controllable or shiftable (or none can move in this direction). */
    NO_FLEXIBLE_DEVICES,
    /** The devices cannot deliver even half a watt in any Requested ISP. */
    NOTHING_DELIVERABLE,
    /** The devices cannot keep their baseline under the request's limits. */
    INFEASIBLE,
    /** Every Requested ISP has begun, or begins within the lead time (flexhub.flex.min-lead-time). */
    BEGUN,
    /** The request expired before an offer could be made. */
    EXPIRED,
    /** The engine failed on this request in a way retrying does not fix. */
    ENGINE_ERROR;

    /** The hand-off value stored on the FlexRequest. */
    public String handoff() {
        return "NO_OFFER:" + name();
    }
}
