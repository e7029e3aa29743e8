package io.flexhub.flex;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.flexhub.usef.ProcessingOutcome;
import io.flexhub.usef.store.UftpMessageRecord;

/**
 * Entry of the flexibility engine for accepted FlexRequests and FlexOrders. The engine that computes offers and
 * runs demand-response events consumes from here; until it claims a message, the message stays stored with
 * hand-off state {@value UftpMessageRecord#AWAITING_ENGINE} (set with its processing result) and is listed by
 * the message API.
 */
@Component("flexInbox")
public class FlexInbox {

    private static final Logger LOG = LoggerFactory.getLogger(FlexInbox.class);

    public void received(ProcessingOutcome outcome) {
        LOG.info("Accepted {} {} (conversation {}) awaits the flexibility engine", outcome.messageType(),
                outcome.messageId(), outcome.conversationId());
    }
}
