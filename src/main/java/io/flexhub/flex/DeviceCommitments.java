package io.flexhub.flex;

import java.time.Instant;
import java.util.Set;

/** Which devices already carry a demand-response event, so their flexibility is not offered twice. */
public interface DeviceCommitments {

    /** Devices of the congestion point with a scheduled or running event overlapping [from, to). */
    Set<String> committed(String congestionPoint, Instant from, Instant to);
}
