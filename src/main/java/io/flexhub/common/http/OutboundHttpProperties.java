package io.flexhub.common.http;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connection pool of each outbound camel-http endpoint (broker, health check, forecasting service, probes). The
 * timeouts belong to each flow's own settings.
 *
 * @param connectionsPerRoute most connections open at once to one server
 * @param maxTotalConnections most connections one endpoint keeps open
 */
@ConfigurationProperties(prefix = "flexhub.http")
public record OutboundHttpProperties(Integer connectionsPerRoute, Integer maxTotalConnections) {

    public static final OutboundHttpProperties DEFAULTS = new OutboundHttpProperties(null, null);

    public OutboundHttpProperties {
        connectionsPerRoute = connectionsPerRoute == null ? 20 : connectionsPerRoute;
        maxTotalConnections = maxTotalConnections == null ? 50 : maxTotalConnections;
        if (connectionsPerRoute < 1 || maxTotalConnections < connectionsPerRoute) {
            throw new IllegalArgumentException("flexhub.http: connections-per-route must be at least 1 and at most "
                    + "max-total-connections, got " + connectionsPerRoute + " and " + maxTotalConnections);
        }
    }
}
