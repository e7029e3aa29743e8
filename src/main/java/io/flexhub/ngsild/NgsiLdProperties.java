package io.flexhub.ngsild;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.flexhub.ngsild.client.NgsiLdClientConfig;

/**
 * The NGSI-LD broker the building context comes from. An empty {@code brokerUrl} means no broker: the embedded
 * adapter (hub database, site file) is used instead.
 *
 * @param brokerUrl          the broker as {@code http://scorpio:9090} or {@code http://scorpio:9090/ngsi-ld/v1} (trailing
 *                           slash or not); held as the API base ({@link NgsiLdClientConfig#apiBase})
 * @param temporalUrl        base of the temporal API when it is a separate service (Orion-LD + Mintaka), either form;
 *                           empty = broker
 * @param contextUrl         the @context of the site entities as the broker must fetch it, any URL (a copy of
 *                           {@code docs/ngsi-ld/site-context.jsonld}); empty = the hub's own
 *                           {@code /ngsi-ld/contexts/site.jsonld}
 * @param tenant             {@code NGSILD-Tenant}; empty = default tenant
 * @param notifySecret       shared secret in the notification URL (or {@code X-Flexhub-Notify-Secret}); from the
 *                           environment only; empty disables notifications (the cache is then refreshed by polling)
 * @param subscriptions      whether the hub registers its subscriptions at start-up
 * @param refreshInterval    full re-read of Building, device and FlexConfiguration entities
 * @param publishInterval    how often pending entities (UFTP messages) are upserted
 * @param publishMaxDelay    longest back-off between two attempts to upsert a pending entity
 * @param temporalLimit      most instances per attribute the broker returns for one temporal request (Scorpio: 50,
 *                           cut silently); history is read in windows below it
 */
@ConfigurationProperties(prefix = "flexhub.ngsild")
public record NgsiLdProperties(String brokerUrl, String temporalUrl, String contextUrl, String tenant,
        String notifySecret, Boolean subscriptions, Duration refreshInterval, Duration publishInterval,
        Duration publishMaxDelay, Duration connectTimeout, Duration requestTimeout, Integer temporalLimit) {

    public NgsiLdProperties {
        brokerUrl = apiBase(blank(brokerUrl), "broker-url");
        temporalUrl = apiBase(blank(temporalUrl), "temporal-url");
        contextUrl = blank(contextUrl);
        tenant = blank(tenant);
        notifySecret = blank(notifySecret);
        subscriptions = subscriptions == null || subscriptions;
        refreshInterval = refreshInterval == null ? Duration.ofMinutes(5) : refreshInterval;
        publishInterval = publishInterval == null ? Duration.ofSeconds(2) : publishInterval;
        publishMaxDelay = publishMaxDelay == null ? Duration.ofMinutes(10) : publishMaxDelay;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(15) : requestTimeout;
        temporalLimit = temporalLimit == null ? NgsiLdClientConfig.DEFAULT_TEMPORAL_LIMIT : temporalLimit;
    }

    public boolean brokerConfigured() {
        return brokerUrl != null;
    }

    private static String apiBase(String url, String key) {
        try {
            return url == null ? null : NgsiLdClientConfig.apiBase(URI.create(url)).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flexhub.ngsild." + key + ": " + e.getMessage(), e);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
