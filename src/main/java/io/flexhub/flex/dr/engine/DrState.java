package io.flexhub.flex.dr.engine;

/** Life cycle of a demand-response event. */
public enum DrState {
    /** Planned; the first setpoint is not applied yet. */
    SCHEDULED,
    /** At least one setpoint reached the device. */
    ACTIVE,
    /** Ran and gave the device back (ISPs that could not be actuated are listed in its note). */
    COMPLETED,
    /** Never reached the device, hit a permanent error, or the device could not be given back. */
    FAILED,
    /** Stopped by an operator; the device is given back. */
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
