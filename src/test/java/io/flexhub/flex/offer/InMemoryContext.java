package io.flexhub.flex.offer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

import io.flexhub.site.ContextStore;
import io.flexhub.site.DailyWindow;
import io.flexhub.site.Device;
import io.flexhub.site.DeviceKind;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.FlexibilityType;
import io.flexhub.site.Site;

/** A context store held in memory: one site, its devices, configurations and per-ISP baseline profiles. */
public final class InMemoryContext implements ContextStore {

    public static final String CP = "ean.871685900012636543";

    private final Site site;
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, FlexConfiguration> configs = new LinkedHashMap<>();
    private final Map<String, IntToDoubleFunction> profiles = new LinkedHashMap<>();

    public InMemoryContext(ZoneId zone) {
        this.site = new Site("urn:ngsi-ld:Building:test", "test", CP, zone, 500, 200, List.of());
    }

    public InMemoryContext controllable(String id, double ratedKw, double factor, IntToDoubleFunction baseline) {
        return add(id, DeviceKind.THERMOSTAT, ratedKw, FlexibilityType.CONTROLLABLE, factor, null, baseline);
    }

    public InMemoryContext shiftable(String id, double ratedKw, String from, String to, IntToDoubleFunction baseline) {
        return add(id, DeviceKind.EV_CHARGER, ratedKw, FlexibilityType.SHIFTABLE, null,
                new DailyWindow(LocalTime.parse(from), LocalTime.parse(to)), baseline);
    }

    public InMemoryContext fixed(String id, double ratedKw, IntToDoubleFunction baseline) {
        return add(id, DeviceKind.SMART_PLUG, ratedKw, FlexibilityType.NON_SHIFTABLE, null, null, baseline);
    }

    private InMemoryContext add(String id, DeviceKind kind, double ratedKw, FlexibilityType type, Double factor,
            DailyWindow window, IntToDoubleFunction baseline) {
        devices.put(id, new Device(id, site.id(), id, kind, CP, ratedKw));
        configs.put(id, new FlexConfiguration("urn:ngsi-ld:FlexConfiguration:" + id, id, type, factor, window));
        profiles.put(id, baseline);
        return this;
    }

    @Override
    public List<Site> sites() {
        return List.of(site);
    }

    @Override
    public Optional<Site> siteByCongestionPoint(String congestionPoint) {
        return CP.equals(congestionPoint) ? Optional.of(site) : Optional.empty();
    }

    @Override
    public List<Device> devices(String congestionPoint) {
        return CP.equals(congestionPoint) ? new ArrayList<>(devices.values()) : List.of();
    }

    @Override
    public Optional<Device> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public List<FlexConfiguration> flexConfigurations() {
        return new ArrayList<>(configs.values());
    }

    @Override
    public Optional<FlexConfiguration> flexConfiguration(String id) {
        return configs.values().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    @Override
    public Optional<FlexConfiguration> flexConfigurationOf(String deviceId) {
        return Optional.ofNullable(configs.get(deviceId));
    }

    @Override
    public FlexConfiguration save(FlexConfiguration configuration) {
        configs.put(configuration.refDevice(), configuration);
        return configuration;
    }

    /** The profile is indexed by ISP of the requested span. */
    @Override
    public double[] baselineKw(String deviceId, Instant from, Duration isp, int count) {
        double[] out = new double[count];
        for (int t = 0; t < count; t++) {
            out[t] = profiles.get(deviceId).applyAsDouble(t);
        }
        return out;
    }

    @Override
    public void publish(List<Map<String, Object>> entities) {
        throw new UnsupportedOperationException("not needed by the offer engine");
    }
}
