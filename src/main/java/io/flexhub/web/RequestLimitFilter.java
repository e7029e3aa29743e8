package io.flexhub.web;

import java.io.IOException;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import io.flexhub.analytics.history.ImportProperties;
import io.flexhub.usef.UsefProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The declared length, checked before anything else (authentication included) looks at a request: a body
 * declared larger than its entry's limit is answered 413 at once, and UFTP, which demands a Content-Length,
 * gets 411 without one. A body whose length is not declared is counted while it is read ({@link
 * RequestBodyFilter}).
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestLimit(UsefProperties usef, WebProperties web,
                                                             ImportProperties archiveImport) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Limit(new BodyLimits(usef, web, archiveImport), new Refusals(web)));
        registration.addUrlPatterns("/shapeshifter/*", "/demo-dso/*", "/api/*", "/services/*", "/ngsi-ld/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Tomcat answers {@code Expect: 100-continue} when the body is first read rather than at once, so that a
     * request refused here never has its body sent at all.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    static final class Limit extends OncePerRequestFilter {

        private final BodyLimits limits;
        private final Refusals refusals;

        Limit(BodyLimits limits, Refusals refusals) {
            this.limits = limits;
            this.refusals = refusals;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!BodyLimits.bodyMethod(request)) {
                chain.doFilter(request, response);
                return;
            }
            String path = BodyLimits.path(request);
            Dialect dialect = Dialect.of(path);
            long max = limits.of(dialect, path);
            long declared = request.getContentLengthLong();
            if (declared > max) {
                refusals.send(request, response, dialect, 413,
                        "Request body of " + declared + " bytes exceeds the limit of " + max + " bytes", 0, true);
                return;
            }
            if (declared < 0 && dialect.requiresContentLength()) {
                refusals.send(request, response, dialect, 411, "Content-Length header is required", 0, true);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
