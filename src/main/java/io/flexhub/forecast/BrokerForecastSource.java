package io.flexhub.forecast;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.ngsild.client.EntityOptions;
import io.flexhub.ngsild.client.NgsiLdClient;

/**
 * Forecasts published in the context broker by the forecasting service: one {@code DayAheadForecast} entity per site
 * and local day, id {@code urn:ngsi-ld:DayAheadForecast:<site id's last segment>:<yyyy-MM-dd>}, read in key-values
 * form (see {@link ForecastDocuments}). Without a broker client (embedded mode) this source has nothing.
 */
@Component
@Order(1)
class BrokerForecastSource implements ForecastSource {

    private final ObjectProvider<NgsiLdClient> broker;
    private final ForecastProperties properties;
    private final Clock clock;

    // the site client: forecasts are site entities, under the site @context (the other client speaks UFTP terms)
    BrokerForecastSource(@Qualifier("site") ObjectProvider<NgsiLdClient> broker, ForecastProperties properties,
                         Clock clock) {
        this.broker = broker;
        this.properties = properties;
        this.clock = clock;
    }

    static String entityId(ForecastRequest request) {
        String site = request.site().id();
        return "urn:ngsi-ld:DayAheadForecast:" + site.substring(site.lastIndexOf(':') + 1) + ":" + request.day();
    }

    @Override
    public Provenance provenance() {
        return Provenance.BROKER;
    }

    @Override
    public Optional<SiteForecast> fetch(ForecastRequest request, StringBuilder why) {
        NgsiLdClient client = broker.getIfAvailable();
        if (client == null) {
            why.append("no context broker configured");
            return Optional.empty();
        }
        String id = entityId(request);
        Instant now = clock.instant();
        try {
            Optional<JsonNode> entity = client.getEntity(id, EntityOptions.keyValuesOnly());
            if (entity.isEmpty()) {
                why.append("broker has no ").append(id);
                return Optional.empty();
            }
            SiteForecast f = ForecastDocuments.read(entity.get(), request, Provenance.BROKER, now, "broker entity " + id);
            if (f.issuedAt().isBefore(now.minus(properties.maxAge()))) {
                why.append("broker forecast ").append(id).append(" is stale (issued ").append(f.issuedAt()).append(')');
                return Optional.empty();
            }
            return Optional.of(f);
        } catch (RuntimeException e) {
            why.append("broker forecast ").append(id).append(" unusable: ").append(e.getMessage());
            return Optional.empty();
        }
    }
}
