package io.flexhub.selfconsumption;

import static io.flexhub.selfconsumption.RunStore.instant;
import static io.flexhub.selfconsumption.RunStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.flexhub.common.LeaseClaim;
import io.flexhub.site.Actuation;

/**
 * Setpoints of the nightly schedules, applied at their ISP boundary. Claimed with the hub's {@link LeaseClaim} so
 * several instances on one database apply each once; a command being applied is APPLYING.
 */
@Repository
public class CommandStore {

    private final JdbcClient jdbc;
    private final LeaseClaim<Long> lease;

    public CommandStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.lease = LeaseClaim.of(jdbc, "schedule_command", "id", Long.class)
                .due("(status = 'PENDING' AND next_attempt_at <= :now) OR status = 'APPLYING'")
                .onClaim("status = 'APPLYING'")
                .order("effective_at, id")
                .build();
    }

    public record Command(long id, long runId, String siteId, Actuation actuation, String status, int attempts,
            Instant appliedAt, String lastError) {
    }

    /** Stores a run's commands for a site and supersedes what earlier runs still had pending from {@code from} on. */
    @Transactional
    public void replace(long runId, String siteId, Instant from, List<Actuation> commands) {
        jdbc.sql("UPDATE schedule_command SET status = 'SUPERSEDED' WHERE site_id = :site AND status = 'PENDING' "
                        + "AND effective_at >= :from AND run_id <> :run")
                .param("site", siteId).param("from", ts(from)).param("run", runId).update();
        for (Actuation a : commands) {
            jdbc.sql("INSERT INTO schedule_command (run_id, site_id, device_id, command, power_kw, effective_at, status, "
                            + "attempts, next_attempt_at) VALUES (:run, :site, :device, :command, :power, :at, 'PENDING', 0, :at)")
                    .param("run", runId).param("site", siteId).param("device", a.deviceId())
                    .param("command", a.command().name()).param("power", a.powerKw()).param("at", ts(a.effectiveAt()))
                    .update();
        }
    }

    public List<Long> findDue(Instant now, int limit) {
        return lease.due(now, limit);
    }

    public Optional<Command> claim(long id, String owner, Instant now, Instant leaseUntil) {
        return lease.claim(id, owner, now, leaseUntil) ? find(id) : Optional.empty();
    }

    public void applied(long id, Instant now) {
        jdbc.sql("UPDATE schedule_command SET status = 'APPLIED', attempts = attempts + 1, applied_at = :now, "
                        + "last_error = NULL, locked_by = NULL, locked_until = NULL WHERE id = :id")
                .param("now", ts(now)).param("id", id).update();
    }

    /** Not sent: a demand-response event holds the device (kept as the value the device resumes afterwards). */
    public void deferred(long id, String why, Instant now) {
        jdbc.sql("UPDATE schedule_command SET status = 'DEFERRED', attempts = attempts + 1, applied_at = :now, "
                        + "last_error = :why, locked_by = NULL, locked_until = NULL WHERE id = :id")
                .param("now", ts(now)).param("why", why).param("id", id).update();
    }

    public void retryLater(long id, String error, Instant retryAt) {
        jdbc.sql("UPDATE schedule_command SET status = 'PENDING', attempts = attempts + 1, next_attempt_at = :retry, "
                        + "last_error = :error, locked_by = NULL, locked_until = NULL WHERE id = :id")
                .param("retry", ts(retryAt)).param("error", error).param("id", id).update();
    }

    public void failed(long id, String error) {
        jdbc.sql("UPDATE schedule_command SET status = 'FAILED', attempts = attempts + 1, last_error = :error, "
                        + "locked_by = NULL, locked_until = NULL WHERE id = :id")
                .param("error", error).param("id", id).update();
    }

    public Optional<Command> find(long id) {
        return jdbc.sql("SELECT * FROM schedule_command WHERE id = :id").param("id", id).query(CommandStore::map)
                .optional();
    }

    public List<Command> forRun(long runId) {
        return jdbc.sql("SELECT * FROM schedule_command WHERE run_id = :run ORDER BY effective_at, device_id")
                .param("run", runId).query(CommandStore::map).list();
    }

    private static Command map(ResultSet rs, int row) throws SQLException {
        double power = rs.getDouble("power_kw");
        Double powerKw = rs.wasNull() ? null : power;
        Actuation a = new Actuation(rs.getString("device_id"), Actuation.Command.valueOf(rs.getString("command")),
                powerKw, instant(rs, "effective_at"), "selfconsumption-run-" + rs.getLong("run_id"));
        return new Command(rs.getLong("id"), rs.getLong("run_id"), rs.getString("site_id"), a, rs.getString("status"),
                rs.getInt("attempts"), instant(rs, "applied_at"), rs.getString("last_error"));
    }
}
