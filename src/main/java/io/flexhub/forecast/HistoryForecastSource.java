package io.flexhub.forecast;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.flexhub.site.Baseline;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Device;
import io.flexhub.site.DeviceKind;

/**
 * The hub's own forecast, always available, so a night without broker and service still gets a plan:
 * <ol>
 * <li>the mean, ISP by ISP, of the forecasts used on the same weekday of the last {@code history-weeks} weeks (the
 * same weekday and ISP carry the site's weekly pattern: occupancy, tariff periods); days with another number of ISPs
 * (daylight-saving changes) are left out;</li>
 * <li>else the devices' baselines from the context store, summed per site: PV devices give the generation (their
 * baseline is negative), the other consumers the load. EV chargers and batteries are left out of the load because
 * the optimiser plans them, meters because they would count the building twice. The detail names every device
 * whose baseline is not wholly measured history, with what was missing.</li>
 * </ol>
 */
@Component
@Order(3)
public class HistoryForecastSource implements ForecastSource {

    private final ForecastStore store;
    private final ContextStore context;
    private final ForecastProperties properties;
    private final Clock clock;

    HistoryForecastSource(ForecastStore store, ContextStore context, ForecastProperties properties, Clock clock) {
        this.store = store;
        this.context = context;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Provenance provenance() {
        return Provenance.HISTORY;
    }

    @Override
    public Optional<SiteForecast> fetch(ForecastRequest request, StringBuilder why) {
        List<LocalDate> days = new ArrayList<>();
        for (int w = 1; w <= properties.historyWeeks(); w++) {
            days.add(request.day().minusWeeks(w));
        }
        List<SiteForecast> past = store.latestFor(request.site().id(), days).stream()
                .filter(f -> f.isps() == request.count() && f.isp().equals(request.isp())).toList();
        if (!past.isEmpty()) {
            double[] pv = new double[request.count()];
            double[] load = new double[request.count()];
            for (SiteForecast f : past) {
                double[] p = f.pvKw();
                double[] l = f.loadKw();
                for (int t = 0; t < pv.length; t++) {
                    pv[t] += p[t] / past.size();
                    load[t] += l[t] / past.size();
                }
            }
            return Optional.of(new SiteForecast(request.site().id(), request.start(), request.isp(), pv, load,
                    Provenance.HISTORY, clock.instant(), "mean of " + past.size() + " past forecast(s) of the same weekday"));
        }
        double[] pv = new double[request.count()];
        double[] load = new double[request.count()];
        int devices = 0;
        int complete = 0;
        Map<String, List<String>> partial = new LinkedHashMap<>();
        for (Device d : context.devices(request.site().congestionPoint())) {
            if (d.kind() == DeviceKind.EV_CHARGER || d.kind() == DeviceKind.BATTERY || d.kind() == DeviceKind.METER) {
                continue;
            }
            Baseline baseline = context.baseline(d.id(), request.start(), request.isp(), request.count());
            double[] kw = baseline.kw();
            devices++;
            if (baseline.completeHistory()) {
                complete++;
            } else {
                partial.computeIfAbsent(baseline.provenance(), k -> new ArrayList<>()).add(d.id());
            }
            for (int t = 0; t < kw.length && t < pv.length; t++) {
                if (d.kind() == DeviceKind.PV) {
                    pv[t] += Math.max(0.0, -kw[t]);
                } else {
                    load[t] += Math.max(0.0, kw[t]);
                }
            }
        }
        StringBuilder missing = new StringBuilder();
        partial.forEach((what, ids) -> missing.append("; ").append(what).append(" for ").append(String.join(", ", ids)));
        if (devices == 0) {
            why.append("no past forecasts and no devices with a baseline");
            return Optional.empty();
        }
        return Optional.of(new SiteForecast(request.site().id(), request.start(), request.isp(), pv, load,
                Provenance.HISTORY, clock.instant(), "device baselines of " + devices + " device(s) summed"
                + " (complete history for " + complete + missing + ")"));
    }
}
