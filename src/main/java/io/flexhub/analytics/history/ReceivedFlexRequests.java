package io.flexhub.analytics.history;

import java.time.Clock;

import org.lfenergy.shapeshifter.api.FlexRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.flexhub.notify.Alerts;
import io.flexhub.usef.AcceptedFlexRequests;

/**
 * Records every FlexRequest the hub accepts through its UFTP endpoint as history (source {@code received}), in
 * the transaction that accepts it.
 */
@Component
public class ReceivedFlexRequests implements AcceptedFlexRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedFlexRequests.class);

    private final FlexRequestHistoryStore store;
    private final Alerts alerts;
    private final Clock clock;

    public ReceivedFlexRequests(FlexRequestHistoryStore store, Alerts alerts, Clock clock) {
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    public void accepted(FlexRequest request) {
        FlexRequestRecord record;
        try {
            record = FlexRequestRecord.of(request);
        } catch (IllegalArgumentException e) {
            // validation let it through, so this is a gap between the rules and the history; the DSO's answer
            // must not wait for analytics, so the request is answered and an operator is told what is missing
            LOG.error("Accepted FlexRequest {} cannot be kept in the history: {}", request.getMessageID(),
                    e.getMessage());
            alerts.raise("FlexRequest not in the history", "FlexRequest " + request.getMessageID() + " from "
                    + request.getSenderDomain() + " was accepted but cannot be kept in the history: " + e.getMessage());
            return;
        }
        FlexRequestHistoryStore.Stored stored = store.store(record, FlexRequestHistoryStore.RECEIVED, clock.instant());
        if (stored == FlexRequestHistoryStore.Stored.CONFLICT) {
            LOG.warn("Accepted FlexRequest {} is not in the history: its MessageID is stored for another request",
                    request.getMessageID());
        }
    }
}
