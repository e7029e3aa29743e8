package io.flexhub.site;

/**
 * A device's expected average power per ISP (kW, positive = consumption) and what it rests on, so that a report
 * never presents a baseline patched from the profile as measured history.
 *
 * @param fromHistory how many of the ISPs have measured history behind them
 * @param provenance  for reports, e.g. {@code history: 90 of 96 ISPs, 6 filled from profile}
 */
public record Baseline(double[] kw, int fromHistory, String provenance) {

    public Baseline {
        if (kw == null || fromHistory < 0 || fromHistory > kw.length || provenance == null) {
            throw new IllegalArgumentException("a baseline needs values, 0..n ISPs from history and a provenance");
        }
        kw = kw.clone();
    }

    /** A baseline from the device's profile only. */
    public static Baseline profile(double[] kw) {
        return new Baseline(kw, 0, "profile");
    }

    public boolean completeHistory() {
        return fromHistory == kw.length;
    }

    @Override
    public double[] kw() {
        return kw.clone();
    }
}
