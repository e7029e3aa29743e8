package io.flexhub.flex.optimizer;

/**
 * ISPs {@code [fromIsp, toIsp)}, 0-based, in which a shiftable device may run. A window across midnight
 * (EV plugged in 20:00-08:00) is written as two windows, {@code [80, 96)} and {@code [0, 32)}, because the
 * plan covers one day.
 */
public record OperationWindow(int fromIsp, int toIsp) {

    public OperationWindow {
        if (fromIsp > toIsp) {
            throw new IllegalArgumentException("window [" + fromIsp + ", " + toIsp
                    + ") is reversed; write a window across midnight as two windows");
        }
    }
}
