package io.flexhub.energy.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flexhub.site.DailyProfile;
import io.flexhub.site.DeviceKind;

/**
 * The demo building's meter: what its devices would have drawn, day by day, from their profiles plus weather and
 * behaviour. Deterministic: every value is a function of the seed, the device and the ISP (no state carried from
 * one call to the next), so a backfill, a live tick and a second instance sharing the database all write the same
 * numbers, and tests can assert them.
 *
 * <ul>
 * <li>Weather: cloudiness per day follows a smooth random curve through knots every {@value #WEATHER_KNOT_DAYS}
 *     days, so sunny and overcast days come in runs; overcast days also flicker within the day. PV is its profile
 *     scaled by the clear-sky share and a mild seasonal factor.</li>
 * <li>Consumers: the profile times a per-day factor (occupancy) and per-ISP noise; thermostats draw a little more on
 *     hot, sunny days.</li>
 * <li>EV chargers: on most days a session like the profile's, shifted by up to an hour and cut short or run at
 *     rated power as the car needs.</li>
 * <li>Battery: greedy self-consumption (charge from surplus, discharge into deficit) from half full at midnight,
 *     two hours of rated power as capacity.</li>
 * <li>Meter: the building's balance, import positive.</li>
 * </ul>
 */
public final class MeterSimulator {

    static final int WEATHER_KNOT_DAYS = 3;
    private static final double BATTERY_HOURS = 2.0;
    private static final double BATTERY_EFFICIENCY = 0.95;

    /** A device as the simulator needs it; the profile is the site file's (kW, PV negative). */
    public record SimDevice(String id, DeviceKind kind, double ratedKw, DailyProfile profile) {
    }

    /**
     * One simulated local day: each device's kW per ISP (the meter included) and the site's rows.
     */
    public record Day(LocalDate day, Instant start, Duration isp, Map<String, double[]> deviceKw, List<SiteIsp> site) {
    }

    private final long seed;
    private final ZoneId zone;
    private final Duration isp;
    private final List<SimDevice> devices;

    public MeterSimulator(long seed, ZoneId zone, Duration isp, List<SimDevice> devices) {
        this.seed = seed;
        this.zone = zone;
        this.isp = isp;
        this.devices = List.copyOf(devices);
    }

