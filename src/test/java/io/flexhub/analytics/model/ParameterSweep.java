package io.flexhub.analytics.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.flexhub.analytics.history.CongestionDay;

/**
 * How half-life and cell strength trade off on the synthetic DSO (not a test): 3 years of history (2023-2025) of
 * {@code points} congestion points, the forecast of 2026 against the true probabilities (mean absolute error) and
 * the lead-1 Brier score of the default backtest, for a grid of both parameters.
 * {@code scripts/bench-analytics.sh --sweep [points=10]}.
 */
public final class ParameterSweep {

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        SyntheticDso dso = new SyntheticDso(ModelFixtures.FEATURES, 7);
        Map<String, SyntheticDso.Profile> points = dso.portfolio(count);
        Map<String, List<CongestionDay>> history =
                ModelFixtures.histories(dso, points, LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31));
        System.out.printf("%-10s %6s %10s %14s%n", "half-life", "k", "MAE 2026", "Brier lead 1");
        for (double halfLife : new double[] {90, 180, 365, 730, 1e9}) {
            for (double k : new double[] {2, 6, 15}) {
                GridPatternModel model = ModelFixtures.model(ModelParameters.defaults().withHalfLifeDays(halfLife)
                        .withCellStrength(k));
                GridPatternModel.Fitted fitted = model.fit(history);
                double error = 0;
                for (Map.Entry<String, SyntheticDso.Profile> e : points.entrySet()) {
                    error += ModelFixtures.meanAbsError(fitted.point(e.getKey()).orElseThrow()
                            .forecast(LocalDate.of(2026, 1, 1), 365), dso, e.getValue());
                }
                double brier = new Backtest(model).run(history, history.keySet(), Backtest.Parameters.defaults())
                        .values().stream().mapToDouble(r -> r.leads().get(0).model().brier()).average().orElseThrow();
                System.out.printf(Locale.ROOT, "%-10s %6.0f %10.4f %14.5f%n",
                        halfLife > 1e8 ? "none" : String.format(Locale.ROOT, "%.0f d", halfLife), k, error / count, brier);
            }
        }
    }
}
