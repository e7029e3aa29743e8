package io.flexhub.flex;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.flexhub.usef.ProcessingOutcome;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * Entry of the flexibility engine for accepted FlexRequests and FlexOrders. The engine that computes offers and
 * runs demand-response events consumes from here; until it claims a message, the message waits with hand-off
 * state {@value #AWAITING_ENGINE}, stored and listed by the message API.
 */
@Component("flexInbox")
public class FlexInbox {

    public static final String AWAITING_ENGINE = "AWAITING_ENGINE";
    private static final Logger LOG = LoggerFactory.getLogger(FlexInbox.class);

    private final UftpMessageStore store;

    public FlexInbox(UftpMessageStore store) {
        this.store = store;
    }

    public void received(ProcessingOutcome outcome) {
        store.updateHandoff(outcome.messagePk(), AWAITING_ENGINE);
        LOG.info("Accepted {} {} (conversation {}) awaits the flexibility engine", outcome.messageType(),
                outcome.messageId(), outcome.conversationId());
    }
}
