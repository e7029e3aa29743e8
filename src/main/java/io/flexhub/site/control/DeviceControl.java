package io.flexhub.site.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.flexhub.site.Actuation;
import io.flexhub.site.DeviceActuator;
import io.flexhub.site.DeviceClaims;
import io.flexhub.site.DeviceSetting;

/**
 * The one arbitration rule for a device's setpoint per ISP; both planners command devices only through here
 * (demand-response events: {@link #event}, the nightly schedule: {@link #schedule}).
 * <ul>
 * <li>In an ISP where a scheduled or running demand-response event has a setpoint for the device, the event's
 * setpoint is what the device gets: a grid operator's order or a local request is a commitment, the schedule is only
 * the cheapest plan. The schedule's command for that ISP is not sent, but remembered.</li>
 * <li>When an event first commands the device, what the device holds (power limit, control mode) is read and
 * stored, so that a restart does not lose it.</li>
 * <li>When the event gives the device back (an ISP without a setpoint, its end, a cancel), the device gets what it
 * would hold without the event: the schedule's latest command if the schedule commanded the device since the event
 * started (the schedule resumes), else the setting it had before the event.</li>
 * </ul>
 * State is in {@code device_control}.
 */
@Component
public class DeviceControl {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceControl.class);

    private final DeviceActuator actuator;
    private final ObjectProvider<DeviceClaims> claims;
    private final JdbcClient jdbc;
    private final Clock clock;

    public DeviceControl(DeviceActuator actuator, ObjectProvider<DeviceClaims> claims, JdbcClient jdbc, Clock clock) {
        this.actuator = actuator;
        this.claims = claims;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Row(String eventRef, Instant eventStart, boolean priorKnown, Double priorPowerKw, String priorMode,
            Actuation.Command scheduleCommand, Double schedulePowerKw, Instant scheduleAt) {
    }

    /**
     * A schedule command: sent unless an event holds the device in the current ISP.
     *
     * @return the id of the event the command gave way to; empty when it was sent
     * @throws io.flexhub.site.ActuationException as {@link DeviceActuator#apply}
     */
    public OptionalLong schedule(Actuation a) {
        Instant now = clock.instant();
        ensureRow(a.deviceId(), now);
        jdbc.sql("UPDATE device_control SET schedule_command = :cmd, schedule_power_kw = :kw, schedule_at = :at, "
                        + "schedule_ref = :ref, updated_at = :now WHERE device_id = :dev")
                .param("cmd", a.command().name()).param("kw", a.powerKw())
                .param("at", ts(a.effectiveAt() == null ? now : a.effectiveAt())).param("ref", a.reference())
                .param("now", ts(now)).param("dev", a.deviceId()).update();
        DeviceClaims source = claims.getIfAvailable();
        OptionalLong holder = source == null ? OptionalLong.empty() : source.heldBy(a.deviceId(), now);
        if (holder.isPresent()) {
            LOG.info("schedule command {} {} kW for {} gives way to demand-response event {}", a.command(),
                    a.powerKw(), a.deviceId(), holder.getAsLong());
            return holder;
        }
        actuator.apply(a);
        return OptionalLong.empty();
    }

    /**
     * A demand-response event's command. A SETPOINT is sent as it is (after the device's setting was stored, the first
     * time the event commands it); a RESTORE becomes the command that gives the device what it would hold without the
     * event.
     *
     * @param eventRef   the event, e.g. {@code dr-event-12}
     * @param eventStart start of the event's first ISP
     * @param ends       the event is over (its end or a cancel): the device is no longer held afterwards
     * @return the command actually sent
     */
    public Actuation event(String eventRef, Instant eventStart, Actuation a, boolean ends) {
        Instant now = clock.instant();
        ensureRow(a.deviceId(), now);
        Row row = row(a.deviceId());
        Actuation sent = a;
        if (a.command() == Actuation.Command.SETPOINT) {
            if (!eventRef.equals(row.eventRef())) {
                // read before the first command: afterwards the device holds the event's values
                DeviceSetting before = actuator.current(a.deviceId()).orElse(null);
                jdbc.sql("UPDATE device_control SET event_ref = :ref, event_start = :start, prior_known = :known, "
                                + "prior_power_kw = :kw, prior_control_mode = :mode, updated_at = :now WHERE device_id = :dev")
                        .param("ref", eventRef).param("start", ts(eventStart)).param("known", before != null)
                        .param("kw", before == null ? null : before.powerLimitKw())
                        .param("mode", before == null ? null : before.controlMode()).param("now", ts(now))
                        .param("dev", a.deviceId()).update();
            }
        } else {
            sent = giveBack(a, row, eventRef);
        }
        actuator.apply(sent);
        if (ends && eventRef.equals(row.eventRef())) {
            jdbc.sql("UPDATE device_control SET event_ref = NULL, event_start = NULL, updated_at = :now "
                    + "WHERE device_id = :dev AND event_ref = :ref").param("now", ts(now)).param("dev", a.deviceId())
                    .param("ref", eventRef).update();
        }
        return sent;
    }

    private static Actuation giveBack(Actuation restore, Row row, String eventRef) {
        boolean held = eventRef.equals(row.eventRef());
        DeviceSetting prior = held && row.priorKnown() ? new DeviceSetting(row.priorPowerKw(), row.priorMode()) : null;
        if (held && row.scheduleAt() != null && row.eventStart() != null && !row.scheduleAt().isBefore(row.eventStart())) {
            if (row.scheduleCommand() == Actuation.Command.SETPOINT) {
                return new Actuation(restore.deviceId(), Actuation.Command.SETPOINT, row.schedulePowerKw(),
                        restore.effectiveAt(), restore.reference());
            }
            // the schedule handed the device back meanwhile: its own program, under the limit it had before
            prior = prior == null ? null : new DeviceSetting(prior.powerLimitKw(), DeviceSetting.SCHEDULE);
        }
        return new Actuation(restore.deviceId(), Actuation.Command.RESTORE, null, restore.effectiveAt(),
                restore.reference(), prior);
    }

    private void ensureRow(String deviceId, Instant now) {
        if (jdbc.sql("SELECT COUNT(*) FROM device_control WHERE device_id = :dev").param("dev", deviceId)
                .query(Long.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO device_control (device_id, updated_at) VALUES (:dev, :now)").param("dev", deviceId)
                    .param("now", ts(now)).update();
        } catch (DuplicateKeyException raced) {
            // the other planner created it at the same moment
        }
    }

    private Row row(String deviceId) {
        return jdbc.sql("SELECT * FROM device_control WHERE device_id = :dev").param("dev", deviceId)
                .query(DeviceControl::map).single();
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        String cmd = rs.getString("schedule_command");
        return new Row(rs.getString("event_ref"), instant(rs, "event_start"), rs.getBoolean("prior_known"),
                rs.getObject("prior_power_kw", Double.class), rs.getString("prior_control_mode"),
                cmd == null ? null : Actuation.Command.valueOf(cmd), rs.getObject("schedule_power_kw", Double.class),
                instant(rs, "schedule_at"));
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
