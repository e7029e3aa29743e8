package io.flexhub.forecast;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Where day-ahead forecasts come from.
 *
 * @param serviceUrl     forecasting service endpoint; empty: not asked (broker, then history)
 * @param maxWait          how long a run waits for the service's answer in total before falling back to history
 * @param pollInterval   between polls when the service answers 202 (forecast being computed)
 * @param maxAge         a broker or service forecast issued longer ago than this is stale
 * @param historyWeeks   how many past same weekdays the history fallback averages
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.forecast")
public record ForecastProperties(URI serviceUrl, @NotNull Duration maxWait, @NotNull Duration pollInterval,
        @NotNull Duration maxAge, int historyWeeks) {

    public boolean serviceConfigured() {
        return serviceUrl != null && !serviceUrl.toString().isBlank();
    }
}
