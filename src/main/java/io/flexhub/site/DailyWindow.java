package io.flexhub.site;

import java.time.LocalTime;

/**
 * A shiftable device's operation window in site local time; {@code end} before {@code start} crosses midnight
 * (the seed's EV chargers: 20:00-08:00).
 */
public record DailyWindow(LocalTime startTime, LocalTime endTime) {

    public DailyWindow {
        if (startTime == null || endTime == null) {
            throw new IllegalArgumentException("operation window needs a start and an end time");
        }
    }

    public boolean crossesMidnight() {
        return endTime.isBefore(startTime);
    }
}
