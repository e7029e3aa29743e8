package io.flexhub.usef.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.flexhub.common.LeaseClaim;
import io.flexhub.usef.store.UftpMessageRecord.Direction;

/** JDBC access to {@code uftp_message}; plain SQL that runs unchanged on H2 (PostgreSQL mode) and PostgreSQL. */
@Repository
public class UftpMessageStore {

    private static final String COLUMNS = "id, direction, message_type, message_id, conversation_id, sender_domain, "
            + "sender_role, recipient_domain, reference_message_id, duplicate_no, payload_xml, payload_sha256, status, "
            + "rejection_reason, response_message_id, peer_result, peer_rejection_reason, handoff, business_state, received_at, "
            + "processed_at";

    private final JdbcClient jdbc;
    private final LeaseClaim<Long> lease;

    public UftpMessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        // processing a received message is the work; the queue and the recovery poll both claim through this
        this.lease = LeaseClaim.of(jdbc, "uftp_message", "id", Long.class)
                .due("status = 'RECEIVED'")
                .order("id")
                .build();
    }

    /** Values of a new row; {@code duplicateNo} > 0 marks a re-used MessageID kept for the record. */
    public record NewMessage(Direction direction, String messageType, String messageId, String conversationId,
                             String senderDomain, String senderRole, String recipientDomain,
                             String referenceMessageId, int duplicateNo, String payloadXml, String payloadSha256,
                             String envelopeXml, String status, String rejectionReason, Instant receivedAt) {
    }

    public long insert(NewMessage m) {
        return insert(m, null);
    }

    /**
     * @param answersId the received row this message is the functional response to (null for other messages); a
     *                  second response to the same row is refused with a {@link DuplicateKeyException}
     */
    public long insert(NewMessage m, Long answersId) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO uftp_message (direction, message_type, message_id, conversation_id, sender_domain, "
                        + "sender_role, recipient_domain, reference_message_id, duplicate_no, payload_xml, payload_sha256, "
                        + "envelope_xml, status, rejection_reason, received_at, answers_id) "
                        + "VALUES (:direction, :type, :messageId, :conversationId, :sender, :senderRole, :recipient, "
                        + ":reference, :duplicateNo, :payload, :sha, :envelope, :status, :reason, :receivedAt, :answers)")
                .param("answers", answersId)
                .param("direction", m.direction().name())
                .param("type", m.messageType())
                .param("messageId", m.messageId())
                .param("conversationId", m.conversationId())
                .param("sender", m.senderDomain())
                .param("senderRole", m.senderRole())
                .param("recipient", m.recipientDomain())
                .param("reference", m.referenceMessageId())
                .param("duplicateNo", m.duplicateNo())
                .param("payload", m.payloadXml())
                .param("sha", m.payloadSha256())
                .param("envelope", m.envelopeXml())
                .param("status", m.status())
                .param("reason", m.rejectionReason())
                .param("receivedAt", ts(m.receivedAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The original (non-duplicate) message with this id from this sender in this direction. */
    public Optional<UftpMessageRecord> findOriginal(Direction direction, String senderDomain, String messageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE direction = :d AND sender_domain = :s "
                        + "AND message_id = :m AND duplicate_no = 0")
                .param("d", direction.name()).param("s", senderDomain).param("m", messageId)
                .query(UftpMessageStore::map).optional();
    }

    /**
     * Every message with this id from this sender in this direction, the original first: identical copies re-sent
     * after a rejection and re-uses of the id for other content are kept as rows of their own.
     */
    public List<UftpMessageRecord> findCopies(Direction direction, String senderDomain, String messageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE direction = :d AND sender_domain = :s "
                        + "AND message_id = :m ORDER BY duplicate_no")
                .param("d", direction.name()).param("s", senderDomain).param("m", messageId)
                .query(UftpMessageStore::map).list();
    }

    public Optional<UftpMessageRecord> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE id = :id").param("id", id)
                .query(UftpMessageStore::map).optional();
    }

    /** A message of the conversation, in either direction, excluding re-used-id duplicates. */
    /** The functional response queued for this received row, if processing got that far before. */
    public Optional<UftpMessageRecord> findAnswerTo(long receivedId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE answers_id = :id").param("id", receivedId)
                .query(UftpMessageStore::map).optional();
    }

    public Optional<UftpMessageRecord> findInConversation(String conversationId, String messageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE conversation_id = :c AND message_id = :m "
                        + "AND duplicate_no = 0 ORDER BY id")
                .param("c", conversationId).param("m", messageId)
                .query(UftpMessageStore::map).list().stream().findFirst();
    }

    /**
     * The record that stands for this MessageID: the accepted copy when one was accepted (an identical re-send of a
     * rejected message may be), otherwise the original before any re-send or re-used-id duplicate.
     */
    public Optional<UftpMessageRecord> findByMessageId(String messageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE message_id = :m "
                        + "ORDER BY CASE WHEN status = 'ACCEPTED' THEN 0 ELSE 1 END, duplicate_no, id")
                .param("m", messageId)
                .query(UftpMessageStore::map).list().stream().findFirst();
    }

    public List<UftpMessageRecord> list(String conversationId, String messageType, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM uftp_message WHERE 1 = 1");
        if (conversationId != null) {
            sql.append(" AND conversation_id = :c");
        }
        if (messageType != null) {
            sql.append(" AND message_type = :t");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit OFFSET :offset");
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).param("limit", limit).param("offset", offset);
        if (conversationId != null) {
            spec = spec.param("c", conversationId);
        }
        if (messageType != null) {
            spec = spec.param("t", messageType);
        }
        return spec.query(UftpMessageStore::map).list();
    }

    /** Conversations of the FlexRequests received for a congestion point on these days, newest first. */
    public List<String> flexRequestConversations(String congestionPoint, LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("SELECT conversation_id FROM uftp_message WHERE direction = 'IN' AND message_type = 'FlexRequest' "
                        + "AND duplicate_no = 0 AND congestion_point = :cp AND period BETWEEN :f AND :t "
                        + "GROUP BY conversation_id ORDER BY MAX(id) DESC LIMIT :limit")
                .param("cp", congestionPoint).param("f", from).param("t", to).param("limit", limit)
                .query((rs, row) -> rs.getString(1)).list();
    }

    /** Received messages not processed yet whose lease (if any) has run out: work a crash or restart left behind. */
    public List<Long> findUnprocessed(Instant now, Instant receivedBefore, int limit) {
        return lease.due(now, limit, "direction = 'IN' AND received_at < :before", Map.of("before", ts(receivedBefore)));
    }

    /** Takes a received message for processing; false if another worker or instance holds it or it is done. */
    public boolean claim(long id, String owner, Instant now, Instant until) {
        // not "OR locked_by = :owner": this instance's queue consumers share the owner, and the queue and the
        // recovery poll can hand both the same row
        return lease.claim(id, owner, now, until);
    }

    public void markProcessed(long id, String status, String rejectionReason, String responseMessageId,
                              String handoff, Instant now) {
        jdbc.sql("UPDATE uftp_message SET status = :status, rejection_reason = :reason, response_message_id = :resp, "
                        + "handoff = :handoff, processed_at = :now, locked_by = NULL, locked_until = NULL WHERE id = :id")
                .param("status", status).param("reason", rejectionReason).param("resp", responseMessageId)
                .param("handoff", handoff).param("now", ts(now)).param("id", id)
                .update();
    }

    public void updateStatus(long id, String status) {
        jdbc.sql("UPDATE uftp_message SET status = :status WHERE id = :id").param("status", status).param("id", id)
                .update();
    }

    /**
     * Moves a message's engine hand-off from one state to the next; false if it is no longer in {@code from}. In a
     * transaction the updated row stays locked until commit, so of two workers finishing the same hand-off only
     * one sees true.
     */
    public boolean transitionHandoff(long id, String from, String to) {
        return jdbc.sql("UPDATE uftp_message SET handoff = :to WHERE id = :id AND handoff = :from")
                .param("to", to).param("id", id).param("from", from).update() == 1;
    }

    /** Received messages of a type whose hand-off is still in this state, processed before the given instant. */
    public List<Long> findByHandoff(String messageType, String handoff, Instant processedBefore, int limit) {
        return jdbc.sql("SELECT id FROM uftp_message WHERE direction = 'IN' AND message_type = :t AND handoff = :h "
                        + "AND processed_at < :before ORDER BY id LIMIT :limit")
                .param("t", messageType).param("h", handoff).param("before", ts(processedBefore))
                .param("limit", limit).query(Long.class).list();
    }

    /**
     * Closes an open FlexOffer the hub sent (business state still none) as ORDERED or REVOKED; false if it was closed
     * already. Only one of an order and a revocation crossing each other can see true: the update waits for the
     * other's row lock and then finds the state set.
     */
    public boolean closeOffer(long id, String state) {
        return jdbc.sql("UPDATE uftp_message SET business_state = :s WHERE id = :id AND business_state IS NULL")
                .param("s", state).param("id", id).update() == 1;
    }

    /** Facts of the payload that later validations look up (revisions, references, order references). */
    public record Facts(String referenceMessageId, String congestionPoint, LocalDate period, Long revision,
                        String orderReference) {
    }

    public void updateFacts(long id, Facts facts) {
        jdbc.sql("UPDATE uftp_message SET reference_message_id = :r, congestion_point = :cp, period = :p, "
                        + "revision = :rev, order_reference = :o WHERE id = :id")
                .param("r", facts.referenceMessageId()).param("cp", facts.congestionPoint())
                .param("p", facts.period()).param("rev", facts.revision()).param("o", facts.orderReference())
                .param("id", id).update();
    }

    /** Highest Revision among accepted FlexRequests of a sender for a congestion point and day. */
    public Optional<Long> highestAcceptedRevision(String messageType, String senderDomain, String congestionPoint,
                                                  LocalDate period) {
        return jdbc.sql("SELECT MAX(revision) FROM uftp_message WHERE direction = 'IN' "
                        + "AND status = 'ACCEPTED' AND message_type = :t AND sender_domain = :s "
                        + "AND congestion_point = :cp AND period = :p")
                .param("t", messageType).param("s", senderDomain).param("cp", congestionPoint).param("p", period)
                .query((rs, row) -> rs.getObject(1, Long.class)).list().stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** A message of this type and id sent to or received from the participant, in any conversation. */
    public Optional<UftpMessageRecord> findExchanged(String messageType, String messageId, String participantDomain) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE message_type = :t AND message_id = :m "
                        + "AND duplicate_no = 0 AND ((direction = 'OUT' AND recipient_domain = :p) "
                        + "OR (direction = 'IN' AND sender_domain = :p)) ORDER BY id")
                .param("t", messageType).param("m", messageId).param("p", participantDomain)
                .query(UftpMessageStore::map).list().stream().findFirst();
    }

    /** Accepted messages of a type from a sender, oldest first: for types without a congestion point and day. */
    public List<UftpMessageRecord> findAccepted(String messageType, String senderDomain) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE direction = 'IN' AND status = 'ACCEPTED' "
                        + "AND message_type = :t AND sender_domain = :s ORDER BY id")
                .param("t", messageType).param("s", senderDomain)
                .query(UftpMessageStore::map).list();
    }

    /** Accepted messages of a type from a sender for a congestion point and day, oldest first. */
    public List<UftpMessageRecord> findAccepted(String messageType, String senderDomain, String congestionPoint,
                                                LocalDate period) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE direction = 'IN' AND status = 'ACCEPTED' "
                        + "AND message_type = :t AND sender_domain = :s AND congestion_point = :cp AND period = :p "
                        + "ORDER BY id")
                .param("t", messageType).param("s", senderDomain).param("cp", congestionPoint).param("p", period)
                .query(UftpMessageStore::map).list();
    }

    /**
     * The accepted FlexOrder a sender gave this OrderReference; a rejected order was never placed, and the
     * accepted one may be a re-sent copy of a rejected original.
     */
    public Optional<UftpMessageRecord> findOrderByReference(String senderDomain, String orderReference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uftp_message WHERE direction = 'IN' AND message_type = 'FlexOrder' "
                        + "AND sender_domain = :s AND order_reference = :o AND status = 'ACCEPTED' ORDER BY id")
                .param("s", senderDomain).param("o", orderReference)
                .query(UftpMessageStore::map).list().stream().findFirst();
    }

    /** Records the peer's functional answer on the message we sent. */
    public void recordPeerResult(long id, String result, String rejectionReason, String responseMessageId) {
        jdbc.sql("UPDATE uftp_message SET peer_result = :r, peer_rejection_reason = :reason, "
                        + "response_message_id = :resp WHERE id = :id")
                .param("r", result).param("reason", rejectionReason).param("resp", responseMessageId).param("id", id)
                .update();
    }

    /** Binds instants as UTC offsets: a java.sql.Timestamp would be read in the JVM's zone by PostgreSQL. */
    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static UftpMessageRecord map(ResultSet rs, int row) throws SQLException {
        return new UftpMessageRecord(rs.getLong("id"), Direction.valueOf(rs.getString("direction")),
                rs.getString("message_type"), rs.getString("message_id"), rs.getString("conversation_id"),
                rs.getString("sender_domain"), rs.getString("sender_role"), rs.getString("recipient_domain"),
                rs.getString("reference_message_id"), rs.getInt("duplicate_no"), rs.getString("payload_xml"),
                rs.getString("payload_sha256"), rs.getString("status"), rs.getString("rejection_reason"),
                rs.getString("response_message_id"), rs.getString("peer_result"),
                rs.getString("peer_rejection_reason"), rs.getString("handoff"), rs.getString("business_state"),
                instant(rs, "received_at"),
                instant(rs, "processed_at"));
    }
}
