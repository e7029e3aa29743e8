package io.flexhub.forecast;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The forecast chain of the nightly run: broker, then forecasting service, then the hub's history. Each source that
 * could not serve says why; the reasons travel with the forecast into the run report, and the forecast used is
 * stored (it is tomorrow's history).
 */
@Component("forecastPull")
public class ForecastPull {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastPull.class);

    private final List<ForecastSource> sources;
    private final ForecastStore store;

    /** Sources come in their {@code @Order}: broker, service, history. */
    public ForecastPull(List<ForecastSource> sources, ForecastStore store) {
        this.sources = List.copyOf(sources);
        this.store = store;
    }

    /**
     * @throws IllegalStateException when no source, not even the history, has anything (a site without devices
     *                               or past forecasts)
     */
    public SiteForecast pull(ForecastRequest request) {
        StringBuilder tried = new StringBuilder();
        for (ForecastSource source : sources) {
            StringBuilder why = new StringBuilder();
            Optional<SiteForecast> f = source.fetch(request, why);
            if (f.isPresent()) {
                String detail = f.get().detail() + (tried.isEmpty() ? "" : " (" + tried + ")");
                SiteForecast used = f.get().withDetail(detail);
                store.save(used, request.day());
                LOG.info("forecast for {} on {}: {} - {}", request.site().id(), request.day(), used.provenance(), detail);
                return used;
            }
            if (!tried.isEmpty()) {
                tried.append("; ");
            }
            tried.append(source.provenance()).append(": ").append(why);
        }
        throw new IllegalStateException("no forecast for " + request.site().id() + " on " + request.day() + ": " + tried);
    }
}
