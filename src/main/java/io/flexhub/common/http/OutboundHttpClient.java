package io.flexhub.common.http;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of the {@link CamelHttpTransport} endpoints (broker, health check, forecasting service, probes): one
 * request per call and the answer as it was. No automatic retries (the callers have their own policies, and a retry
 * here would hide attempts from them), no redirects followed, no cookies kept between calls, and no transparent
 * compression, so a request looks on the wire as the caller wrote it.
 */
@Component(CamelHttpTransport.CLIENT)
public class OutboundHttpClient implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression();
    }
}
