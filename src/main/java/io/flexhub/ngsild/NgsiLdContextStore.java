package io.flexhub.ngsild;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.ngsild.client.EntityOptions;
import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdException;
import io.flexhub.ngsild.client.NgsiLdNotification;
import io.flexhub.ngsild.client.NgsiLdValues;
import io.flexhub.ngsild.client.TemporalQuery;
import io.flexhub.site.Baseline;
import io.flexhub.site.ContextStore;
import io.flexhub.site.DailyProfile;
import io.flexhub.site.Device;
import io.flexhub.site.DeviceKind;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.Site;
import io.flexhub.site.SiteEntities;
import io.flexhub.site.SiteVocabulary;
import io.flexhub.site.embedded.SiteFile;
import io.flexhub.site.embedded.SiteProperties;
import io.flexhub.site.embedded.SiteRepository;
import io.flexhub.common.HubProperties;

/**
 * Building context from an NGSI-LD broker, held in an in-memory snapshot that is re-read periodically and patched
 * by notifications (re-GETting the entity: notifications are change hints, see the NGSI-LD reference). Published
 * entities go through the {@code ngsild_entity} table (pending) so that a broker outage only delays them.
 */
@Component
@ConditionalOnExpression(NgsiLdBrokerConfiguration.BROKER)
public class NgsiLdContextStore implements ContextStore {

    static final String NS = "https://flexhub.io/ns/site#";
    static final String POWER = "activePower";
    private static final SiteVocabulary VOCABULARY = SiteVocabulary.shipped();
    /** What the cache holds of a device: a change to any of these is re-read. */
    static final List<String> DEVICE_ATTRIBUTES = List.of("name", "deviceKind", "congestionPoint", "ratedPower",
            "refBuilding");
    private static final Logger LOG = LoggerFactory.getLogger(NgsiLdContextStore.class);

    private record Snapshot(Map<String, Site> sites, Map<String, Device> devices, Map<String, FlexConfiguration> configs) {
    }

