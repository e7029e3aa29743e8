package io.flexhub.probes.runtime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.probes.Outcome;
import io.flexhub.probes.StageResult;

/** Runs claimed per scheduled slot and their stage results. */
@Repository
public class ProbeResultStore {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ProbeResultStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A stored stage result with the run it belongs to. */
    public record StoredResult(String runId, String trigger, Instant scheduledAt, StageResult result) {
    }

    /**
     * Claims the run of a probe at a scheduled time; the unique slot makes only one instance win.
     *
     * @param scheduledAt null for a manual run, which always gets a run of its own
     * @return the run id, empty when another instance (or an earlier tick) already has the slot
     */
    public Optional<String> claim(String probeId, Instant scheduledAt, String instanceId, Instant now) {
        String runId = UUID.randomUUID().toString();
        try {
            jdbc.sql("INSERT INTO probe_run (run_id, probe_id, scheduled_at, run_trigger, instance_id, claimed_at) "
                            + "VALUES (:run, :probe, :scheduled, :trigger, :instance, :now)")
                    .param("run", runId).param("probe", probeId).param("scheduled", ts(scheduledAt))
                    .param("trigger", scheduledAt == null ? "MANUAL" : "SCHEDULE").param("instance", instanceId)
                    .param("now", ts(now))
                    .update();
            return Optional.of(runId);
        } catch (DuplicateKeyException taken) {
            return Optional.empty();
        }
    }

    @Transactional
    public void save(String runId, String probeId, List<StageResult> results) {
        for (StageResult r : results) {
            jdbc.sql("INSERT INTO probe_result (probe_id, run_id, stage_no, started_at, finished_at, outcome, "
                            + "status_code, response_excerpt, detail, actions_json) VALUES (:probe, :run, :stage, "
                            + ":started, :finished, :outcome, :status, :excerpt, :detail, :actions)")
                    .param("probe", probeId).param("run", runId).param("stage", r.stage())
                    .param("started", ts(r.startedAt())).param("finished", ts(r.finishedAt()))
                    .param("outcome", r.outcome().name()).param("status", r.statusCode())
                    .param("excerpt", r.responseExcerpt()).param("detail", r.detail())
                    .param("actions", write(r.actions()))
                    .update();
        }
    }

    /** Latest results first. */
    public List<StoredResult> results(String probeId, int limit) {
        return jdbc.sql("SELECT r.*, p.run_trigger, p.scheduled_at FROM probe_result r JOIN probe_run p "
                        + "ON p.run_id = r.run_id WHERE r.probe_id = :probe ORDER BY r.started_at DESC, r.id DESC "
                        + "LIMIT :limit")
                .param("probe", probeId).param("limit", limit)
                .query(this::row).list();
    }

    public Optional<StoredResult> last(String probeId) {
        return results(probeId, 1).stream().findFirst();
    }

    private StoredResult row(ResultSet rs, int n) throws SQLException {
        int status = rs.getInt("status_code");
        Integer statusCode = rs.wasNull() ? null : status;
        StageResult r = new StageResult(rs.getInt("stage_no"), instant(rs, "started_at"), instant(rs, "finished_at"),
                Outcome.valueOf(rs.getString("outcome")), statusCode, rs.getString("response_excerpt"),
                rs.getString("detail"), read(rs.getString("actions_json")));
        return new StoredResult(rs.getString("run_id"), rs.getString("run_trigger"), instant(rs, "scheduled_at"), r);
    }

    private String write(List<String> actions) {
        try {
            return json.writeValueAsString(actions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String actions) {
        try {
            return List.of(json.readValue(actions, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("probe_result.actions_json is not a JSON array", e);
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
