package io.flexhub.usef;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.flexhub.common.HubInstance;
import io.flexhub.notify.Alerts;
import io.flexhub.usef.outbox.DeliveryPolicy;
import io.flexhub.usef.outbox.UftpHttpSender;
import io.flexhub.usef.store.OutboxStore;
import io.flexhub.usef.store.OutboxStore.OutboxEntry;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageRecord.OutStatus;
import io.flexhub.usef.store.UftpMessageStore;

/** Camel-facing adapter of the outbox: which rows are due, and one delivery attempt per row. */
@Component("usefOutbox")
public class UsefOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(UsefOutbox.class);
    private static final int BATCH = 50;

    private final OutboxStore outbox;
    private final UftpMessageStore messages;
    private final UftpHttpSender sender;
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
        this.sender = new UftpHttpSender(settings.connectTimeout(), settings.requestTimeout());
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

    /** One attempt for one row; a row another instance claimed first is skipped. */
    public void deliver(long outboxId) {
        Instant now = clock.instant();
        var claimed = outbox.claim(outboxId, instance.id(), now, now.plus(settings.lease()));
        if (claimed.isEmpty()) {
            return;
        }
        OutboxEntry entry = claimed.get();
        var message = messages.findById(entry.messagePk());
        String type = message.map(UftpMessageRecord::messageType).orElse("unknown");
        try (UftpLogContext log = UftpLogContext.of(message.map(UftpMessageRecord::conversationId).orElse(null),
                message.map(UftpMessageRecord::messageId).orElse(null), type)) {
            attempt(entry, type);
        }
    }

    private void attempt(OutboxEntry entry, String type) {
        UftpHttpSender.Result result = sender.post(URI.create(entry.endpoint()), entry.envelopeXml());
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

    private static String describe(UftpHttpSender.Result result) {
        return result.status() == null ? result.detail() : "HTTP " + result.status() + " " + result.detail();
    }
}
