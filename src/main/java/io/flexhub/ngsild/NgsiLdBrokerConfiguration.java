package io.flexhub.ngsild;

import java.net.URI;
import java.net.http.HttpClient;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.HubProperties;
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

    @Bean
    @Qualifier("site")
    NgsiLdClient ngsiLdSiteClient(NgsiLdProperties p, SiteContextUrl siteContext) {
        return client(config(p, siteContext.value()));
    }

    @Bean
    @Qualifier("uftp")
    NgsiLdClient ngsiLdUftpClient(NgsiLdProperties p, HubProperties hub) {
        return client(config(p, hub.uftpContextUrl()));
    }

    /**
     * HTTP/1.1: brokers speak it, and the HTTP/2 cleartext upgrade attempted on a PATCH or POST with a body stalled
     * until the timeout against some servers.
     */
    static NgsiLdClient client(NgsiLdClientConfig config) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout()).build();
        return new NgsiLdClient(config, http, new ObjectMapper(),
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
