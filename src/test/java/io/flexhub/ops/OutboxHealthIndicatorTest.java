package io.flexhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.flexhub.usef.store.OutboxStore;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;

/** The outbox health on the real schema (H2, migrated by Flyway): backlog counted as an operator means it. */
class OutboxHealthIndicatorTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private OutboxStore outbox;
    private UftpMessageStore messages;
    private OutboxHealthIndicator health;

    @BeforeEach
    void migrate() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:outbox-health-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        outbox = new OutboxStore(jdbc);
        messages = new UftpMessageStore(jdbc);
        OpsProperties properties = new OpsProperties(2, Duration.ofMinutes(5), Duration.ofSeconds(1),
                Duration.ofSeconds(15), List.of());
        health = new OutboxHealthIndicator(outbox, properties, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void should_be_up_with_zero_counts_when_the_outbox_is_empty() {
        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("pending", 0L).containsEntry("overdue", 0L)
                .containsEntry("failed", 0L).containsEntry("threshold", 2).doesNotContainKey("oldestPending");
    }

    @Test
    void should_be_out_of_service_when_more_due_messages_than_the_threshold_waited_too_long() {
        for (int i = 0; i < 3; i++) {
            queue(NOW.minus(Duration.ofMinutes(10)));
        }

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(h.getDetails()).containsEntry("pending", 3L).containsEntry("due", 3L).containsEntry("overdue", 3L)
                .containsEntry("oldestPending", NOW.minus(Duration.ofMinutes(10)).toString());
    }

    @Test
    void should_stay_up_at_the_threshold_and_not_count_young_or_not_yet_due_messages() {
        queue(NOW.minus(Duration.ofMinutes(10)));
        queue(NOW.minus(Duration.ofMinutes(6)));
        for (int i = 0; i < 5; i++) {
            queue(NOW.minus(Duration.ofMinutes(1)));
        }
        long waiting = queue(NOW.minus(Duration.ofMinutes(30)));
        outbox.reschedule(waiting, 503, "Service Unavailable", NOW.plus(Duration.ofMinutes(1)));
        long failed = queue(NOW.minus(Duration.ofHours(3)));
        outbox.markFailed(failed, 400, "Bad Request");

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("pending", 8L).containsEntry("due", 7L).containsEntry("overdue", 2L)
                .containsEntry("failed", 1L).containsEntry("sending", 0L)
                .containsEntry("oldestPending", NOW.minus(Duration.ofMinutes(30)).toString());
    }

    private long queue(Instant at) {
        String id = UUID.randomUUID().toString();
        long pk = messages.insert(new UftpMessageStore.NewMessage(UftpMessageRecord.Direction.OUT,
                "FlexRequestResponse", id, UUID.randomUUID().toString(), "agr.test.example", "AGR", "dso.test.example",
                null, 0, "<FlexRequestResponse/>", "0".repeat(64), "<SignedMessage/>",
                UftpMessageRecord.OutStatus.PENDING, null, at));
        return outbox.enqueue(pk, "dso.test.example", "DSO", "http://dso.test.example/message", "<SignedMessage/>", at);
    }
}
