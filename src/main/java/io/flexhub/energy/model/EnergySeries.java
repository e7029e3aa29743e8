package io.flexhub.energy.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A site's ISP values bucketed for the building page. Measured series: a bucket is the mean (kW) or the energy
 * (kWh) of the ISPs measured in it, null when none is. Forecast series: null unless every ISP of the bucket has a
 * forecast, so that a day's forecast energy is never a part of a day held against a whole one.
 */
public final class EnergySeries {

    /** Series names in the order of the API's {@code series} object. */
    public static final List<String> MEASURED = List.of("load", "pv", "ev", "battery", "grid");
    public static final List<String> FORECAST = List.of("loadForecast", "pvForecast");

    public record View(List<Instant> timestamps, Map<String, Double[]> series) {
    }

    private EnergySeries() {
    }

    /**
     * @param measured per name of {@link #MEASURED}, values on {@code grid} (NaN: not measured)
     * @param forecast per name of {@link #FORECAST}, values on {@code grid} (NaN: no forecast)
     * @param starts   bucket starts ({@link Resolution#starts}), each bucket ending where the next starts
     */
    public static View bucket(IspGrid grid, Map<String, double[]> measured, Map<String, double[]> forecast,
            List<Instant> starts, Resolution resolution, ZoneId zone) {
        int n = starts.size();
        Map<String, Double[]> out = new LinkedHashMap<>();
        for (String name : MEASURED) {
            out.put(name, new Double[n]);
        }
        for (String name : FORECAST) {
            out.put(name, new Double[n]);
        }
        double hours = grid.hours();
        for (int b = 0; b < n; b++) {
            Instant end = b + 1 < n ? starts.get(b + 1) : resolution.next(starts.get(b), zone, grid.isp());
            int from = grid.ceil(starts.get(b));
            int to = grid.ceil(end);
            for (String name : MEASURED) {
                out.get(name)[b] = measuredBucket(measured.get(name), from, to, resolution.power(), hours);
            }
            for (String name : FORECAST) {
                out.get(name)[b] = completeBucket(forecast.get(name), from, to, resolution.power(), hours);
            }
        }
        return new View(List.copyOf(starts), out);
    }

    private static Double measuredBucket(double[] v, int from, int to, boolean power, double hours) {
        if (v == null) {
            return null;
        }
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(v[i])) {
                sum += v[i];
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        return round(power ? sum / n : sum * hours);
    }

    private static Double completeBucket(double[] v, int from, int to, boolean power, double hours) {
        if (v == null || to <= from) {
            return null;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            if (Double.isNaN(v[i])) {
                return null;
            }
            sum += v[i];
        }
        return round(power ? sum / (to - from) : sum * hours);
    }

    /** Watt(-hour) precision: more digits are noise and only make a year of ISPs heavier to send. */
    public static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    /** The timestamps as ISO strings, the form the page and CSV downloads show. */
    public static List<String> isoTimestamps(List<Instant> starts) {
        List<String> out = new ArrayList<>(starts.size());
        starts.forEach(s -> out.add(s.toString()));
        return out;
    }
}
