package io.flexhub.usef;

import org.lfenergy.shapeshifter.api.FlexRequest;

/**
 * What accepting a FlexRequest records besides its answer; the FlexRequest history of analytics implements it.
 * {@link UsefProcessor} calls it in the transaction that writes the Accepted FlexRequestResponse, so a request is
 * in the history if and only if the hub accepted it, also across a crash: a rolled-back acceptance is processed
 * again and records again. Rejected requests never get here. Implementations must be idempotent by MessageID (a
 * message processed up to its response before is accepted once more) and must not abort the transaction.
 */
public interface AcceptedFlexRequests {

    void accepted(FlexRequest request);
}
