package io.flexhub.analytics;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import io.flexhub.analytics.model.Backtest;
import io.flexhub.analytics.model.HolidayCalendar;
import io.flexhub.analytics.model.ModelParameters;
import io.flexhub.analytics.model.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The grid-pattern model behind {@code /api/analytics/congestion-points/{cp}/**} (docs/analytics.md).
 *
 * @param cacheTtl                 fitted models are kept this long; history stored meanwhile shows after it (a
 *                                 congestion point not fitted yet is fitted at its first request)
 * @param historyDays              days of history read back from today for a fit
 * @param maxForecastDays          most days one forecast request may ask for
 * @param holidays                 the market's public holidays (day type "sunday-or-holiday")
 * @param halfLifeDays             see {@link ModelParameters}
 * @param cellStrength             see {@link ModelParameters}
 * @param poolStrengthDays         see {@link ModelParameters}
 * @param minPowerSamples          see {@link ModelParameters}
 * @param directionMinProbability  see {@link ModelParameters}
 * @param backtest                 defaults of the backtest, each overridable per request where the API says so
 * @param patterns                 windows and rate plans
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.analytics.model")
public record AnalyticsModelProperties(@NotNull Duration cacheTtl, @Min(28) @Max(3660) int historyDays,
                                       @Min(1) @Max(366) int maxForecastDays, @Valid @NotNull Holidays holidays,
                                       double halfLifeDays, double cellStrength, double poolStrengthDays,
                                       double minPowerSamples, double directionMinProbability,
                                       @NotNull Backtest.Parameters backtest, @NotNull Patterns.Parameters patterns) {

    public AnalyticsModelProperties {
        // fails start-up naming the setting rather than the first request
        parameters(halfLifeDays, cellStrength, poolStrengthDays, minPowerSamples, directionMinProbability);
        if (holidays != null) {
            holidays.calendar();
        }
    }

    public ModelParameters parameters() {
        return parameters(halfLifeDays, cellStrength, poolStrengthDays, minPowerSamples, directionMinProbability);
    }

    private static ModelParameters parameters(double halfLifeDays, double cellStrength, double poolStrengthDays,
                                              double minPowerSamples, double directionMinProbability) {
        try {
            return new ModelParameters(halfLifeDays, cellStrength, poolStrengthDays, minPowerSamples,
                    directionMinProbability);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flexhub.analytics.model: " + e.getMessage(), e);
        }
    }

    /**
     * @param country   {@code NL} (Dutch public holidays) or {@code NONE}
     * @param extraDays further holidays: {@code YYYY-MM-DD} once, {@code MM-DD} every year
     */
    public record Holidays(String country, List<String> extraDays) {

        public Holidays {
            extraDays = extraDays == null ? List.of() : List.copyOf(extraDays);
        }

        public HolidayCalendar calendar() {
            try {
                return HolidayCalendar.of(country, extraDays);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("flexhub.analytics.model.holidays: " + e.getMessage(), e);
            }
        }
    }
}
