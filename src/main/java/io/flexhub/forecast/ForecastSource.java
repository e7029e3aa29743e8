package io.flexhub.forecast;

import java.util.Optional;

/** One link of the forecast chain: broker, forecasting service, history. */
public interface ForecastSource {

    Provenance provenance();

    /**
     * @return the forecast, or empty with the reason given to {@code why} (missing, stale, timeout, bad answer);
     *         never throws for an unavailable source
     */
    Optional<SiteForecast> fetch(ForecastRequest request, StringBuilder why);
}