    public Day simulate(LocalDate day) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        int count = (int) (Duration.between(start, end).toMillis() / isp.toMillis());
        double cloud = cloudiness(day);
        long dayKey = day.toEpochDay();
        Map<String, double[]> kw = new LinkedHashMap<>();
        double[] load = new double[count];
        double[] pv = new double[count];
        double[] ev = new double[count];
        String meter = null;
        String battery = null;
        double batteryRated = 0;
        for (SimDevice d : devices) {
            if (d.kind() == DeviceKind.METER) {
                meter = d.id();
                continue;
            }
            if (d.kind() == DeviceKind.BATTERY) {
                battery = d.id();
                batteryRated += d.ratedKw();
                continue;
            }
            double[] base = d.profile() == null ? new double[count] : d.profile().averageKw(zone, start, isp, count);
            double[] v = switch (d.kind()) {
                case PV -> pv(d, base, day, cloud);
                case EV_CHARGER -> ev(d, base, dayKey);
                default -> consumer(d, base, dayKey, cloud);
            };
            kw.put(d.id(), v);
            for (int t = 0; t < count; t++) {
                switch (d.kind()) {
                    case PV -> pv[t] -= v[t];
                    case EV_CHARGER -> ev[t] += v[t];
                    default -> load[t] += v[t];
                }
            }
        }
        double[] bat = battery == null ? new double[count] : battery(batteryRated, load, pv, ev);
        if (battery != null) {
            kw.put(battery, bat);
        }
        double[] grid = new double[count];
        List<SiteIsp> rows = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            grid[t] = SiteIsp.balance(load[t], pv[t], ev[t], bat[t]);
            rows.add(new SiteIsp(start.plus(isp.multipliedBy(t)), load[t], pv[t], ev[t], bat[t], grid[t]));
        }
        if (meter != null) {
            kw.put(meter, grid);
        }
        return new Day(day, start, isp, kw, List.copyOf(rows));
    }

    /** 0 = clear sky, 1 = fully overcast. */
    public double cloudiness(LocalDate day) {
        long d = day.toEpochDay();
        long knot = Math.floorDiv(d, WEATHER_KNOT_DAYS);
        double into = (d - knot * WEATHER_KNOT_DAYS) / (double) WEATHER_KNOT_DAYS;
        // knots leaning to fair weather: more fair stretches than grey ones
        double a = Math.pow(unit(1, knot, 0), 1.4);
        double b = Math.pow(unit(1, knot + 1, 0), 1.4);
        double s = into * into * (3 - 2 * into);
        double c = a + (b - a) * s + 0.12 * (unit(2, d, 0) - 0.5);
        return Math.max(0.0, Math.min(1.0, c));
    }

    private double[] pv(SimDevice d, double[] base, LocalDate day, double cloud) {
        double season = 0.85 + 0.15 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 172) / 365.25);
        double clear = 1 - 0.85 * Math.pow(cloud, 1.1);
        long key = d.id().hashCode();
        long dayKey = day.toEpochDay();
        double[] v = new double[base.length];
        for (int t = 0; t < base.length; t++) {
            double flicker = 1 + 0.35 * cloud * gauss(key, dayKey, t);
            double p = base[t] * season * clear * Math.max(0.05, flicker);
            double limit = d.ratedKw() > 0 ? d.ratedKw() : Math.abs(p);
            v[t] = Math.max(-limit, Math.min(0.0, p));
        }
        return v;
    }

    private double[] consumer(SimDevice d, double[] base, long dayKey, double cloud) {
        long key = d.id().hashCode();
        double occupancy = 1 + 0.08 * gauss(key, dayKey, -1);
        double heat = d.kind() == DeviceKind.THERMOSTAT ? 1 + 0.1 * (0.5 - cloud) : 1.0;
        double[] v = new double[base.length];
        for (int t = 0; t < base.length; t++) {
            double p = base[t] * occupancy * heat * (1 + 0.06 * gauss(key, dayKey, t));
            double limit = d.ratedKw() > 0 ? d.ratedKw() : Double.MAX_VALUE;
            v[t] = Math.max(0.0, Math.min(limit, p));
        }
        return v;
    }

    private double[] ev(SimDevice d, double[] base, long dayKey) {
        long key = d.id().hashCode();
        double[] v = new double[base.length];
        if (unit(key, dayKey, -1) < 0.1) {
            return v;
        }
        int shift = (int) Math.floor(unit(key, dayKey, -2) * 7) - 3;
        double need = 0.55 + 0.6 * unit(key, dayKey, -3);
        double rated = d.ratedKw();
        // charging runs of the profile, each cut to the share of its length the car needs today
        int t = 0;
        while (t < base.length) {
            if (base[t] <= 0) {
                t++;
                continue;
            }
            int end = t;
            while (end < base.length && base[end] > 0) {
                end++;
            }
            int keep = t == 0 ? end : t + (int) Math.ceil((end - t) * Math.min(1.0, need));
            for (int i = t; i < keep; i++) {
                int at = i + shift;
                if (at >= 0 && at < v.length) {
                    v[at] = rated > 0 ? Math.min(rated, base[i]) : base[i];
                }
            }
            t = end;
        }
        return v;
    }

    private double[] battery(double ratedKw, double[] load, double[] pv, double[] ev) {
        double hours = isp.toMillis() / 3_600_000.0;
        double capacity = ratedKw * BATTERY_HOURS;
        double e = capacity / 2;
        double[] v = new double[load.length];
        for (int t = 0; t < load.length; t++) {
            double net = load[t] + ev[t] - pv[t];
            if (net < 0) {
                double p = Math.min(Math.min(-net, ratedKw), (capacity - e) / (BATTERY_EFFICIENCY * hours));
                e += p * BATTERY_EFFICIENCY * hours;
                v[t] = p;
            } else {
                double p = Math.min(Math.min(net, ratedKw), e * BATTERY_EFFICIENCY / hours);
                e -= p * hours / BATTERY_EFFICIENCY;
                v[t] = -p;
            }
        }
        return v;
    }

    /** Uniform in [0, 1), a pure function of the seed and three keys (splitmix64 finaliser). */
    private double unit(long a, long b, long c) {
        long x = seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL) ^ (c * 0x165667B19E3779F9L);
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        x = x ^ (x >>> 31);
        return (x >>> 11) * 0x1.0p-53;
    }

    /** Standard normal, Box-Muller over two of {@link #unit} values, clipped at 3 sigma. */
    private double gauss(long a, long b, long c) {
        double u1 = Math.max(1e-12, unit(a, b, 2 * c + 1000));
        double u2 = unit(a, b, 2 * c + 1001);
        double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.max(-3, Math.min(3, g));
    }
}
