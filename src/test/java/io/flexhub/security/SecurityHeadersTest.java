package io.flexhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

import io.flexhub.support.H2HubTest;

/**
 * Every filter chain writes its security headers before the request is handled, so that no thread but the
 * servlet's touches the response's header list while platform-http's worker thread answers: written on the way
 * out, both wrote it at once, and under load a few answers per wrk run had a header with an empty name. The admin's
 * answers are never cached; the public JSON-LD contexts say themselves how long they may be.
 */
class SecurityHeadersTest extends H2HubTest {

    @Autowired
    private FilterChainProxy security;

    @ParameterizedTest
    @ValueSource(strings = {"/api/usef/translate", "/shapeshifter/api/v3/message", "/energy.html"})
    void the_security_headers_are_on_the_response_before_the_request_is_handled(String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        SecurityFilterChain chain = security.getFilterChains().stream().filter(c -> c.matches(request))
                .findFirst().orElseThrow();
        Filter headers = chain.getFilters().stream().filter(HeaderWriterFilter.class::isInstance).findFirst()
                .orElseThrow(() -> new AssertionError(path + ": its chain writes no security headers"));

        List<String> seenByTheHandler = new ArrayList<>();
        MockHttpServletResponse response = new MockHttpServletResponse();
        headers.doFilter(request, response,
                (req, res) -> seenByTheHandler.addAll(((HttpServletResponse) res).getHeaderNames()));

        assertThat(seenByTheHandler).as(path).contains("X-Content-Type-Options", "X-Frame-Options");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        // public answers set their own caching (the contexts); the admin's answers are never cached
        assertThat(seenByTheHandler.contains("Cache-Control")).as(path).isEqualTo(!path.startsWith("/shapeshifter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ngsi-ld/contexts/uftp.jsonld", "/ngsi-ld/contexts/site.jsonld"})
    void the_json_ld_contexts_may_be_cached_for_a_day_and_nothing_says_otherwise(String path) {
        HttpResponse<String> context = send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());

        assertThat(context.statusCode()).isEqualTo(200);
        assertThat(context.headers().allValues("Cache-Control")).containsExactly("public, max-age=86400");
        assertThat(context.headers().firstValue("Pragma")).isEmpty();
        assertThat(context.headers().firstValue("Expires")).isEmpty();
        assertThat(context.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void the_admin_api_is_never_cached() {
        HttpResponse<String> sites = admin(HttpRequest.newBuilder(URI.create(url("/api/energy/sites"))).GET());

        assertThat(sites.statusCode()).isEqualTo(200);
        assertThat(sites.headers().allValues("Cache-Control"))
                .containsExactly("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(sites.headers().firstValue("Pragma")).contains("no-cache");
    }
}
