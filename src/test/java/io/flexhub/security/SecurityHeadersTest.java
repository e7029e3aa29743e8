package io.flexhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

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
 * out, both wrote it at once, and about one answer in 10,000 under load had a header with an empty name.
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

        assertThat(seenByTheHandler).as(path).contains("X-Content-Type-Options", "X-Frame-Options",
                "Cache-Control");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }
}
