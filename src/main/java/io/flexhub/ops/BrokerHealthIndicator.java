package io.flexhub.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import io.flexhub.ngsild.NgsiLdProperties;

/**
 * Health {@code broker}: the NGSI-LD context broker answers {@code GET /ngsi-ld/v1/types} within the probe timeout.
 * Only present when {@code flexhub.ngsild.broker-url} is set; without a broker (embedded mode) there is nothing to
 * check and the {@code broker} group reports UNKNOWN.
 */
@Component("brokerHealthIndicator")
@ConditionalOnExpression("!'${flexhub.ngsild.broker-url:}'.isBlank()")
public class BrokerHealthIndicator implements HealthIndicator {

    private final URI probe;
    private final Duration timeout;
    private final HttpClient http;

    /** @param broker whose {@code brokerUrl} is already the API base, however the operator wrote it */
    public BrokerHealthIndicator(NgsiLdProperties broker, OpsProperties properties) {
        this.probe = URI.create(broker.brokerUrl() + "/types");
        this.timeout = properties.probeTimeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public Health health() {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(probe).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.discarding());
            long millis = (System.nanoTime() - start) / 1_000_000;
            Health.Builder health = response.statusCode() / 100 == 2 ? Health.up() : Health.down();
            return health.withDetail("url", probe.toString()).withDetail("httpStatus", response.statusCode())
                    .withDetail("millis", millis).build();
        } catch (IOException e) {
            return Health.down().withDetail("url", probe.toString())
                    .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("url", probe.toString()).withDetail("error", "interrupted").build();
        }
    }
}