    private final NgsiLdClient client;
    private final SiteRepository repository;
    private final Clock clock;
    private final SiteEntities entities;
    private final Map<String, DailyProfile> profiles;
    private final ObjectMapper json = new ObjectMapper();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());
    private volatile Instant lastRefresh;

    public NgsiLdContextStore(@Qualifier("site") NgsiLdClient client, SiteRepository repository, Clock clock,
            HubProperties hub, SiteProperties site, ResourceLoader resources) {
        this.client = client;
        this.repository = repository;
        this.clock = clock;
        this.entities = new SiteEntities(List.of(client.config().contextUrl()));
        this.profiles = profiles(site, resources);
    }

    /** Re-reads every Building, device and FlexConfiguration; on failure the previous snapshot stays. */
    public synchronized void refresh() {
        Map<String, Site> sites = new LinkedHashMap<>();
        for (JsonNode b : client.queryEntities(SiteEntities.BUILDING, null)) {
            site(b).ifPresent(s -> sites.put(s.id(), s));
        }
        Map<String, Device> devices = new LinkedHashMap<>();
        for (DeviceKind kind : DeviceKind.values()) {
            for (JsonNode d : client.queryEntities(kind.ngsiLdType(), null)) {
                device(d, kind, sites).ifPresent(dev -> devices.put(dev.id(), dev));
            }
        }
        Map<String, FlexConfiguration> configs = new LinkedHashMap<>();
        for (JsonNode c : client.queryEntities(SiteEntities.FLEX_CONFIGURATION, null)) {
            configuration(c).ifPresent(fc -> configs.put(fc.id(), fc));
        }
        snapshot = new Snapshot(Map.copyOf(sites), Map.copyOf(devices), Map.copyOf(configs));
        lastRefresh = clock.instant();
        LOG.info("NGSI-LD context: {} site(s), {} device(s), {} FlexConfiguration(s)", sites.size(), devices.size(),
                configs.size());
    }

    public Optional<Instant> lastRefresh() {
        return Optional.ofNullable(lastRefresh);
    }

    /**
     * Applies a notification: the Buildings, devices and FlexConfigurations it names are read again from the broker
     * (gone there: dropped here). Types and attribute names are recognised short, expanded or under the default
     * prefix, whichever context the notification was compacted with. A device hint that carries only attributes the
     * cache does not hold (its {@code activePower} measurements) is no change. A Building change is a full re-read:
     * its devices may have been notified before it (and skipped for want of it) and follow its congestion point.
     */
    public void apply(NgsiLdNotification notification) {
        for (ObjectNode hint : notification.entities()) {
            String id = hint.path("id").asText(null);
            String type = typeTerm(hint.path("type").asText(""));
            if (id == null) {
                continue;
            }
            if (type.equals(SiteEntities.FLEX_CONFIGURATION)) {
                Optional<FlexConfiguration> now = client.getEntity(id, EntityOptions.NORMALIZED).flatMap(this::configuration);
                update(s -> {
                    Map<String, FlexConfiguration> m = new LinkedHashMap<>(s.configs());
                    now.ifPresentOrElse(c -> m.put(id, c), () -> m.remove(id));
                    return new Snapshot(s.sites(), s.devices(), Map.copyOf(m));
                });
            } else if (type.equals(SiteEntities.BUILDING)) {
                refresh();
            } else {
                Optional<DeviceKind> kind = java.util.Arrays.stream(DeviceKind.values())
                        .filter(k -> k.ngsiLdType().equals(type)).findFirst();
                if (kind.isPresent() && changesDevice(hint)) {
                    applyDevice(id, kind.get());
                }
            }
        }
    }

    private void applyDevice(String id, DeviceKind kind) {
        Optional<JsonNode> entity = client.getEntity(id, EntityOptions.NORMALIZED);
        update(s -> {
            Optional<Device> now = entity.flatMap(e -> device(e, kind, s.sites()));
            Map<String, Device> devices = new LinkedHashMap<>(s.devices());
            now.ifPresentOrElse(d -> devices.put(id, d), () -> devices.remove(id));
            return new Snapshot(s.sites(), Map.copyOf(devices), s.configs());
        });
    }

    /** Also a type under another vocabulary's namespace ({@code ...#FlexConfiguration}), as earlier versions took. */
    private static String typeTerm(String type) {
        return VOCABULARY.term(type).orElseGet(() -> {
            String last = type.substring(type.lastIndexOf('#') + 1);
            return VOCABULARY.term(last).filter(t -> type.contains("#")).orElse("");
        });
    }

    private static boolean changesDevice(ObjectNode hint) {
        boolean attributes = false;
        for (java.util.Iterator<String> names = hint.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("id") || name.equals("type") || name.startsWith("@")) {
                continue;
            }
            attributes = true;
            if (DEVICE_ATTRIBUTES.contains(VOCABULARY.term(name).orElse(name))) {
                return true;
            }
        }
        return !attributes;
    }

    private synchronized void update(java.util.function.UnaryOperator<Snapshot> change) {
        snapshot = change.apply(snapshot);
    }

    @Override
    public List<Site> sites() {
        return List.copyOf(snapshot.sites().values());
    }

    @Override
    public Optional<Site> siteByCongestionPoint(String congestionPoint) {
        return snapshot.sites().values().stream().filter(s -> s.congestionPoint().equals(congestionPoint)).findFirst();
    }

    /**
     * A miss re-reads the broker (failures propagate, so the message is validated again later rather than rejected
     * for an outage): the snapshot may predate a building the DSO already trades on.
     */
    @Override
    public boolean knowsCongestionPoint(String congestionPoint) {
        if (ContextStore.super.knowsCongestionPoint(congestionPoint)) {
            return true;
        }
        refresh();
        return ContextStore.super.knowsCongestionPoint(congestionPoint);
    }

    @Override
    public List<Device> devices(String congestionPoint) {
        return snapshot.devices().values().stream().filter(d -> congestionPoint.equals(d.congestionPoint()))
                .sorted(java.util.Comparator.comparing(Device::id)).toList();
    }

    @Override
    public Optional<Device> device(String deviceId) {
        return Optional.ofNullable(snapshot.devices().get(deviceId));
    }

    @Override
    public List<FlexConfiguration> flexConfigurations() {
        return snapshot.configs().values().stream().sorted(java.util.Comparator.comparing(FlexConfiguration::id)).toList();
    }

    @Override
    public Optional<FlexConfiguration> flexConfiguration(String id) {
        return Optional.ofNullable(snapshot.configs().get(id));
    }

    @Override
    public Optional<FlexConfiguration> flexConfigurationOf(String deviceId) {
        return snapshot.configs().values().stream().filter(c -> c.refDevice().equals(deviceId)).findFirst();
    }

    /**
     * Written through to the broker (replace-upsert: the configuration is whole), then into the snapshot. A device the
     * snapshot does not know is looked for in the broker first (as {@link #knowsCongestionPoint} does): it may have
     * been added since the last refresh. Broker failures propagate as {@link NgsiLdException}s, a refusal included.
     */
    @Override
    public FlexConfiguration save(FlexConfiguration configuration) {
        if (!snapshot.devices().containsKey(configuration.refDevice())) {
            refresh();
        }
        if (!snapshot.devices().containsKey(configuration.refDevice())) {
            throw new IllegalArgumentException("refDevice " + configuration.refDevice()
                    + " is not a known device (not in the broker, or its refBuilding is not a known Building)");
        }
        ObjectNode entity = entities.flexConfiguration(configuration);
        entity.remove("@context");
        var result = client.upsert(List.of(entity), false);
        if (result.hasErrors()) {
            var e = result.errors().get(0);
            throw new NgsiLdException(e.status(), e.problemType(), e.title(), e.detail(),
                    "The broker refused " + configuration.id() + ": " + result.errors(), null);
        }
        update(s -> {
            Map<String, FlexConfiguration> m = new LinkedHashMap<>(s.configs());
            m.put(configuration.id(), configuration);
            return new Snapshot(s.sites(), s.devices(), Map.copyOf(m));
        });
        return configuration;
    }

    @Override
    public double[] baselineKw(String deviceId, Instant from, Duration isp, int count) {
        return baseline(deviceId, from, isp, count).kw();
    }

    /**
     * The device's measured {@code activePower} one week earlier (same weekday and time of day), ISP by ISP, read
     * completely from the temporal API; ISPs without history fall back to the device's profile from the site file
     * (zero when it has none), and the provenance says how many.
     */
    @Override
    public Baseline baseline(String deviceId, Instant from, Duration isp, int count) {
        Device device = device(deviceId).orElseThrow(() -> new IllegalArgumentException("Unknown device " + deviceId));
        ZoneId zone = snapshot.sites().containsKey(device.siteId()) ? snapshot.sites().get(device.siteId()).timeZone()
                : ZoneId.of("UTC");
        double[] out = profiles.getOrDefault(deviceId, DailyProfile.flat(0.0)).averageKw(zone, from, isp, count);
        Instant weekAgo = from.minus(Duration.ofDays(7));
        Instant end = weekAgo.plus(isp.multipliedBy(count));
        double[] sum = new double[count];
        int[] n = new int[count];
        String unavailable = null;
        try {
            TemporalQuery q = new TemporalQuery(device.kind().ngsiLdType(), List.of(POWER), "between", weekAgo, end,
                    "observedAt", null, isp);
            JsonNode history = client.temporalEntity(deviceId, q).orElse(null);
            if (history != null) {
                for (JsonNode instance : NgsiLdValues.instances(NgsiLdValues.attribute(history, POWER, NS + POWER))) {
                    Optional<Instant> at = NgsiLdValues.observedAt(instance);
                    OptionalDouble kw = NgsiLdValues.number(instance);
                    if (at.isEmpty() || kw.isEmpty() || at.get().isBefore(weekAgo) || !at.get().isBefore(end)) {
                        continue;
                    }
                    int i = (int) (Duration.between(weekAgo, at.get()).toMillis() / isp.toMillis());
                    sum[i] += kw.getAsDouble();
                    n[i]++;
                }
            }
        } catch (NgsiLdException e) {
            unavailable = e.getMessage();
        }
        int measured = 0;
        for (int i = 0; i < count; i++) {
            if (n[i] > 0) {
                out[i] = sum[i] / n[i];
                measured++;
            }
        }
        String provenance = unavailable != null
                ? "history unavailable (" + unavailable + "), " + count + " of " + count + " ISPs from profile"
                : measured == count ? "history: " + count + " of " + count + " ISPs"
                : "history: " + measured + " of " + count + " ISPs, " + (count - measured) + " filled from profile";
        if (measured < count) {
            LOG.warn("Baseline of {} from {}: {}", deviceId, weekAgo, provenance);
        }
        return new Baseline(out, measured, provenance);
    }

    /** Queued in {@code ngsild_entity} (pending) and upserted by the publish route with back-off. */
    @Override
    public void publish(List<Map<String, Object>> list) {
        Instant now = clock.instant();
        for (Map<String, Object> entity : list) {
            Object id = entity.get("id");
            Object type = entity.get("type");
            if (id == null || type == null) {
                throw new IllegalArgumentException("an NGSI-LD entity needs an id and a type");
            }
            try {
                repository.upsertEntity(id.toString(), type.toString(), json.writeValueAsString(entity), true, now);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("entity " + id + " is not serialisable", e);
            }
        }
    }

    private Optional<Site> site(JsonNode b) {
        try {
            List<String> recipients = NgsiLdValues.texts(attr(b, "recipients"));
            return Optional.of(new Site(b.path("id").asText(), NgsiLdValues.text(attr(b, "name")).orElse(null),
                    NgsiLdValues.text(attr(b, "congestionPoint")).orElseThrow(() -> new IllegalArgumentException("no congestionPoint")),
                    ZoneId.of(NgsiLdValues.text(attr(b, "timeZone")).orElse("UTC")),
                    NgsiLdValues.number(attr(b, "importLimit")).orElse(Double.MAX_VALUE),
                    NgsiLdValues.number(attr(b, "exportLimit")).orElse(Double.MAX_VALUE), recipients));
        } catch (RuntimeException e) {
            LOG.warn("Building {} skipped: {}", b.path("id").asText(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Device> device(JsonNode d, DeviceKind kind, Map<String, Site> sites) {
        String siteId = NgsiLdValues.text(attr(d, "refBuilding")).orElse(null);
        Site site = siteId == null ? null : sites.get(siteId);
        if (site == null) {
            LOG.debug("Device {} skipped: no known refBuilding", d.path("id").asText());
            return Optional.empty();
        }
        return Optional.of(new Device(d.path("id").asText(), siteId, NgsiLdValues.text(attr(d, "name")).orElse(null),
                kind, NgsiLdValues.text(attr(d, "congestionPoint")).orElse(site.congestionPoint()),
                NgsiLdValues.number(attr(d, "ratedPower")).orElse(0.0)));
    }

    private Optional<FlexConfiguration> configuration(JsonNode c) {
        try {
            ObjectNode shortNames = json.createObjectNode();
            for (String name : List.of("refDevice", "flexibilityType", "controllabilityFactor", "operationWindow")) {
                JsonNode a = attr(c, name);
                if (!a.isMissingNode()) {
                    shortNames.set(name, a);
                }
            }
            return Optional.of(SiteEntities.readFlexConfiguration(shortNames, c.path("id").asText(), null));
        } catch (RuntimeException e) {
            LOG.warn("FlexConfiguration {} skipped: {}", c.path("id").asText(), e.getMessage());
            return Optional.empty();
        }
    }

    private static JsonNode attr(JsonNode entity, String name) {
        return NgsiLdValues.attribute(entity, name, VOCABULARY.iri(name).orElse(name),
                NgsiLdValues.DEFAULT_CONTEXT_PREFIX + name);
    }

    private static Map<String, DailyProfile> profiles(SiteProperties site, ResourceLoader resources) {
        try (InputStream in = resources.getResource(site.file()).getInputStream()) {
            return SiteFile.read(in, site.file()).profiles();
        } catch (IOException | RuntimeException e) {
            LOG.warn("No device profiles ({}): baselines come from the broker's history only", e.getMessage());
            return Map.of();
        }
    }
}
