package io.flexhub.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.flexhub.site.ContextStore;
import io.flexhub.site.Device;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.Site;

/** Building context held in memory for end-to-end tests; tests add sites and devices and set flat baselines. */
public final class TestSiteContext implements ContextStore {

    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final List<Device> devices = new CopyOnWriteArrayList<>();
    private final Map<String, FlexConfiguration> configurations = new ConcurrentHashMap<>();
    private final Map<String, Double> baselines = new ConcurrentHashMap<>();

    public void add(Site site) {
        sites.put(site.congestionPoint(), site);
    }

    public void add(Device device, FlexConfiguration configuration, double baselineKw) {
        devices.removeIf(d -> d.id().equals(device.id()));
        devices.add(device);
        if (configuration != null) {
            configurations.put(configuration.id(), configuration);
        }
        baselines.put(device.id(), baselineKw);
    }

    public void baseline(String deviceId, double kw) {
        baselines.put(deviceId, kw);
    }

    @Override
    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    @Override
    public Optional<Site> siteByCongestionPoint(String congestionPoint) {
        return Optional.ofNullable(sites.get(congestionPoint));
    }

    @Override
    public List<Device> devices(String congestionPoint) {
        return devices.stream().filter(d -> congestionPoint.equals(d.congestionPoint())).toList();
    }

    @Override
    public Optional<Device> device(String deviceId) {
        return devices.stream().filter(d -> d.id().equals(deviceId)).findFirst();
    }

    @Override
    public List<FlexConfiguration> flexConfigurations() {
        return List.copyOf(configurations.values());
    }

    @Override
    public Optional<FlexConfiguration> flexConfiguration(String id) {
        return Optional.ofNullable(configurations.get(id));
    }

    @Override
    public Optional<FlexConfiguration> flexConfigurationOf(String deviceId) {
        return configurations.values().stream().filter(c -> c.refDevice().equals(deviceId)).findFirst();
    }

    @Override
    public FlexConfiguration save(FlexConfiguration configuration) {
        configurations.put(configuration.id(), configuration);
        return configuration;
    }

    @Override
    public double[] baselineKw(String deviceId, Instant from, Duration isp, int count) {
        double[] values = new double[count];
        Arrays.fill(values, baselines.getOrDefault(deviceId, 0.0));
        return values;
    }

    @Override
    public void publish(List<Map<String, Object>> entities) {
        // nothing to publish to in tests
    }
}
