package io.flexhub.flex.dr;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.LeaseClaim;
import io.flexhub.flex.dr.engine.DrExecution;
import io.flexhub.flex.dr.engine.DrState;

/**
 * Demand-response events, their transitions and the DR log. Due events are claimed with the hub's
 * {@link LeaseClaim}, so several instances on one database actuate each event once.
 */
@Repository
public class DrEventStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTIVE_STATES = "('SCHEDULED', 'ACTIVE')";

    private final JdbcClient jdbc;
    private final LeaseClaim<Long> lease;

    public DrEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.lease = LeaseClaim.of(jdbc, "dr_event", "id", Long.class)
                .due("(state IN " + ACTIVE_STATES + " OR restore_pending) AND next_action_at <= :now")
                .order("next_action_at")
                .build();
    }

    public long insert(DrEvent.New e, Instant now, String reason) {
        return insert(e, now, reason, null);
    }

    /** @param planKey the plan the event belongs to (a later plan with the same key supersedes it), or null */
    public long insert(DrEvent.New e, Instant now, String reason, String planKey) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO dr_event (source, source_ref, order_message_id, offer_id, congestion_point, device_id, "
                        + "state, start_at, end_at, isp_seconds, time_zone, setpoints_kw, demand_json, activation_factor, "
                        + "next_action_at, created_at, updated_at, plan_key) VALUES (:source, :ref, :order, :offer, :cp, "
                        + ":device, 'SCHEDULED', :start, :end, :isp, :tz, :setpoints, :demand, :factor, :start, :now, :now, "
                        + ":plan)")
                .param("plan", planKey)
                .param("source", e.source().name()).param("ref", e.sourceRef()).param("order", e.orderMessageId())
                .param("offer", e.offerId()).param("cp", e.congestionPoint()).param("device", e.deviceId())
                .param("start", ts(e.startAt())).param("end", ts(e.endAt())).param("isp", (int) e.isp().toSeconds())
                .param("tz", e.timeZone().getId()).param("setpoints", json(e.setpointsKw()))
                .param("demand", json(e.demandKw())).param("factor", e.activationFactor()).param("now", ts(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        transition(id, null, DrState.SCHEDULED, reason, now);
        return id;
    }

    public void transition(long eventId, DrState from, DrState to, String reason, Instant at) {
        jdbc.sql("INSERT INTO dr_event_transition (event_id, from_state, to_state, reason, changed_at) "
                        + "VALUES (:id, :from, :to, :reason, :at)")
                .param("id", eventId).param("from", from == null ? null : from.name()).param("to", to.name())
                .param("reason", reason).param("at", ts(at)).update();
    }

    public List<DrEvent.Transition> transitions(long eventId) {
        return jdbc.sql("SELECT from_state, to_state, reason, changed_at FROM dr_event_transition WHERE event_id = :id "
                        + "ORDER BY id")
                .param("id", eventId)
                .query((rs, n) -> new DrEvent.Transition(
                        rs.getString("from_state") == null ? null : DrState.valueOf(rs.getString("from_state")),
                        DrState.valueOf(rs.getString("to_state")), rs.getString("reason"), instant(rs, "changed_at")))
                .list();
    }

    /** Ids of events due now whose lease (if any) ran out. */
    public List<Long> findDue(Instant now, int limit) {
        return lease.due(now, limit);
    }

    /** Claims a due event; only one instance wins. */
    public Optional<DrEvent> claimDue(long id, String owner, Instant now, Instant leaseUntil) {
        return lease.claim(id, owner, now, leaseUntil) ? findById(id) : Optional.empty();
    }

    /** Claims any event not held by another instance (operator actions). */
    public Optional<DrEvent> claim(long id, String owner, Instant now, Instant leaseUntil) {
        return lease.claimHeldByNobody(id, owner, now, leaseUntil) ? findById(id) : Optional.empty();
    }

    /** Writes the event's new progress and releases the lease, if this instance still holds it. */
    public boolean save(long id, String owner, DrExecution.Result r, Instant now) {
        return save(id, owner, r, now, true);
    }

    /** Writes the event's new progress if this instance still holds it; keeps the lease unless {@code release}. */
    public boolean save(long id, String owner, DrExecution.Result r, Instant now, boolean release) {
        DrExecution.Progress p = r.progress();
        int updated = jdbc.sql("UPDATE dr_event SET state = :state, applied_isp = :appliedIsp, applied_kw = :appliedKw, "
                        + "acted = :acted, restore_pending = :restore, missed_isps = :missed, next_action_at = :next, "
                        + "attempts = :attempts, alerted = :alerted, last_error = COALESCE(:error, last_error), "
                        + "note = COALESCE(:note, note), locked_by = :lockedBy, locked_until = "
                        + (release ? "NULL" : "locked_until") + ", updated_at = :now WHERE id = :id AND locked_by = :owner")
                .param("state", p.state().name()).param("appliedIsp", p.appliedIsp()).param("appliedKw", p.appliedKw())
                .param("acted", p.acted()).param("restore", p.restorePending())
                .param("missed", p.missedIsps().isEmpty() ? null : json(p.missedIsps()))
                .param("next", ts(r.nextActionAt())).param("attempts", p.attempts()).param("alerted", p.alerted())
                .param("error", r.lastError()).param("note", r.note()).param("now", ts(now)).param("id", id)
                .param("owner", owner).param("lockedBy", release ? null : owner).update();
        return updated == 1;
    }

    public void release(long id, String owner) {
        lease.release(id, owner);
    }

    public Optional<DrEvent> findById(long id) {
        return jdbc.sql("SELECT * FROM dr_event WHERE id = :id").param("id", id).query(DrEventStore::map).optional();
    }

    public List<DrEvent> list(DrState state, String congestionPoint, String sourceRef, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM dr_event WHERE 1 = 1");
        if (state != null) {
            sql.append(" AND state = :state");
        }
        if (congestionPoint != null) {
            sql.append(" AND congestion_point = :cp");
        }
        if (sourceRef != null) {
            sql.append(" AND source_ref = :ref");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (state != null) {
            statement = statement.param("state", state.name());
        }
        if (congestionPoint != null) {
            statement = statement.param("cp", congestionPoint);
        }
        if (sourceRef != null) {
            statement = statement.param("ref", sourceRef);
        }
        return statement.query(DrEventStore::map).list();
    }

    public boolean existsForSource(DrEvent.Source source, String sourceRef) {
        return jdbc.sql("SELECT COUNT(*) FROM dr_event WHERE source = :source AND source_ref = :ref")
                .param("source", source.name()).param("ref", sourceRef).query(Long.class).single() > 0;
    }

    /** Non-final events at the congestion point overlapping {@code [from, to)}. */
    public List<DrEvent> overlapping(String congestionPoint, Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM dr_event WHERE congestion_point = :cp AND state IN " + ACTIVE_STATES
                        + " AND start_at < :to AND end_at > :from ORDER BY start_at")
                .param("cp", congestionPoint).param("from", ts(from)).param("to", ts(to))
                .query(DrEventStore::map).list();
    }

    /** Non-final events of the device running at {@code at}. */
    public List<DrEvent> running(String deviceId, Instant at) {
        return jdbc.sql("SELECT * FROM dr_event WHERE device_id = :device AND state IN " + ACTIVE_STATES
                        + " AND start_at <= :at AND end_at > :at ORDER BY start_at")
                .param("device", deviceId).param("at", ts(at)).query(DrEventStore::map).list();
    }

    /** Ids of the non-final events planned for {@code planKey}. */
    public List<Long> openForPlan(String planKey) {
        return jdbc.sql("SELECT id FROM dr_event WHERE plan_key = :key AND state IN " + ACTIVE_STATES + " ORDER BY id")
                .param("key", planKey).query(Long.class).list();
    }

    public long log(String line, String origin, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO dr_log (line, origin, created_at) VALUES (:line, :origin, :now)")
                .param("line", line).param("origin", origin).param("now", ts(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    public record LogLine(long id, String line, String origin, Instant createdAt) {
    }

    public List<LogLine> logLines(int limit) {
        return jdbc.sql("SELECT id, line, origin, created_at FROM dr_log ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new LogLine(rs.getLong("id"), rs.getString("line"), rs.getString("origin"),
                        instant(rs, "created_at")))
                .list();
    }

    private static DrEvent map(ResultSet rs, int row) throws SQLException {
        String missed = rs.getString("missed_isps");
        return new DrEvent(rs.getLong("id"), DrEvent.Source.valueOf(rs.getString("source")),
                rs.getString("source_ref"), rs.getString("order_message_id"), rs.getObject("offer_id", Long.class),
                rs.getString("congestion_point"), rs.getString("device_id"), DrState.valueOf(rs.getString("state")),
                instant(rs, "start_at"), instant(rs, "end_at"), Duration.ofSeconds(rs.getInt("isp_seconds")),
                ZoneId.of(rs.getString("time_zone")), read(rs.getString("setpoints_kw"), new TypeReference<>() { }),
                read(rs.getString("demand_json"), new TypeReference<>() { }), rs.getBigDecimal("activation_factor"),
                rs.getInt("applied_isp"), rs.getObject("applied_kw", Double.class), rs.getBoolean("acted"),
                rs.getBoolean("restore_pending"),
                missed == null ? List.of() : read(missed, new TypeReference<List<Integer>>() { }),
                instant(rs, "next_action_at"), rs.getInt("attempts"), rs.getBoolean("alerted"),
                rs.getString("last_error"), rs.getString("note"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt DR event values: " + json, e);
        }
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
