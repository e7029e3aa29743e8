package io.flexhub.ops;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import io.flexhub.usef.store.OutboxStore;

/**
 * Health {@code outbox}: OUT_OF_SERVICE when more due messages than {@code flexhub.ops.outbox-backlog-threshold}
 * have waited longer than {@code flexhub.ops.outbox-backlog-age}, i.e. peers are not being reached and responses
 * pile up. Not part of readiness: the hub still accepts and stores messages then, and taking it out of the load
 * balancer would only add rejected deliveries to the backlog.
 */
@Component("outboxHealthIndicator")
public class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxStore outbox;
    private final OpsProperties properties;
    private final Clock clock;

    public OutboxHealthIndicator(OutboxStore outbox, OpsProperties properties, Clock clock) {
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        OutboxStore.Backlog backlog = outbox.backlog(now, now.minus(properties.outboxBacklogAge()));
        Health.Builder health = backlog.overdue() > properties.outboxBacklogThreshold()
                ? Health.outOfService() : Health.up();
        health.withDetail("pending", backlog.pending())
                .withDetail("due", backlog.due())
                .withDetail("overdue", backlog.overdue())
                .withDetail("sending", backlog.sending())
                .withDetail("failed", backlog.failed())
                .withDetail("threshold", properties.outboxBacklogThreshold())
                .withDetail("overdueAfter", properties.outboxBacklogAge().toString());
        if (backlog.oldestPending() != null) {
            health.withDetail("oldestPending", backlog.oldestPending().toString());
        }
        return health.build();
    }
}
