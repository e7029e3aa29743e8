package io.flexhub.usef;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.flexhub.common.HubInstance;
import io.flexhub.notify.Alerts;
import io.flexhub.usef.outbox.DeliveryPolicy;
import io.flexhub.usef.outbox.PeerEndpoint;
import io.flexhub.usef.store.OutboxStore;
import io.flexhub.usef.store.OutboxStore.OutboxEntry;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageRecord.OutStatus;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * Camel-facing adapter of the outbox ({@code usef-send.camel.yaml}): which rows are due, the claim of one row, and what
 * its attempt came to. The call itself is the route's camel-http endpoint of the participant.
 */
@Component("usefOutbox")
public class UsefOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(UsefOutbox.class);
    private static final int BATCH = 50;

    /** The exchange properties that carry a claimed row from the claim to the outcome of its HTTP call. */
    static final String CLAIM = "uftpOutboxClaim";
    static final String PEER_URI = "uftpPeerUri";

    /** A claimed row with what the log and the traffic counts need of its message, read once per attempt. */
    record Claim(OutboxEntry entry, String type, String conversationId, String messageId) {
    }

    /** The outcome of one attempt: the peer's status and a short excerpt of its answer, or why there was none. */
    record Attempt(Integer status, String detail) {
    }

    private final OutboxStore outbox;
    private final UftpMessageStore messages;
    private final DeliveryPolicy policy;
    private final Alerts alerts;
    private final HubInstance instance;
    private final Clock clock;
    private final UsefProperties.Outbox settings;

    private final UftpTraffic traffic;

    public UsefOutbox(OutboxStore outbox, UftpMessageStore messages, UsefProperties properties, Alerts alerts,
                      HubInstance instance, UftpTraffic traffic, Clock clock) {
        this.outbox = outbox;
        this.messages = messages;
        this.settings = properties.outbox();
        this.policy = new DeliveryPolicy(settings.initialDelay(), settings.maxDelay(), settings.giveUpAfter());
        this.alerts = alerts;
        this.instance = instance;
        this.traffic = traffic;
        this.clock = clock;
    }

    public List<Long> due() {
        return outbox.findDue(clock.instant(), BATCH);
    }

    /** A full batch means more rows may be due: the route takes the next batch at once, not a poll later. */
    public boolean backlog(List<Long> batch) {
        return batch.size() == BATCH;
    }

    /**
     * Claims one row for this instance; the body becomes its signed envelope for the peer's camel-http endpoint
     * ({@link #PEER_URI}), or null when another instance claimed it first or the participant's endpoint is no URI
     * (an attempt that failed, recorded here).
     */
    public String claim(@Body long outboxId, Exchange exchange) {
        Instant now = clock.instant();
        var claimed = outbox.claim(outboxId, instance.id(), now, now.plus(settings.lease()));
        if (claimed.isEmpty()) {
            return null;
        }
        OutboxEntry entry = claimed.get();
        var message = messages.findById(entry.messagePk());
        Claim claim = new Claim(entry, message.map(UftpMessageRecord::messageType).orElse("unknown"),
                message.map(UftpMessageRecord::conversationId).orElse(null),
                message.map(UftpMessageRecord::messageId).orElse(null));
        String uri;
        try {
            uri = PeerEndpoint.uri(entry.endpoint(), settings.connectTimeout(), settings.requestTimeout());
        } catch (IllegalArgumentException e) {
            record(claim, new Attempt(null, "invalid endpoint " + entry.endpoint() + ": " + e.getMessage()));
            return null;
        }
        exchange.setProperty(CLAIM, claim);
        exchange.setProperty(PEER_URI, uri);
        return entry.envelopeXml();
    }

    /** The peer answered: its status decides (the delivery policy), whatever it was. */
    public void answered(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body String answer, Exchange exchange) {
        record(exchange.getProperty(CLAIM, Claim.class), new Attempt(status, PeerEndpoint.excerpt(answer)));
    }

    /** The call failed before an answer (refused, timed out, reset): a temporary failure, retried with back-off. */
    public void unreachable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        record(exchange.getProperty(CLAIM, Claim.class),
                new Attempt(null, e == null ? "no answer" : e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    private void record(Claim claim, Attempt result) {
        try (UftpLogContext log = UftpLogContext.of(claim.conversationId(), claim.messageId(), claim.type())) {
            decide(claim.entry(), claim.type(), result);
        }
    }

    private void decide(OutboxEntry entry, String type, Attempt result) {
        Instant done = clock.instant();
        DeliveryPolicy.Decision decision = policy.decide(result.status(), entry.attempts(), entry.createdAt(), done);
        if (decision instanceof DeliveryPolicy.Delivered) {
            outbox.markSent(entry.id(), result.status(), done);
            messages.updateStatus(entry.messagePk(), OutStatus.SENT);
            traffic.count(UftpTraffic.OUT, type, "sent");
            LOG.info("Outbox {} delivered to {} (HTTP {})", entry.id(), entry.recipientDomain(), result.status());
        } else if (decision instanceof DeliveryPolicy.RetryAt retry) {
            outbox.reschedule(entry.id(), result.status(), result.detail(), retry.when());
            traffic.count(UftpTraffic.OUT, type, "retry");
            LOG.warn("Outbox {} to {} failed ({}); retry at {}", entry.id(), entry.recipientDomain(),
                    describe(result), retry.when());
        } else if (decision instanceof DeliveryPolicy.GiveUp giveUp) {
            outbox.markFailed(entry.id(), result.status(), result.detail());
            messages.updateStatus(entry.messagePk(), OutStatus.FAILED);
            traffic.count(UftpTraffic.OUT, type, "failed");
            alerts.raise("UFTP delivery failed",
                    "Outbox " + entry.id() + " to " + entry.recipientDomain() + " (" + entry.endpoint()
                            + ") given up: " + giveUp.why() + "; last answer " + describe(result)
                            + ". Manual intervention is required.");
        }
    }

    private static String describe(Attempt result) {
        return result.status() == null ? result.detail() : "HTTP " + result.status() + " " + result.detail();
    }
}
