package io.flexhub.site.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.io.ResourceLoader;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.site.ContextStore;
import io.flexhub.site.DailyProfile;
import io.flexhub.site.Device;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.Site;

/**
 * The building context when the hub has no NGSI-LD broker: sites, devices and profiles from the site file, kept
 * in the hub database together with the FlexConfigurations users edit and the entities the hub publishes.
 * Reads go to the database every time, so several instances sharing it see each other's edits.
 */
@Component
@ConditionalOnExpression(EmbeddedContextStore.EMBEDDED)
public class EmbeddedContextStore implements ContextStore, SmartInitializingSingleton {

    /** Active when no broker is configured. */
    public static final String EMBEDDED = "'${flexhub.ngsild.broker-url:}'.isBlank()";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedContextStore.class);

    private final SiteRepository repository;
    private final SiteProperties properties;
    private final ResourceLoader resources;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public EmbeddedContextStore(SiteRepository repository, SiteProperties properties, ResourceLoader resources,
            Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.resources = resources;
        this.clock = clock;
    }

    /** Seeds before the web server takes requests; a second instance seeding at the same moment just retries. */
    @Override
    public void afterSingletonsInstantiated() {
        SiteFile file = readSiteFile();
        try {
            repository.seed(file, clock.instant());
        } catch (DataIntegrityViolationException concurrentSeed) {
            repository.seed(file, clock.instant());
        }
        LOG.info("Site context from {}: {} site(s), {} device(s), {} FlexConfiguration(s)", properties.file(),
                file.sites().size(), file.devices().size(), file.configurations().size());
    }

    SiteFile readSiteFile() {
        try (InputStream in = resources.getResource(properties.file()).getInputStream()) {
            return SiteFile.read(in, properties.file());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the site file " + properties.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Site> sites() {
        return repository.sites();
    }

    @Override
    public Optional<Site> siteByCongestionPoint(String congestionPoint) {
        return repository.siteByCongestionPoint(congestionPoint);
    }

    @Override
    public List<Device> devices(String congestionPoint) {
        return repository.devicesAt(congestionPoint);
    }

    @Override
    public Optional<Device> device(String deviceId) {
        return repository.device(deviceId);
    }

    @Override
    public List<FlexConfiguration> flexConfigurations() {
        return repository.flexConfigurations();
    }

    @Override
    public Optional<FlexConfiguration> flexConfiguration(String id) {
        return repository.flexConfiguration(id);
    }

    @Override
    public Optional<FlexConfiguration> flexConfigurationOf(String deviceId) {
        return repository.flexConfigurationOf(deviceId);
    }

    @Override
    public FlexConfiguration save(FlexConfiguration configuration) {
        if (repository.device(configuration.refDevice()).isEmpty()) {
            throw new IllegalArgumentException("refDevice " + configuration.refDevice() + " is not a known device");
        }
        repository.flexConfigurationOf(configuration.refDevice())
                .filter(other -> !other.id().equals(configuration.id()))
                .ifPresent(other -> {
                    throw new IllegalArgumentException("refDevice " + configuration.refDevice()
                            + " is already configured by " + other.id());
                });
        repository.saveEdited(configuration, clock.instant());
        return configuration;
    }

    /** The device's profile in its site's local time: the embedded context has no forecasts or history. */
    @Override
    public double[] baselineKw(String deviceId, Instant from, Duration isp, int count) {
        Device device = repository.device(deviceId)
                .orElseThrow(() -> new IllegalArgumentException("Unknown device " + deviceId));
        Site site = repository.site(device.siteId())
                .orElseThrow(() -> new IllegalStateException("Device " + deviceId + " has no site"));
        DailyProfile profile = repository.profile(deviceId).orElseGet(() -> DailyProfile.flat(0.0));
        return profile.averageKw(site.timeZone(), from, isp, count);
    }

    /** Upserts with NGSI-LD {@code options=update} semantics: attributes not in the new version are kept. */
    @Override
    public void publish(List<Map<String, Object>> entities) {
        Instant now = clock.instant();
        for (Map<String, Object> entity : entities) {
            Object id = entity.get("id");
            Object type = entity.get("type");
            if (id == null || type == null) {
                throw new IllegalArgumentException("an NGSI-LD entity needs an id and a type");
            }
            ObjectNode merged = repository.entity(id.toString()).map(e -> read(e.json())).orElseGet(json::createObjectNode);
            merged.setAll(json.<ObjectNode>valueToTree(entity));
            repository.upsertEntity(id.toString(), type.toString(), write(merged), false, now);
        }
    }

    private ObjectNode read(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored entity is not JSON", e);
        }
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
