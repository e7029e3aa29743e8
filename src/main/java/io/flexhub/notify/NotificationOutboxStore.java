package io.flexhub.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.flexhub.common.LeaseClaim;

/**
 * The {@code notification_outbox} table. Like the UFTP outbox, rows are claimed with the hub's {@link LeaseClaim},
 * so each mail is sent by one instance only; a mail being sent is SENDING.
 */
@Repository
public class NotificationOutboxStore {

    public static final List<String> STATUSES = List.of("PENDING", "SENDING", "SENT", "FAILED");

    private static final String COLUMNS = "id, category, recipients, subject, body, reference, status, attempts, "
            + "next_attempt_at, last_error, created_at, queued_at, sent_at";

    private final JdbcClient jdbc;
    private final LeaseClaim<Long> lease;

    public NotificationOutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.lease = LeaseClaim.of(jdbc, "notification_outbox", "id", Long.class)
                .due("(status = 'PENDING' AND next_attempt_at <= :now) OR status = 'SENDING'")
                .onClaim("status = 'SENDING'")
                .order("next_attempt_at")
                .build();
    }

    public record Mail(long id, String category, List<String> recipients, String subject, String body,
                       String reference, String status, int attempts, Instant nextAttemptAt, String lastError,
                       Instant createdAt, Instant queuedAt, Instant sentAt) {
    }

    /** Queues a mail; with {@code failure} set it is stored as FAILED right away (e.g. nobody to send it to). */
    public long insert(String category, List<String> recipients, String subject, String body, String reference,
                       String failure, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO notification_outbox (category, recipients, subject, body, reference, status, attempts, "
                        + "next_attempt_at, last_error, created_at, queued_at) VALUES (:category, :recipients, :subject, :body, "
                        + ":reference, :status, 0, :now, :error, :now, :now)")
                .param("category", category).param("recipients", String.join(",", recipients))
                .param("subject", subject).param("body", body).param("reference", reference)
                .param("status", failure == null ? "PENDING" : "FAILED").param("error", failure)
                .param("now", ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Ids of mails due now: pending and due, or being sent by an instance whose lease ran out. */
    public List<Long> findDue(Instant now, int limit) {
        return lease.due(now, limit);
    }

    /** Claims a due mail; only one instance wins. */
    public Optional<Mail> claim(long id, String owner, Instant now, Instant leaseUntil) {
        return lease.claim(id, owner, now, leaseUntil) ? findById(id) : Optional.empty();
    }

    public Optional<Mail> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_outbox WHERE id = :id").param("id", id)
                .query(NotificationOutboxStore::map).optional();
    }

    /** Only the lease holder may record the outcome, so a late instance cannot undo another's result. */
    public boolean markSent(long id, String owner, Instant now) {
        return jdbc.sql("UPDATE notification_outbox SET status = 'SENT', attempts = attempts + 1, sent_at = :now, "
                        + "last_error = NULL, locked_by = NULL, locked_until = NULL "
                        + "WHERE id = :id AND status = 'SENDING' AND locked_by = :owner")
                .param("now", ts(now)).param("id", id).param("owner", owner).update() == 1;
    }

    public boolean reschedule(long id, String owner, String error, Instant nextAttempt) {
        return jdbc.sql("UPDATE notification_outbox SET status = 'PENDING', attempts = attempts + 1, "
                        + "next_attempt_at = :next, last_error = :error, locked_by = NULL, locked_until = NULL "
                        + "WHERE id = :id AND status = 'SENDING' AND locked_by = :owner")
                .param("next", ts(nextAttempt)).param("error", error).param("id", id).param("owner", owner)
                .update() == 1;
    }

    public boolean markFailed(long id, String owner, String error) {
        return jdbc.sql("UPDATE notification_outbox SET status = 'FAILED', attempts = attempts + 1, "
                        + "last_error = :error, locked_by = NULL, locked_until = NULL "
                        + "WHERE id = :id AND status = 'SENDING' AND locked_by = :owner")
                .param("error", error).param("id", id).param("owner", owner).update() == 1;
    }

    /**
     * Puts a FAILED mail back in the queue, due now, with a fresh attempt budget and give-up clock;
     * {@code recipients} replace the stored ones (a mail that had none gets the ones configured since).
     */
    public boolean retry(long id, List<String> recipients, Instant now) {
        return jdbc.sql("UPDATE notification_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = :now, "
                        + "queued_at = :now, recipients = :recipients "
                        + "WHERE id = :id AND status = 'FAILED'")
                .param("now", ts(now)).param("id", id)
                .param("recipients", String.join(",", recipients))
                .update() == 1;
    }

    public long countByStatus(String status) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE status = :s").param("s", status)
                .query(Long.class).single();
    }

    public List<Mail> listByStatus(String status, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_outbox WHERE status = :s ORDER BY id DESC LIMIT :limit")
                .param("s", status).param("limit", limit).query(NotificationOutboxStore::map).list();
    }

    private static Mail map(ResultSet rs, int row) throws SQLException {
        String recipients = rs.getString("recipients");
        return new Mail(rs.getLong("id"), rs.getString("category"),
                recipients == null || recipients.isBlank() ? List.of() : Arrays.asList(recipients.split(",")),
                rs.getString("subject"), rs.getString("body"), rs.getString("reference"), rs.getString("status"),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "queued_at"), instant(rs, "sent_at"));
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
