package io.flexhub.ngsild;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.flexhub.common.HubProperties;
import io.flexhub.site.SiteContextUrl;

/** The site entities' @context URL: {@code flexhub.ngsild.context-url} when the operator hosts it, else the hub's copy. */
@Configuration(proxyBeanMethods = false)
class SiteContextConfiguration {

    @Bean
    SiteContextUrl siteContextUrl(NgsiLdProperties ngsiLd, HubProperties hub) {
        return ngsiLd.contextUrl() != null ? new SiteContextUrl(ngsiLd.contextUrl())
                : SiteContextUrl.servedBy(hub.publicBaseUrl().toString());
    }
}
