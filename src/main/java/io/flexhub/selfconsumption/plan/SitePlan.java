package io.flexhub.selfconsumption.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.flexhub.selfconsumption.optimizer.Battery;
import io.flexhub.selfconsumption.optimizer.Building;
import io.flexhub.selfconsumption.optimizer.EvSession;
import io.flexhub.selfconsumption.optimizer.GridHeadroom;
import io.flexhub.selfconsumption.optimizer.GridLimits;
import io.flexhub.site.Site;

/**
 * One site's day as the optimiser sees it: the {@link Building} built from the forecasts, tariff, connection limits
 * and assets, plus where each planned EV session sits in the horizon (for actuation).
 *
 * @param sessions planned part of each EV session: {@code [fromIsp, toIsp)} in this horizon, at its charger
 */
public record SitePlan(Site site, LocalDate day, Instant start, Duration isp, Building building,
        List<PlannedSession> sessions, String batteryDeviceId) {

    public record PlannedSession(String sessionId, String chargerId, int fromIsp, int toIsp) {
    }

    /**
     * @param pvKw   PV forecast, ISP averages in kW (>= 0)
     * @param loadKw non-controllable load forecast, ISP averages in kW (>= 0)
     */
    public static SitePlan of(Site site, LocalDate day, Instant start, Duration isp, double[] pvKw, double[] loadKw,
            SiteAssets assets, Tariff tariff) {
        int count = pvKw.length;
        Tariff prices = assets.tariff() != null ? assets.tariff() : tariff;
        List<EvSession> evs = new ArrayList<>();
        List<PlannedSession> planned = new ArrayList<>();
        for (SiteAssets.EvAsset e : assets.evSessions()) {
            int arrival = ispIndex(site, day, start, isp, count, e.arrival());
            int departure = ispIndex(site, day, start, isp, count, e.departure());
            if (departure == 0 && !e.departure().equals(e.arrival())) {
                // departure at midnight: the session runs to the horizon end
                departure = count;
            }
            evs.add(new EvSession(e.id(), e.vehicle(), e.capacityKwh(), e.soc(), e.socMin(), e.socMax(), e.maxKw(),
                    e.minKw(), e.chargeEfficiency(), arrival, departure, e.requiredKwh(), null));
            planned.add(arrival > departure
                    ? new PlannedSession(e.id(), e.chargerId(), 0, departure)
                    : new PlannedSession(e.id(), e.chargerId(), arrival, departure));
        }
        Battery battery = null;
        String batteryId = null;
        if (assets.battery() != null) {
            SiteAssets.BatteryAsset b = assets.battery();
            double eff = Math.sqrt(b.roundTripEfficiency());
            battery = new Battery(b.capacityKwh(), b.soc(), b.socMin(), b.socMax(), b.maxChargeKw(), b.maxDischargeKw(),
                    eff, eff, null, null);
            batteryId = b.deviceId();
        }
        GridLimits grid = new GridLimits(limit(site.importLimitKw(), count), limit(site.exportLimitKw(), count));
        Building building = new Building(site.id(), pvKw, loadKw, prices.importPrices(start, isp, count, site.timeZone()),
                prices.exportPrices(count), grid, evs, battery);
        return new SitePlan(site, day, start, isp, building, List.copyOf(planned), batteryId);
    }

    /** The same plan keeping this grid headroom (null: none). */
    public SitePlan withHeadroom(GridHeadroom headroom) {
        return new SitePlan(site, day, start, isp, building.withHeadroom(headroom), sessions, batteryDeviceId);
    }

    /** The ISP that starts at the local time on this day (ISPs from local midnight; DST days have 92 or 100). */
    static int ispIndex(Site site, LocalDate day, Instant start, Duration isp, int count, LocalTime time) {
        Instant at = ZonedDateTime.of(day, time, site.timeZone()).toInstant();
        long idx = Duration.between(start, at).toMinutes() / isp.toMinutes();
        return (int) Math.max(0, Math.min(count, idx));
    }

    /** A connection limit that is not a finite, non-negative number is no limit. */
    private static double[] limit(double kw, int count) {
        if (!Double.isFinite(kw) || kw < 0) {
            return null;
        }
        double[] out = new double[count];
        Arrays.fill(out, kw);
        return out;
    }
}
