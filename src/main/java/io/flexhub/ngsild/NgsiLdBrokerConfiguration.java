package io.flexhub.ngsild;

import java.net.URI;

import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.HubProperties;
import io.flexhub.common.http.CamelHttpTransport;
import io.flexhub.common.http.OutboundHttpProperties;
import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdClientConfig;
import io.flexhub.site.SiteContextUrl;

/**
 * The broker clients, when {@code flexhub.ngsild.broker-url} is set. Two clients because the Link header carries one
 * context: the site entities' (Building, devices, FlexConfiguration) and the UFTP entities'.
 */
@Configuration
@ConditionalOnExpression(NgsiLdBrokerConfiguration.BROKER)
public class NgsiLdBrokerConfiguration {

    public static final String BROKER = "!'${flexhub.ngsild.broker-url:}'.isBlank()";
    /** The route of ngsild-broker.camel.yaml that makes every broker request. */
    public static final String ROUTE = "direct:ngsi-ld-broker";

    @Bean
    @Qualifier("site")
    NgsiLdClient ngsiLdSiteClient(NgsiLdProperties p, SiteContextUrl siteContext, ProducerTemplate producer,
            OutboundHttpProperties pool) {
        return client(config(p, siteContext.value()), producer, pool);
    }

    @Bean
    @Qualifier("uftp")
    NgsiLdClient ngsiLdUftpClient(NgsiLdProperties p, HubProperties hub, ProducerTemplate producer,
            OutboundHttpProperties pool) {
        return client(config(p, hub.uftpContextUrl()), producer, pool);
    }

    /**
     * Both clients have the same broker and timeouts, so they share one camel-http endpoint per broker origin (HTTP/1.1,
     * which brokers speak; the JDK client's HTTP/2 upgrade on a PATCH with a body once stalled against some servers).
     */
    static NgsiLdClient client(NgsiLdClientConfig config, ProducerTemplate producer, OutboundHttpProperties pool) {
        return new NgsiLdClient(config, new CamelHttpTransport(producer, ROUTE, config.connectTimeout(),
                config.requestTimeout(), pool), new ObjectMapper(),
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    static NgsiLdClientConfig config(NgsiLdProperties p, String context) {
        URI base = URI.create(p.brokerUrl());
        URI temporal = p.temporalUrl() == null ? base : URI.create(p.temporalUrl());
        // the hub's own outboxes and refreshes retry later, so one quick retry is enough here
        return new NgsiLdClientConfig(base, temporal, context, p.tenant(), p.connectTimeout(), p.requestTimeout(),
                new NgsiLdClientConfig.RetryPolicy(2, java.time.Duration.ofMillis(200), 2.0),
                NgsiLdClientConfig.MAX_PORTABLE_PAGE_SIZE, p.temporalLimit());
    }
}
