package io.flexhub.dr;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.flexhub.flex.DeviceCommitments;

/** Devices with a scheduled or active demand-response event, from the event store. */
@Component
public class DrDeviceCommitments implements DeviceCommitments {

    private final DrEventStore events;

    public DrDeviceCommitments(DrEventStore events) {
        this.events = events;
    }

    @Override
    public Set<String> committed(String congestionPoint, Instant from, Instant to) {
        return events.overlapping(congestionPoint, from, to).stream().map(DrEvent::deviceId).collect(Collectors.toSet());
    }
}
