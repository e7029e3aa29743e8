package io.flexhub.energy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdException;
import io.flexhub.ngsild.client.NgsiLdNotification;
import io.flexhub.ngsild.client.NgsiLdValues;
import io.flexhub.ngsild.client.TemporalQuery;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Device;
import io.flexhub.site.Site;
import io.flexhub.usef.UsefProperties;

/**
 * Broker mode: the devices' {@code activePower} readings into the energy history, from the notifications of the
 * device-power subscription ({@code ngsild-notify} taps them to {@code energy-meter.camel.yaml}) and from the
 * temporal API for the ISPs the notifications missed (hub down, notification lost, first start). Readings of
 * devices the context does not know are ignored; a reading in W ({@code unitCode} WTT) is converted to kW.
 */
@Component("energyBrokerMeasurements")
public class BrokerMeasurements {

    static final String POWER = "activePower";
    static final String POWER_IRI = "https://flexhub.io/ns/site#activePower";
    private static final Logger LOG = LoggerFactory.getLogger(BrokerMeasurements.class);

    private final EnergyStore store;
    private final ContextStore context;
    private final Optional<NgsiLdClient> client;
    private final EnergyProperties.Broker properties;
    private final Duration isp;
    private final Clock clock;
    /** Per device: up to where the temporal API was last read, so a device that never reports is not re-read whole. */
    private final Map<String, Instant> checkedUntil = new ConcurrentHashMap<>();

    public BrokerMeasurements(EnergyStore store, ContextStore context, @Qualifier("site") Optional<NgsiLdClient> client,
            EnergyProperties properties, UsefProperties usef, Clock clock) {
        this.store = store;
        this.context = context;
        this.client = client;
        this.properties = properties.broker();
        this.isp = usef.market().ispDuration();
        this.clock = clock;
    }

    /** Stores the power readings a notification carries; returns how many. */
    public int record(NgsiLdNotification notification) {
        if (client.isEmpty()) {
            return 0;
        }
        Instant fallback = notification.notifiedAt() != null ? notification.notifiedAt() : clock.instant();
        Map<String, List<EnergyStore.Sample>> byDevice = new LinkedHashMap<>();
        for (JsonNode entity : notification.entities()) {
            String id = entity.path("id").asText(null);
            if (id != null) {
                List<EnergyStore.Sample> readings = readings(id, entity, fallback);
                if (!readings.isEmpty()) {
                    byDevice.computeIfAbsent(id, k -> new ArrayList<>()).addAll(readings);
                }
            }
        }
        int stored = 0;
        for (Map.Entry<String, List<EnergyStore.Sample>> e : byDevice.entrySet()) {
            stored += store(e.getKey(), e.getValue());
        }
        return stored;
    }

    /**
     * The {@code activePower} readings of an entity (a notification's data element or a temporal entity): one per
     * instance, at its {@code observedAt} or, without one, at {@code fallback}.
     */
    static List<EnergyStore.Sample> readings(String deviceId, JsonNode entity, Instant fallback) {
        JsonNode attr = NgsiLdValues.attribute(entity, POWER, POWER_IRI, NgsiLdValues.DEFAULT_CONTEXT_PREFIX + POWER);
        List<EnergyStore.Sample> out = new ArrayList<>();
        for (JsonNode instance : NgsiLdValues.instances(attr)) {
            OptionalDouble kw = NgsiLdValues.number(instance);
            if (kw.isEmpty() || !Double.isFinite(kw.getAsDouble())) {
                continue;
            }
            double scale = "WTT".equals(instance.path("unitCode").asText("KWT")) ? 0.001 : 1.0;
            Instant at = NgsiLdValues.observedAt(instance).orElse(fallback);
            if (at != null) {
                out.add(new EnergyStore.Sample(deviceId, at, kw.getAsDouble() * scale));
            }
        }
        return out;
    }

    private int store(String deviceId, List<EnergyStore.Sample> samples) {
        Optional<Device> device = context.device(deviceId);
        if (device.isEmpty()) {
            LOG.debug("activePower of {} ignored: not a device of any site", deviceId);
            return 0;
        }
        Device d = device.get();
        store.insertSamples(samples);
        Set<Instant> isps = new TreeSet<>();
        samples.forEach(s -> isps.add(floor(s.observedAt())));
        store.recomputeDevice(d.id(), d.siteId(), d.kind(), isps, isp);
        List<String> siteDevices = context.devices(d.congestionPoint()).stream()
                .filter(x -> x.siteId().equals(d.siteId())).map(Device::id).toList();
        store.recomputeSite(d.siteId(), siteDevices, isps);
        return samples.size();
    }

    /**
     * Reads from the temporal API, device by device, the readings from the first ISP of the look-back window that
     * has none up to now; returns how many readings it stored. A broker failure is logged, the next run retries.
     */
    public int fillGaps() {
        if (client.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Instant until = floor(now);
        Instant earliest = until.minus(properties.gapLookback());
        int stored = 0;
        for (Site site : context.sites()) {
            for (Device d : context.devices(site.congestionPoint())) {
                if (!d.siteId().equals(site.id())) {
                    continue;
                }
                Instant from = firstMissing(d.id(), earliest, until);
                Instant checked = checkedUntil.get(d.id());
                if (checked != null && checked.minus(isp).isAfter(from)) {
                    from = checked.minus(isp);
                }
                if (from == null || !from.isBefore(until)) {
                    continue;
                }
                try {
                    TemporalQuery q = new TemporalQuery(d.kind().ngsiLdType(), List.of(POWER), "between", from, now,
                            "observedAt", null, isp);
                    Optional<JsonNode> history = client.get().temporalEntity(d.id(), q);
                    List<EnergyStore.Sample> samples = history.map(h -> readings(d.id(), h, null)).orElse(List.of())
                            .stream().filter(s -> !s.observedAt().isAfter(now)).toList();
                    if (!samples.isEmpty()) {
                        stored += store(d.id(), samples);
                    }
                    checkedUntil.put(d.id(), now);
                } catch (NgsiLdException e) {
                    LOG.warn("activePower history of {} not read from the broker: {}", d.id(), e.getMessage());
                    return stored;
                }
            }
        }
        if (stored > 0) {
            LOG.info("{} activePower reading(s) read from the temporal API to fill gaps", stored);
        }
        return stored;
    }

    private Instant firstMissing(String deviceId, Instant from, Instant until) {
        TreeSet<Instant> have = store.deviceIsps(deviceId, from, until);
        for (Instant t = from; t.isBefore(until); t = t.plus(isp)) {
            if (!have.contains(t)) {
                return t;
            }
        }
        return until;
    }

    private Instant floor(Instant t) {
        long ms = isp.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }
}
