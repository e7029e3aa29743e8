package io.flexhub.site.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.LeaseClaim;
import io.flexhub.site.Actuation;
import io.flexhub.site.DailyProfile;
import io.flexhub.site.DailyWindow;
import io.flexhub.site.Device;
import io.flexhub.site.DeviceSetting;
import io.flexhub.site.DeviceKind;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.FlexibilityType;
import io.flexhub.site.Site;

/** The embedded adapter's tables (V2): sites, devices, profiles, FlexConfigurations, published entities, actuations. */
@Repository
public class SiteRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One command as recorded. */
    public record ActuationRecord(long id, String deviceId, Actuation.Command command, Double powerKw,
            Instant effectiveAt, String reference, Instant recordedAt, String controlMode, Answer answer) {
    }

    /**
     * What became of a command.
     *
     * @param outcome RECORDED (embedded, no device to tell), APPLIED (the broker kept it), REFUSED (the broker
     *                answered with an error), NOT_KEPT (the broker accepted the write but does not hold the values),
     *                UNREACHABLE (no answer)
     * @param status  HTTP status of the write, null when there was none
     * @param title   ProblemDetails title
     * @param detail  ProblemDetails detail, or what the read-back showed
     */
    public record Answer(String outcome, Integer status, String title, String detail) {
        public static final Answer RECORDED = new Answer("RECORDED", null, null, null);
    }

    /** One published NGSI-LD entity. */
    public record EntityRecord(String id, String type, String json, Instant updatedAt, boolean pending,
            int attempts, Instant nextAttemptAt, String lastError) {
    }

    private final JdbcClient jdbc;
    private final LeaseClaim<String> entityLease;

    public SiteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.entityLease = LeaseClaim.of(jdbc, "ngsild_entity", "id", String.class)
                .leaseColumns("lease_owner", "lease_until")
                .due("pending = TRUE AND next_attempt_at <= :now")
                .order("next_attempt_at")
                .build();
    }

    /**
     * Brings the database in line with the site file: sites, devices and profiles are the file's; a
     * FlexConfiguration is inserted when missing and refreshed only while nobody edited it through the API.
     */
    @Transactional
    public void seed(SiteFile file, Instant now) {
        for (Site s : file.sites()) {
            int n = jdbc.sql("UPDATE site SET name = :name, congestion_point = :cp, time_zone = :tz, import_limit_kw = :imp, "
                            + "export_limit_kw = :exp, recipients = :rec, updated_at = :now WHERE id = :id")
                    .params(siteParams(s, now)).update();
            if (n == 0) {
                jdbc.sql("INSERT INTO site (id, name, congestion_point, time_zone, import_limit_kw, export_limit_kw, "
                                + "recipients, updated_at) VALUES (:id, :name, :cp, :tz, :imp, :exp, :rec, :now)")
                        .params(siteParams(s, now)).update();
            }
        }
        for (Device d : file.devices()) {
            Map<String, Object> p = Map.of("id", d.id(), "site", d.siteId(), "name", d.name() == null ? "" : d.name(),
                    "kind", d.kind().name(), "cp", d.congestionPoint(), "rated", d.ratedPowerKw(), "now", ts(now));
            if (jdbc.sql("UPDATE site_device SET site_id = :site, name = :name, kind = :kind, congestion_point = :cp, "
                    + "rated_power_kw = :rated, updated_at = :now WHERE id = :id").params(p).update() == 0) {
                jdbc.sql("INSERT INTO site_device (id, site_id, name, kind, congestion_point, rated_power_kw, updated_at) "
                        + "VALUES (:id, :site, :name, :kind, :cp, :rated, :now)").params(p).update();
            }
            DailyProfile profile = file.profiles().get(d.id());
            jdbc.sql("DELETE FROM site_device_profile WHERE device_id = :id").param("id", d.id()).update();
            jdbc.sql("INSERT INTO site_device_profile (device_id, day_kind, slot_kw) VALUES (:id, 'WEEKDAY', :v)")
                    .param("id", d.id()).param("v", json(profile.weekday())).update();
            jdbc.sql("INSERT INTO site_device_profile (device_id, day_kind, slot_kw) VALUES (:id, 'WEEKEND', :v)")
                    .param("id", d.id()).param("v", json(profile.weekend())).update();
        }
        for (FlexConfiguration c : file.configurations()) {
            int n = jdbc.sql("UPDATE flex_configuration SET ref_device = :dev, flexibility_type = :type, "
                    + "controllability_factor = :factor, window_start = :start, window_end = :end, updated_at = :now "
                    + "WHERE id = :id AND edited = FALSE").params(configParams(c, now)).update();
            if (n == 0 && flexConfiguration(c.id()).isEmpty()) {
                jdbc.sql("INSERT INTO flex_configuration (id, ref_device, flexibility_type, controllability_factor, "
                                + "window_start, window_end, edited, updated_at) "
                                + "VALUES (:id, :dev, :type, :factor, :start, :end, FALSE, :now)")
                        .params(configParams(c, now)).update();
            }
        }
    }

    public List<Site> sites() {
        return jdbc.sql("SELECT * FROM site ORDER BY id").query(SiteRepository::site).list();
    }

    public Optional<Site> site(String id) {
        return jdbc.sql("SELECT * FROM site WHERE id = :id").param("id", id).query(SiteRepository::site).optional();
    }

    public Optional<Site> siteByCongestionPoint(String cp) {
        return jdbc.sql("SELECT * FROM site WHERE congestion_point = :cp").param("cp", cp)
                .query(SiteRepository::site).optional();
    }

    public List<Device> devices() {
        return jdbc.sql("SELECT * FROM site_device ORDER BY id").query(SiteRepository::device).list();
    }

    public List<Device> devicesAt(String congestionPoint) {
        return jdbc.sql("SELECT * FROM site_device WHERE congestion_point = :cp ORDER BY id").param("cp", congestionPoint)
                .query(SiteRepository::device).list();
    }

    public Optional<Device> device(String id) {
        return jdbc.sql("SELECT * FROM site_device WHERE id = :id").param("id", id).query(SiteRepository::device).optional();
    }

    public Optional<DailyProfile> profile(String deviceId) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT day_kind, slot_kw FROM site_device_profile WHERE device_id = :id")
                .param("id", deviceId).query().listOfRows();
        double[] weekday = null;
        double[] weekend = null;
        for (Map<String, Object> r : rows) {
            double[] v = doubles((String) r.get("slot_kw"));
            if ("WEEKDAY".equals(r.get("day_kind"))) {
                weekday = v;
            } else {
                weekend = v;
            }
        }
        return weekday == null ? Optional.empty() : Optional.of(new DailyProfile(weekday, weekend));
    }

    public List<FlexConfiguration> flexConfigurations() {
        return jdbc.sql("SELECT * FROM flex_configuration ORDER BY id").query(SiteRepository::configuration).list();
    }

    public Optional<FlexConfiguration> flexConfiguration(String id) {
        return jdbc.sql("SELECT * FROM flex_configuration WHERE id = :id").param("id", id)
                .query(SiteRepository::configuration).optional();
    }

    public Optional<FlexConfiguration> flexConfigurationOf(String deviceId) {
        return jdbc.sql("SELECT * FROM flex_configuration WHERE ref_device = :dev").param("dev", deviceId)
                .query(SiteRepository::configuration).optional();
    }

    /** Creates or replaces a configuration changed by a user; from now on seeding leaves it alone. */
    @Transactional
    public void saveEdited(FlexConfiguration c, Instant now) {
        Map<String, Object> p = configParams(c, now);
        if (jdbc.sql("UPDATE flex_configuration SET ref_device = :dev, flexibility_type = :type, "
                + "controllability_factor = :factor, window_start = :start, window_end = :end, edited = TRUE, "
                + "updated_at = :now WHERE id = :id").params(p).update() == 0) {
            jdbc.sql("INSERT INTO flex_configuration (id, ref_device, flexibility_type, controllability_factor, "
                    + "window_start, window_end, edited, updated_at) VALUES (:id, :dev, :type, :factor, :start, :end, "
                    + "TRUE, :now)").params(p).update();
        }
    }

    /** Records a command; the same command (device, reference, kind, time) twice is recorded once. */
    public boolean recordActuation(Actuation a, Instant now) {
        return recordActuation(a, now, Answer.RECORDED, false);
    }

    /**
     * Records a command with what became of it; a retried command (same device, reference, kind, time) keeps one row
     * with the latest answer when {@code latest}, else the first.
     */
    public boolean recordActuation(Actuation a, Instant now, Answer answer, boolean latest) {
        Double power = a.command() == Actuation.Command.SETPOINT ? a.powerKw()
                : a.restoreTo() == null ? null : a.restoreTo().powerLimitKw();
        String mode = a.command() == Actuation.Command.SETPOINT ? DeviceSetting.LIMITED
                : a.restoreTo() == null || a.restoreTo().controlMode() == null ? DeviceSetting.SCHEDULE
                : a.restoreTo().controlMode();
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("dev", a.deviceId());
        p.put("cmd", a.command().name());
        p.put("power", power);
        p.put("at", ts(a.effectiveAt() == null ? now : a.effectiveAt()));
        p.put("ref", a.reference());
        p.put("now", ts(now));
        p.put("mode", mode);
        p.put("outcome", answer.outcome());
        p.put("status", answer.status());
        p.put("title", answer.title());
        p.put("detail", answer.detail());
        try {
            jdbc.sql("INSERT INTO site_actuation (device_id, command, power_kw, effective_at, reference, recorded_at, "
                    + "control_mode, outcome, broker_status, broker_title, broker_detail) VALUES (:dev, :cmd, :power, "
                    + ":at, :ref, :now, :mode, :outcome, :status, :title, :detail)").params(p).update();
            return true;
        } catch (DuplicateKeyException already) {
            if (latest) {
                jdbc.sql("UPDATE site_actuation SET power_kw = :power, control_mode = :mode, outcome = :outcome, "
                        + "broker_status = :status, broker_title = :title, broker_detail = :detail, recorded_at = :now "
                        + "WHERE device_id = :dev AND reference = :ref AND command = :cmd AND effective_at = :at")
                        .params(p).update();
            }
            return false;
        }
    }

    public List<ActuationRecord> actuations(String deviceId, String reference, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM site_actuation WHERE 1 = 1");
        if (deviceId != null) {
            sql.append(" AND device_id = :dev");
        }
        if (reference != null) {
            sql.append(" AND reference = :ref");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).param("limit", limit);
        if (deviceId != null) {
            spec = spec.param("dev", deviceId);
        }
        if (reference != null) {
            spec = spec.param("ref", reference);
        }
        return spec.query((rs, i) -> new ActuationRecord(rs.getLong("id"), rs.getString("device_id"),
                Actuation.Command.valueOf(rs.getString("command")), rs.getObject("power_kw", Double.class),
                instant(rs, "effective_at"), rs.getString("reference"), instant(rs, "recorded_at"),
                rs.getString("control_mode"), new Answer(rs.getString("outcome"), rs.getObject("broker_status",
                        Integer.class), rs.getString("broker_title"), rs.getString("broker_detail")))).list();
    }

    /**
     * Stores an entity as published. {@code pending} marks it as still to be sent to a broker; embedded, entities are
     * stored as delivered.
     */
    public void upsertEntity(String id, String type, String entityJson, boolean pending, Instant now) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("id", id);
        p.put("type", type);
        p.put("json", entityJson);
        p.put("pending", pending);
        // millisecond precision on every database, so that markSent can compare the version it claimed
        p.put("now", ts(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        if (jdbc.sql("UPDATE ngsild_entity SET entity_type = :type, entity_json = :json, updated_at = :now, "
                + "pending = :pending, attempts = 0, next_attempt_at = :now, last_error = NULL WHERE id = :id")
                .params(p).update() == 0) {
            try {
                jdbc.sql("INSERT INTO ngsild_entity (id, entity_type, entity_json, updated_at, pending, attempts, "
                        + "next_attempt_at) VALUES (:id, :type, :json, :now, :pending, 0, :now)").params(p).update();
            } catch (DuplicateKeyException concurrent) {
                jdbc.sql("UPDATE ngsild_entity SET entity_type = :type, entity_json = :json, updated_at = :now, "
                        + "pending = :pending, attempts = 0, next_attempt_at = :now, last_error = NULL WHERE id = :id")
                        .params(p).update();
            }
        }
    }

    public Optional<EntityRecord> entity(String id) {
        return jdbc.sql("SELECT * FROM ngsild_entity WHERE id = :id").param("id", id).query(SiteRepository::entity).optional();
    }

    public List<EntityRecord> entities(String type, int limit) {
        if (type == null) {
            return jdbc.sql("SELECT * FROM ngsild_entity ORDER BY updated_at DESC LIMIT :limit")
                    .param("limit", limit).query(SiteRepository::entity).list();
        }
        return jdbc.sql("SELECT * FROM ngsild_entity WHERE entity_type = :type ORDER BY updated_at DESC LIMIT :limit")
                .param("type", type).param("limit", limit).query(SiteRepository::entity).list();
    }

    /** Ids of entities still to be sent whose turn has come (or whose sender's lease ran out). */
    public List<String> duePending(Instant now, int limit) {
        return entityLease.due(now, limit);
    }

    /** Claims a pending entity for sending; only one instance wins. Returns the version claimed. */
    public Optional<EntityRecord> claim(String id, String owner, Instant now, Instant leaseUntil) {
        return entityLease.claim(id, owner, now, leaseUntil) ? entity(id) : Optional.empty();
    }

    /** Marks sent, unless the entity changed since it was claimed (then the newer version stays pending). */
    public void markSent(String id, Instant claimedVersion) {
        jdbc.sql("UPDATE ngsild_entity SET pending = FALSE, lease_owner = NULL, lease_until = NULL, last_error = NULL "
                        + "WHERE id = :id AND updated_at = :version")
                .param("id", id).param("version", ts(claimedVersion)).update();
        jdbc.sql("UPDATE ngsild_entity SET lease_owner = NULL, lease_until = NULL WHERE id = :id")
                .param("id", id).update();
    }

    public void reschedule(String id, String error, Instant next) {
        jdbc.sql("UPDATE ngsild_entity SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error, "
                        + "lease_owner = NULL, lease_until = NULL WHERE id = :id")
                .param("id", id).param("next", ts(next)).param("error", error).update();
    }

    public long countPending() {
        return jdbc.sql("SELECT COUNT(*) FROM ngsild_entity WHERE pending = TRUE").query(Long.class).single();
    }

    /** UFTP messages logged after the cursor, oldest first: (row id, payload XML). */
    public List<Map.Entry<Long, String>> uftpMessagesAfter(long lastId, int limit) {
        return jdbc.sql("SELECT id, payload_xml FROM uftp_message WHERE id > :last ORDER BY id LIMIT :limit")
                .param("last", lastId).param("limit", limit)
                .query((rs, i) -> Map.entry(rs.getLong("id"), rs.getString("payload_xml"))).list();
    }

    public long cursor(String stream) {
        return jdbc.sql("SELECT last_id FROM ngsild_publish_cursor WHERE stream = :s").param("s", stream)
                .query(Long.class).optional().orElse(0L);
    }

    /** Moves the cursor from {@code from} to {@code to}; false when another instance moved it first. */
    public boolean advanceCursor(String stream, long from, long to, Instant now) {
        int n = jdbc.sql("UPDATE ngsild_publish_cursor SET last_id = :to, updated_at = :now WHERE stream = :s AND last_id = :from")
                .param("to", to).param("now", ts(now)).param("s", stream).param("from", from).update();
        if (n == 0 && from == 0) {
            try {
                n = jdbc.sql("INSERT INTO ngsild_publish_cursor (stream, last_id, updated_at) VALUES (:s, :to, :now)")
                        .param("s", stream).param("to", to).param("now", ts(now)).update();
            } catch (DuplicateKeyException concurrent) {
                return false;
            }
        }
        return n == 1;
    }

    private static Map<String, Object> siteParams(Site s, Instant now) {
        return Map.of("id", s.id(), "name", s.name() == null ? "" : s.name(), "cp", s.congestionPoint(),
                "tz", s.timeZone().getId(), "imp", s.importLimitKw(), "exp", s.exportLimitKw(),
                "rec", json(s.recipients()), "now", ts(now));
    }

    private static Map<String, Object> configParams(FlexConfiguration c, Instant now) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("id", c.id());
        p.put("dev", c.refDevice());
        p.put("type", c.flexibilityType().value());
        p.put("factor", c.controllabilityFactor());
        p.put("start", c.operationWindow() == null ? null : c.operationWindow().startTime().toString());
        p.put("end", c.operationWindow() == null ? null : c.operationWindow().endTime().toString());
        p.put("now", ts(now));
        return p;
    }

    private static Site site(ResultSet rs, int row) throws SQLException {
        List<String> recipients;
        try {
            recipients = JSON.readValue(rs.getString("recipients"), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("site.recipients is not a JSON array", e);
        }
        String name = rs.getString("name");
        return new Site(rs.getString("id"), name == null || name.isEmpty() ? null : name, rs.getString("congestion_point"),
                ZoneId.of(rs.getString("time_zone")), rs.getDouble("import_limit_kw"), rs.getDouble("export_limit_kw"),
                recipients);
    }

    private static Device device(ResultSet rs, int row) throws SQLException {
        String name = rs.getString("name");
        return new Device(rs.getString("id"), rs.getString("site_id"), name == null || name.isEmpty() ? null : name,
                DeviceKind.valueOf(rs.getString("kind")), rs.getString("congestion_point"), rs.getDouble("rated_power_kw"));
    }

    private static FlexConfiguration configuration(ResultSet rs, int row) throws SQLException {
        String start = rs.getString("window_start");
        String end = rs.getString("window_end");
        DailyWindow window = start == null || end == null ? null : new DailyWindow(LocalTime.parse(start), LocalTime.parse(end));
        return new FlexConfiguration(rs.getString("id"), rs.getString("ref_device"),
                FlexibilityType.fromValue(rs.getString("flexibility_type")).orElseThrow(),
                rs.getObject("controllability_factor", Double.class), window);
    }

    private static EntityRecord entity(ResultSet rs, int row) throws SQLException {
        return new EntityRecord(rs.getString("id"), rs.getString("entity_type"), rs.getString("entity_json"),
                instant(rs, "updated_at"), rs.getBoolean("pending"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] doubles(String json) {
        try {
            return JSON.readValue(json, double[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile is not a JSON array", e);
        }
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
