package io.flexhub.energy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.flexhub.energy.model.MeterSimulator;
import io.flexhub.energy.model.SiteIsp;
import io.flexhub.site.ContextStore;
import io.flexhub.site.DailyProfile;
import io.flexhub.site.Device;
import io.flexhub.site.Site;
import io.flexhub.site.embedded.EmbeddedContextStore;
import io.flexhub.site.embedded.SiteRepository;
import io.flexhub.usef.UsefProperties;

/**
 * The simulated meter of the embedded site(s) ({@code energy-meter.camel.yaml}): each tick writes the ISPs completed
 * since the last row, so the first tick backfills {@code flexhub.energy.simulator.backfill-days} and later ticks one
 * ISP at a time. Does nothing in broker mode or when the simulator is off.
 */
@Component("energyDemoMeter")
public class DemoMeter {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMeter.class);

    private final EnergyStore store;
    private final ContextStore context;
    private final SiteRepository repository;
    private final boolean embedded;
    private final EnergyProperties.Simulator properties;
    private final Duration isp;
    private final Clock clock;

    public DemoMeter(EnergyStore store, ContextStore context, SiteRepository repository,
            ObjectProvider<EmbeddedContextStore> embedded, EnergyProperties properties, UsefProperties usef,
            Clock clock) {
        this.store = store;
        this.context = context;
        this.repository = repository;
        this.embedded = embedded.getIfAvailable() != null;
        this.properties = properties.simulator();
        this.isp = usef.market().ispDuration();
        this.clock = clock;
    }

    public boolean active() {
        return embedded && properties.enabled();
    }

    /** Writes every completed ISP not written yet, of every site; returns how many site ISPs it wrote. */
    public int tick() {
        if (!active()) {
            return 0;
        }
        int written = 0;
        for (Site site : context.sites()) {
            written += fill(site, clock.instant());
        }
        return written;
    }

    int fill(Site site, Instant now) {
        Instant until = floor(now);
        Instant earliest = until.minus(Duration.ofDays(properties.backfillDays()));
        Instant from = store.range(site.id()).map(r -> r[1].plus(isp)).filter(f -> f.isAfter(earliest)).orElse(earliest);
        if (!from.isBefore(until)) {
            return 0;
        }
        Map<String, Device> known = new java.util.LinkedHashMap<>();
        context.devices(site.congestionPoint()).stream().filter(dev -> dev.siteId().equals(site.id()))
                .forEach(dev -> known.put(dev.id(), dev));
        MeterSimulator simulator = simulator(site, known.values());
        long started = System.nanoTime();
        int written = 0;
        LocalDate day = from.atZone(site.timeZone()).toLocalDate();
        LocalDate last = until.minusNanos(1).atZone(site.timeZone()).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            MeterSimulator.Day d = simulator.simulate(day);
            List<SiteIsp> rows = new ArrayList<>();
            List<EnergyStore.DeviceIsp> devices = new ArrayList<>();
            for (int t = 0; t < d.site().size(); t++) {
                SiteIsp row = d.site().get(t);
                if (row.start().isBefore(from) || !row.start().isBefore(until)) {
                    continue;
                }
                rows.add(row);
                for (Map.Entry<String, double[]> e : d.deviceKw().entrySet()) {
                    Device dev = known.get(e.getKey());
                    devices.add(new EnergyStore.DeviceIsp(dev.id(), site.id(), dev.kind(), row.start(), e.getValue()[t], 0));
                }
            }
            store.append(site.id(), devices, rows, EnergyStore.Source.SIMULATED);
            written += rows.size();
        }
        if (written > 1) {
            LOG.info("Simulated meter of {}: {} ISP(s) from {} written in {} ms", site.id(), written, from,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return written;
    }

    MeterSimulator simulator(Site site, java.util.Collection<Device> siteDevices) {
        List<MeterSimulator.SimDevice> devices = new ArrayList<>();
        for (Device d : siteDevices) {
            DailyProfile profile = repository.profile(d.id()).orElse(null);
            devices.add(new MeterSimulator.SimDevice(d.id(), d.kind(), d.ratedPowerKw(), profile));
        }
        return new MeterSimulator(properties.seed() ^ site.id().hashCode(), site.timeZone(), isp, devices);
    }

    private Instant floor(Instant t) {
        long ms = isp.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }
}
