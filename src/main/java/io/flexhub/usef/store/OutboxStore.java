package io.flexhub.usef.store;

import static io.flexhub.usef.store.UftpMessageStore.instant;
import static io.flexhub.usef.store.UftpMessageStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.flexhub.common.LeaseClaim;

/** The persistent outbox. Rows are claimed with the hub's {@link LeaseClaim}; a row being sent is SENDING. */
@Repository
public class OutboxStore {

    private static final String COLUMNS = "id, message_pk, recipient_domain, recipient_role, endpoint, envelope_xml, "
            + "status, attempts, next_attempt_at, created_at, sent_at, last_http_status, last_error";

    private final JdbcClient jdbc;
    private final LeaseClaim<Long> lease;

    public OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.lease = LeaseClaim.of(jdbc, "uftp_outbox", "id", Long.class)
                .due("(status = 'PENDING' AND next_attempt_at <= :now) OR status = 'SENDING'")
                .onClaim("status = 'SENDING'")
                .order("next_attempt_at")
                .build();
    }

    public record OutboxEntry(long id, long messagePk, String recipientDomain, String recipientRole, String endpoint,
                              String envelopeXml, String status, int attempts, Instant nextAttemptAt,
                              Instant createdAt, Instant sentAt, Integer lastHttpStatus, String lastError) {
    }

    public long enqueue(long messagePk, String recipientDomain, String recipientRole, String endpoint,
                        String envelopeXml, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO uftp_outbox (message_pk, recipient_domain, recipient_role, endpoint, envelope_xml, status, "
                        + "attempts, next_attempt_at, created_at) VALUES (:pk, :domain, :role, :endpoint, :envelope, "
                        + "'PENDING', 0, :now, :now)")
                .param("pk", messagePk).param("domain", recipientDomain).param("role", recipientRole)
                .param("endpoint", endpoint).param("envelope", envelopeXml).param("now", ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Ids of rows due now: pending and due, or being sent by an instance whose lease ran out. */
    public List<Long> findDue(Instant now, int limit) {
        return lease.due(now, limit);
    }

    /** Claims a due row; only one instance wins. */
    public Optional<OutboxEntry> claim(long id, String owner, Instant now, Instant leaseUntil) {
        return lease.claim(id, owner, now, leaseUntil) ? findById(id) : Optional.empty();
    }

    public Optional<OutboxEntry> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_outbox WHERE id = :id").param("id", id)
                .query(OutboxStore::map).optional();
    }

    public Optional<OutboxEntry> findByMessage(long messagePk) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_outbox WHERE message_pk = :pk ORDER BY id DESC")
                .param("pk", messagePk).query(OutboxStore::map).list().stream().findFirst();
    }

    public void markSent(long id, int httpStatus, Instant now) {
        jdbc.sql("UPDATE uftp_outbox SET status = 'SENT', attempts = attempts + 1, sent_at = :now, "
                        + "last_http_status = :status, last_error = NULL, locked_by = NULL, locked_until = NULL WHERE id = :id")
                .param("now", ts(now)).param("status", httpStatus).param("id", id).update();
    }

    public void reschedule(long id, Integer httpStatus, String error, Instant nextAttempt) {
        jdbc.sql("UPDATE uftp_outbox SET status = 'PENDING', attempts = attempts + 1, next_attempt_at = :next, "
                        + "last_http_status = :status, last_error = :error, locked_by = NULL, locked_until = NULL "
                        + "WHERE id = :id")
                .param("next", ts(nextAttempt)).param("status", httpStatus).param("error", error).param("id", id)
                .update();
    }

    public void markFailed(long id, Integer httpStatus, String error) {
        jdbc.sql("UPDATE uftp_outbox SET status = 'FAILED', attempts = attempts + 1, last_http_status = :status, "
                        + "last_error = :error, locked_by = NULL, locked_until = NULL WHERE id = :id")
                .param("status", httpStatus).param("error", error).param("id", id).update();
    }

    /** Count of rows per status, for health and metrics. */
    public long countByStatus(String status) {
        return jdbc.sql("SELECT COUNT(*) FROM uftp_outbox WHERE status = :s").param("s", status)
                .query(Long.class).single();
    }

    /**
     * What waits in the outbox.
     *
     * @param pending PENDING rows, due or not
     * @param due     PENDING rows whose next attempt is due now
     * @param overdue due PENDING rows created before the given instant (the backlog an operator should look at)
     * @param sending rows being sent (claimed)
     * @param failed  rows given up
     * @param oldestPending when the oldest PENDING row was created, or null
     */
    public record Backlog(long pending, long due, long overdue, long sending, long failed, Instant oldestPending) {
    }

    public Backlog backlog(Instant now, Instant overdueBefore) {
        // SENT rows are the bulk of the table and never part of a backlog: the IN list keeps to the status index
        return jdbc.sql("SELECT COUNT(CASE WHEN status = 'PENDING' THEN 1 END) AS pending, "
                        + "COUNT(CASE WHEN status = 'PENDING' AND next_attempt_at <= :now THEN 1 END) AS due, "
                        + "COUNT(CASE WHEN status = 'PENDING' AND next_attempt_at <= :now AND created_at < :before "
                        + "THEN 1 END) AS overdue, "
                        + "COUNT(CASE WHEN status = 'SENDING' THEN 1 END) AS sending, "
                        + "COUNT(CASE WHEN status = 'FAILED' THEN 1 END) AS failed, "
                        + "MIN(CASE WHEN status = 'PENDING' THEN created_at END) AS oldest "
                        + "FROM uftp_outbox WHERE status IN ('PENDING', 'SENDING', 'FAILED')")
                .param("now", ts(now)).param("before", ts(overdueBefore))
                .query((rs, row) -> new Backlog(rs.getLong("pending"), rs.getLong("due"), rs.getLong("overdue"),
                        rs.getLong("sending"), rs.getLong("failed"), instant(rs, "oldest")))
                .single();
    }

    public List<OutboxEntry> listByStatus(String status, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_outbox WHERE status = :s ORDER BY id DESC LIMIT :limit")
                .param("s", status).param("limit", limit).query(OutboxStore::map).list();
    }

    private static OutboxEntry map(ResultSet rs, int row) throws SQLException {
        return new OutboxEntry(rs.getLong("id"), rs.getLong("message_pk"), rs.getString("recipient_domain"),
                rs.getString("recipient_role"), rs.getString("endpoint"), rs.getString("envelope_xml"),
                rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                instant(rs, "created_at"), instant(rs, "sent_at"), rs.getObject("last_http_status", Integer.class),
                rs.getString("last_error"));
    }
}
