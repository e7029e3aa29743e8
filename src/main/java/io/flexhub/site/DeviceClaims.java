package io.flexhub.site;

import java.time.Instant;
import java.util.OptionalLong;

/** Which demand-response event has a setpoint for a device in the ISP around a time (the arbitration's input). */
public interface DeviceClaims {

    /** Id of the scheduled or running event with a setpoint for the device in the ISP containing {@code at}. */
    OptionalLong heldBy(String deviceId, Instant at);
}
