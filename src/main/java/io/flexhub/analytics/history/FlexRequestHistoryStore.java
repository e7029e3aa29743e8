package io.flexhub.analytics.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.flexhub.usef.UsefProperties;

/**
 * JDBC access to the FlexRequest history ({@code flex_request_history} and {@code flex_request_history_isp},
 * migration V21), the one owner of both tables: writes what the hub accepted or imported, reads it back as
 * {@link CongestionDay}s. Plain SQL that runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
 *
 * <p>A point's days cost two queries whatever the range: its observed range, and the requests of the range with
 * their ISPs run-length encoded in the same row (migration V22); the latest revision per Period is chosen in Java
 * ({@link CongestionDays}). Only requests stored without those runs (rows written by other means than this class)
 * cost a third query, one join over their ISP rows.
 */
@Repository
public class FlexRequestHistoryStore implements FlexRequestHistory {

    /** What storing a request did. */
    public enum Stored {
        /** stored now */
        NEW,
        /** a request with this MessageID and the same congestion point, Period, Revision and sender was there */
        DUPLICATE,
        /** the MessageID is stored for another request: nothing was written */
        CONFLICT
    }

    /** {@code source} of requests that came through the UFTP endpoint and were accepted. */
    public static final String RECEIVED = "received";
    /** {@code source} of requests imported from an archive. */
    public static final String IMPORTED = "imported";

    private static final String INSERT_ISP = "INSERT INTO flex_request_history_isp "
            + "(message_id, isp, requested, min_power_w, max_power_w) VALUES (?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ZoneId marketZone;
    private final Duration marketIspDuration;

    @Autowired
    public FlexRequestHistoryStore(JdbcClient jdbc, JdbcTemplate template, UsefProperties usef) {
        this(jdbc, template, usef.market().timeZone(), usef.market().ispDuration());
    }

    /** @param marketZone zone of days without a request before the first of a range; likewise the ISP duration */
    public FlexRequestHistoryStore(JdbcClient jdbc, JdbcTemplate template, ZoneId marketZone,
                                   Duration marketIspDuration) {
        this.jdbc = jdbc;
        this.template = template;
        this.marketZone = marketZone;
        this.marketIspDuration = marketIspDuration;
    }

    /**
     * Stores the request and its ISPs unless its MessageID is stored already. Joins the caller's transaction; the
     * header insert never fails on a duplicate key, so it does not abort a PostgreSQL transaction either.
     */
    public Stored store(FlexRequestRecord request, String source, Instant recordedAt) {
        int inserted = jdbc.sql("INSERT INTO flex_request_history (message_id, congestion_point, period, revision, "
                        + "sender_domain, sent_at, time_zone, isp_duration_min, isp_count, source, recorded_at, "
                        + "isp_runs) VALUES (:id, :cp, :period, :revision, :sender, :sentAt, :zone, :duration, :count, "
                        + ":source, :recordedAt, :runs) ON CONFLICT DO NOTHING")
                .param("id", request.messageId())
                .param("cp", request.congestionPoint())
                .param("period", request.period())
                .param("revision", request.revision())
                .param("sender", request.senderDomain())
                .param("sentAt", utc(request.sentAt()))
                .param("zone", request.timeZone())
                .param("duration", request.ispDurationMinutes())
                .param("count", request.ispCount())
                .param("source", source)
                .param("recordedAt", utc(recordedAt))
                .param("runs", IspRuns.encode(request.isps()))
                .update();
        if (inserted == 0) {
            boolean same = jdbc.sql("SELECT congestion_point, period, revision, sender_domain FROM flex_request_history "
                            + "WHERE message_id = :id")
                    .param("id", request.messageId())
                    .query((rs, row) -> request.sameRequestAs(rs.getString(1), rs.getObject(2, LocalDate.class),
                            rs.getLong(3), rs.getString(4)))
                    .optional().orElse(false);
            return same ? Stored.DUPLICATE : Stored.CONFLICT;
        }
        List<FlexRequestRecord.Isp> isps = request.isps();
        template.batchUpdate(INSERT_ISP, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                FlexRequestRecord.Isp isp = isps.get(i);
                ps.setString(1, request.messageId());
                ps.setInt(2, isp.isp());
                ps.setBoolean(3, isp.requested());
                ps.setLong(4, isp.minPowerW());
                ps.setLong(5, isp.maxPowerW());
            }

            @Override
            public int getBatchSize() {
                return isps.size();
            }
        });
        return Stored.NEW;
    }

    public boolean contains(String messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM flex_request_history WHERE message_id = :id").param("id", messageId)
                .query(Long.class).single() > 0;
    }

    @Override
    public List<String> congestionPoints() {
        return jdbc.sql("SELECT DISTINCT congestion_point FROM flex_request_history ORDER BY congestion_point")
                .query(String.class).list();
    }

    /** The first and last Period with a stored request of the point. */
    public Optional<ObservedRange> observedRange(String congestionPoint) {
        return jdbc.sql("SELECT MIN(period), MAX(period) FROM flex_request_history WHERE congestion_point = :cp")
                .param("cp", congestionPoint)
                .query((rs, row) -> rs.getObject(1, LocalDate.class) == null ? null
                        : new ObservedRange(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
                .optional();
    }

    /** @param first the first Period with a stored request; @param last the last one */
    public record ObservedRange(LocalDate first, LocalDate last) {
    }

    @Override
    public List<CongestionDay> days(String congestionPoint, LocalDate from, LocalDate to) {
        Optional<ObservedRange> observed = observedRange(congestionPoint);
        if (observed.isEmpty() || from.isAfter(to)) {
            return List.of();
        }
        LocalDate first = from.isBefore(observed.get().first()) ? observed.get().first() : from;
        LocalDate last = to.isAfter(observed.get().last()) ? observed.get().last() : to;
        if (first.isAfter(last)) {
            return List.of();
        }
        CongestionDays days = new CongestionDays(congestionPoint, first, last, marketZone, marketIspDuration);
        template.query("SELECT message_id, period, revision, sent_at, recorded_at, time_zone, isp_duration_min, "
                        + "isp_count, isp_runs FROM flex_request_history "
                        + "WHERE congestion_point = ? AND period BETWEEN ? AND ?",
                rs -> {
                    days.offer(new CongestionDays.Header(rs.getString(1), rs.getObject(2, LocalDate.class),
                            rs.getLong(3), instant(rs, 4), instant(rs, 5), rs.getString(6), rs.getInt(7),
                            rs.getInt(8), rs.getString(9)));
                }, congestionPoint, first, last);
        if (days.needsIspRows()) {
            template.query("SELECT i.message_id, i.isp, i.requested, i.min_power_w, i.max_power_w "
                            + "FROM flex_request_history h JOIN flex_request_history_isp i ON i.message_id = h.message_id "
                            + "WHERE h.congestion_point = ? AND h.period BETWEEN ? AND ? AND h.isp_runs IS NULL",
                    rs -> {
                        days.isp(rs.getString(1), rs.getInt(2), rs.getBoolean(3), rs.getLong(4), rs.getLong(5));
                    }, congestionPoint, first, last);
        }
        return days.days();
    }

    /** Binds instants as UTC offsets: a java.sql.Timestamp would be read in the JVM's zone by PostgreSQL. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
