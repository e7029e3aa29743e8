package io.flexhub.ops;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import io.flexhub.common.http.CamelHttpTransport;
import io.flexhub.common.http.HttpAnswer;
import io.flexhub.common.http.HttpCall;
import io.flexhub.common.http.HttpTransport;
import io.flexhub.common.http.OutboundHttpProperties;
import io.flexhub.ngsild.NgsiLdProperties;

/**
 * Health {@code broker}: the NGSI-LD context broker answers {@code GET /ngsi-ld/v1/types} within the probe timeout.
 * Only present when {@code flexhub.ngsild.broker-url} is set; without a broker (embedded mode) there is nothing to
 * check and the {@code broker} group reports UNKNOWN. The call goes through the route {@code ops-broker-health}.
 */
@Component("brokerHealthIndicator")
@ConditionalOnExpression("!'${flexhub.ngsild.broker-url:}'.isBlank()")
public class BrokerHealthIndicator implements HealthIndicator {

    /** The route of ops-broker-health.camel.yaml. */
    public static final String ROUTE = "direct:ops-broker-health";

    private final HttpCall probe;
    private final HttpTransport http;

    /** @param broker whose {@code brokerUrl} is already the API base, however the operator wrote it */
    public BrokerHealthIndicator(NgsiLdProperties broker, OpsProperties properties, ProducerTemplate producer,
            OutboundHttpProperties pool) {
        this.probe = new HttpCall("GET", URI.create(broker.brokerUrl() + "/types"), Map.of("Accept", "application/json"),
                null, properties.probeTimeout());
        this.http = new CamelHttpTransport(producer, ROUTE, properties.probeTimeout(), properties.probeTimeout(), pool);
    }

    @Override
    public Health health() {
        long start = System.nanoTime();
        try {
            HttpAnswer response = http.send(probe);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Health.Builder health = response.status() / 100 == 2 ? Health.up() : Health.down();
            return health.withDetail("url", probe.uri().toString()).withDetail("httpStatus", response.status())
                    .withDetail("millis", millis).build();
        } catch (IOException | RuntimeException e) {
            return Health.down().withDetail("url", probe.uri().toString())
                    .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
