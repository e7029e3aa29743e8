package io.flexhub.flex.dr;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.flexhub.flex.DeviceCommitments;
import io.flexhub.site.DeviceClaims;

/** Devices with a scheduled or active demand-response event, from the event store. */
@Component
public class DrDeviceCommitments implements DeviceCommitments, DeviceClaims {

    private final DrEventStore events;

    public DrDeviceCommitments(DrEventStore events) {
        this.events = events;
    }

    @Override
    public Set<String> committed(String congestionPoint, Instant from, Instant to) {
        return events.overlapping(congestionPoint, from, to).stream().map(DrEvent::deviceId).collect(Collectors.toSet());
    }

    @Override
    public OptionalLong heldBy(String deviceId, Instant at) {
        for (DrEvent e : events.running(deviceId, at)) {
            int isp = (int) Duration.between(e.startAt(), at).dividedBy(e.isp());
            if (isp < e.setpointsKw().size() && e.setpointsKw().get(isp) != null) {
                return OptionalLong.of(e.id());
            }
        }
        return OptionalLong.empty();
    }
}
