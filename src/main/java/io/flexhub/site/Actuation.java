package io.flexhub.site;

import java.time.Instant;

/**
 * One command to one device.
 *
 * @param powerKw   the power limit to apply, kW; {@code null} with {@link Command#RESTORE}
 * @param reference what asked for it (DR event id), so the command is traceable and idempotent
 * @param restoreTo with {@link Command#RESTORE}: the setting to put back (what the device had before the event);
 *                  {@code null}: only hand control back to the device's own schedule
 */
public record Actuation(String deviceId, Command command, Double powerKw, Instant effectiveAt, String reference,
        DeviceSetting restoreTo) {

    public enum Command {
        /** Hold the device at (at most) {@code powerKw}. */
        SETPOINT,
        /** Give control back to the device's own schedule, or to {@code restoreTo}. */
        RESTORE
    }

    public Actuation {
        if (deviceId == null || command == null || reference == null) {
            throw new IllegalArgumentException("device, command and reference are required");
        }
        if (command == Command.SETPOINT && powerKw == null) {
            throw new IllegalArgumentException("a setpoint needs a power");
        }
        if (command == Command.SETPOINT && restoreTo != null) {
            throw new IllegalArgumentException("only a restore puts a setting back");
        }
    }

    public Actuation(String deviceId, Command command, Double powerKw, Instant effectiveAt, String reference) {
        this(deviceId, command, powerKw, effectiveAt, reference, null);
    }
}
