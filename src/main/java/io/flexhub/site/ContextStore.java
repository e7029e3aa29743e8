package io.flexhub.site;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the engines read building context and publish what they decide. Two adapters: the NGSI-LD broker (with a
 * cache fed by subscriptions) and the embedded store in the hub database. Implementations are thread-safe.
 */
public interface ContextStore {

    List<Site> sites();

    Optional<Site> siteByCongestionPoint(String congestionPoint);

    /**
     * Whether a site or a device of the hub is connected at this congestion point: a UFTP message about any other
     * is rejected as "Invalid CongestionPoint". An adapter answering from a cache reads its source again before it
     * answers no, so that a building added since the last refresh is not refused.
     */
    default boolean knowsCongestionPoint(String congestionPoint) {
        return siteByCongestionPoint(congestionPoint).isPresent() || !devices(congestionPoint).isEmpty();
    }

    /** All devices behind a congestion point, any kind. */
    List<Device> devices(String congestionPoint);

    Optional<Device> device(String deviceId);

    List<FlexConfiguration> flexConfigurations();

    Optional<FlexConfiguration> flexConfiguration(String id);

    /** The configuration whose {@code refDevice} is the device, if any. */
    Optional<FlexConfiguration> flexConfigurationOf(String deviceId);

    /** Creates or replaces; the adapter publishes it to the broker when there is one. */
    FlexConfiguration save(FlexConfiguration configuration);

    /**
     * Expected average power of a device per ISP, kW, positive = consumption (PV negative), for {@code count} ISPs of
     * length {@code isp} from {@code from}: forecast where the context has one, else the device's history (same
     * weekday and time), else its profile.
     */
    double[] baselineKw(String deviceId, Instant from, Duration isp, int count);

    /** {@link #baselineKw} with what it rests on; an adapter with history says how much of it was there. */
    default Baseline baseline(String deviceId, Instant from, Duration isp, int count) {
        return Baseline.profile(baselineKw(deviceId, from, isp, count));
    }

    /** Upserts NGSI-LD entities (normalised form, hub @context). Embedded: kept in the hub database. */
    void publish(List<Map<String, Object>> entities);
}
