package io.flexhub.flex.dr.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Per-ISP setpoints of one device for an ordered offer, scaled by the FlexOrder's activation factor: a partial
 * order runs every device at the same share of its planned deviation, which the offer LP allows because its
 * feasible set is convex. Setpoints are rounded to whole watts. A {@code null} setpoint means the device follows its own schedule in that ISP.
 *
 * @param firstIsp 0-based index (in the period) of the first ISP with a setpoint
 * @param kw       setpoints from {@code firstIsp} on, up to the last ISP with a deviation
 */
public record EventSetpoints(int firstIsp, List<Double> kw) {

    /** Deviations below 1 W are rounding noise of the LP, not a command worth sending. */
    static final double NO_DEVIATION_KW = 1e-3;

    public EventSetpoints {
        kw = Collections.unmodifiableList(new ArrayList<>(kw));
    }

    public int lastIsp() {
        return firstIsp + kw.size() - 1;
    }

    /** Curtailment: run at {@code baseline - reduction x factor}. */
    public static Optional<EventSetpoints> curtailment(double[] baselineKw, double[] reductionKw, double factor) {
        requireSameLength(baselineKw, reductionKw);
        double[] deviation = new double[baselineKw.length];
        for (int t = 0; t < baselineKw.length; t++) {
            deviation[t] = -reductionKw[t] * factor;
        }
        return span(baselineKw, deviation);
    }

    /** Shift: follow {@code baseline + (schedule - baseline) x factor}. */
    public static Optional<EventSetpoints> shift(double[] baselineKw, double[] scheduleKw, double factor) {
        requireSameLength(baselineKw, scheduleKw);
        double[] deviation = new double[baselineKw.length];
        for (int t = 0; t < baselineKw.length; t++) {
            deviation[t] = (scheduleKw[t] - baselineKw[t]) * factor;
        }
        return span(baselineKw, deviation);
    }

    /** The setpoints from ISP index {@code first} (0-based) on; empty when none is left. */
    public Optional<EventSetpoints> from(int first) {
        if (first <= firstIsp) {
            return Optional.of(this);
        }
        int skip = first - firstIsp;
        if (skip >= kw.size()) {
            return Optional.empty();
        }
        return of(kw.subList(skip, kw.size())).map(s -> new EventSetpoints(first + s.firstIsp(), s.kw()));
    }

    /** Setpoints given directly per ISP (null = own schedule), trimmed to the ISPs that have one. */
    public static Optional<EventSetpoints> of(List<Double> perIsp) {
        int first = -1;
        int last = -1;
        for (int t = 0; t < perIsp.size(); t++) {
            if (perIsp.get(t) != null) {
                first = first < 0 ? t : first;
                last = t;
            }
        }
        return first < 0 ? Optional.empty()
                : Optional.of(new EventSetpoints(first, perIsp.subList(first, last + 1)));
    }

    private static Optional<EventSetpoints> span(double[] baselineKw, double[] deviationKw) {
        List<Double> perIsp = new ArrayList<>(baselineKw.length);
        for (int t = 0; t < baselineKw.length; t++) {
            // whole watts, as UFTP counts them: LP round-off must not look like a different setpoint
            perIsp.add(Math.abs(deviationKw[t]) < NO_DEVIATION_KW ? null
                    : Math.round((baselineKw[t] + deviationKw[t]) * 1000.0) / 1000.0);
        }
        return of(perIsp);
    }

    private static void requireSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("plan has " + b.length + " ISP values but the baseline " + a.length);
        }
    }
}
