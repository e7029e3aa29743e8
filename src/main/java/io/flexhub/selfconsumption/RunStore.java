package io.flexhub.selfconsumption;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Nightly runs and their per-site results (KPIs, provenance, schedule, surplus outcome). */
@Repository
public class RunStore {

    private final JdbcClient jdbc;

    public RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Run(long id, LocalDate day, String trigger, String objective, String status, Instant startedAt,
            Instant finishedAt, Long optimizeMs, String error) {
    }

    public long open(LocalDate day, String trigger, String objective, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO selfconsumption_run (run_day, trigger_source, objective, status, started_at) "
                        + "VALUES (:day, :trigger, :objective, 'RUNNING', :now)")
                .param("day", day).param("trigger", trigger).param("objective", objective).param("now", ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void optimized(long id, long millis) {
        jdbc.sql("UPDATE selfconsumption_run SET optimize_ms = :ms WHERE id = :id").param("ms", millis).param("id", id)
                .update();
    }

    public void close(long id, String status, String error, Instant now) {
        jdbc.sql("UPDATE selfconsumption_run SET status = :status, error = :error, finished_at = :now WHERE id = :id")
                .param("status", status).param("error", error).param("now", ts(now)).param("id", id).update();
    }

    public void saveSite(long runId, Map<String, Object> columns) {
        Map<String, Object> row = new LinkedHashMap<>(columns);
        row.put("run_id", runId);
        String names = String.join(", ", row.keySet());
        String values = ":" + String.join(", :", row.keySet());
        JdbcClient.StatementSpec spec = jdbc.sql("INSERT INTO selfconsumption_site_result (" + names + ") VALUES ("
                + values + ")");
        for (Map.Entry<String, Object> e : row.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        spec.update();
    }

    public void updateSite(long runId, String siteId, String column, Object value) {
        jdbc.sql("UPDATE selfconsumption_site_result SET " + column + " = :v WHERE run_id = :run AND site_id = :site")
                .param("v", value).param("run", runId).param("site", siteId).update();
    }

    public Optional<Run> find(long id) {
        return jdbc.sql("SELECT * FROM selfconsumption_run WHERE id = :id").param("id", id).query(RunStore::map)
                .optional();
    }

    public List<Run> latest(int limit) {
        return jdbc.sql("SELECT * FROM selfconsumption_run ORDER BY id DESC LIMIT :limit").param("limit", limit)
                .query(RunStore::map).list();
    }

    public List<Map<String, Object>> sites(long runId) {
        return jdbc.sql("SELECT * FROM selfconsumption_site_result WHERE run_id = :run ORDER BY site_id")
                .param("run", runId).query().listOfRows();
    }

    /**
     * The site's result of the latest finished run that planned {@code day}: run id and schedule JSON (as stored by
     * the nightly run), empty when no finished run planned that day for the site.
     */
    public Optional<Map<String, Object>> latestSiteResult(LocalDate day, String siteId) {
        return jdbc.sql("SELECT r.id AS run_id, s.schedule_json AS schedule_json, s.headroom_json AS headroom_json "
                        + "FROM selfconsumption_run r "
                        + "JOIN selfconsumption_site_result s ON s.run_id = r.id WHERE r.run_day = :day "
                        + "AND s.site_id = :site AND r.status = 'DONE' ORDER BY r.id DESC LIMIT 1")
                .param("day", day).param("site", siteId).query().listOfRows().stream().findFirst();
    }

    private static Run map(ResultSet rs, int row) throws SQLException {
        long ms = rs.getLong("optimize_ms");
        return new Run(rs.getLong("id"), rs.getObject("run_day", LocalDate.class), rs.getString("trigger_source"),
                rs.getString("objective"), rs.getString("status"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.wasNull() ? null : ms, rs.getString("error"));
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
        return v == null ? null : v.toInstant();
    }
}
