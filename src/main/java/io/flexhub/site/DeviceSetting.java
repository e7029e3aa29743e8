package io.flexhub.site;

/**
 * What a device holds: its power limit and control mode, each {@code null} when the device entity lacks it.
 */
public record DeviceSetting(Double powerLimitKw, String controlMode) {

    /** Control mode of a device following a setpoint. */
    public static final String LIMITED = "limited";
    /** Control mode of a device following its own schedule. */
    public static final String SCHEDULE = "schedule";
}
