package io.flexhub.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Day-ahead forecast of one site: PV generation and non-controllable consumption, both as ISP averages in kW
 * (not energies, not instantaneous values), both non-negative, one value per ISP from {@code start}.
 *
 * @param detail why this source was used (and why the earlier ones were not), for the report
 */
public record SiteForecast(String siteId, Instant start, Duration isp, double[] pvKw, double[] loadKw,
        Provenance provenance, Instant issuedAt, String detail) {

    public SiteForecast {
        if (siteId == null || start == null || isp == null || pvKw == null || loadKw == null || provenance == null) {
            throw new IllegalArgumentException("site, start, ISP, PV, load and provenance are required");
        }
        if (pvKw.length != loadKw.length || pvKw.length == 0) {
            throw new IllegalArgumentException("PV and load need the same, non-zero number of ISPs");
        }
        pvKw = pvKw.clone();
        loadKw = loadKw.clone();
        for (int t = 0; t < pvKw.length; t++) {
            if (!Double.isFinite(pvKw[t]) || !Double.isFinite(loadKw[t]) || pvKw[t] < 0 || loadKw[t] < 0) {
                throw new IllegalArgumentException("ISP " + t + ": PV and load must be finite kW >= 0, got "
                        + pvKw[t] + " / " + loadKw[t]);
            }
        }
    }

    public int isps() {
        return pvKw.length;
    }

    @Override
    public double[] pvKw() {
        return pvKw.clone();
    }

    @Override
    public double[] loadKw() {
        return loadKw.clone();
    }

    public SiteForecast withDetail(String newDetail) {
        return new SiteForecast(siteId, start, isp, pvKw, loadKw, provenance, issuedAt, newDetail);
    }

    @Override
    public String toString() {
        return "SiteForecast[" + siteId + ", " + start + ", " + provenance + ", pv " + Arrays.stream(pvKw).sum()
                + " kW-ISPs, load " + Arrays.stream(loadKw).sum() + " kW-ISPs]";
    }
}
